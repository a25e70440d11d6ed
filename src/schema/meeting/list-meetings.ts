import type { Context } from '../../context';
import { then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import type { Condition, Entity } from '../../store/contract/store';
import type { ConnectionValue } from '../relay/connection.type';
import { resolveConnection } from '../relay/resolve-connection';
import { meetingConditions } from './meeting-conditions';
import type { MeetingsArgs } from './meetings.args';

/** A page of meetings matching `args` within `scope` (e.g. a person's meetings). */
export function listMeetings({ loaders, cursors }: Context, args: MeetingsArgs, scope: Condition<'Meeting'>[] = []): PromiseOrValue<ConnectionValue<Entity<'Meeting'>>> {
  return then(meetingConditions(loaders, args.filter), (conditions) =>
    resolveConnection(cursors, loaders.meetingPages, args, args.orderBy ?? { field: 'DATE', direction: 'DESC' }, { ...conditions, where: [...scope, ...conditions.where] }),
  );
}
