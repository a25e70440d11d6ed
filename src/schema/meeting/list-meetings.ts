import type { Context } from '../../context';
import { all, then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import type { Condition, Entity } from '../../store/contract/store';
import { checkedText, dateRange, referencedSlugs } from '../common/filter-values';
import type { ConnectionValue } from '../relay/connection.type';
import { resolveConnection } from '../relay/resolve-connection';
import type { MeetingsArgs } from './meetings.args';

/** A page of meetings matching `args` within `scope` (e.g. a person's meetings). */
export function listMeetings({ loaders, cursors }: Context, args: MeetingsArgs, scope: Condition<'Meeting'>[] = []): PromiseOrValue<ConnectionValue<Entity<'Meeting'>>> {
  const filter = args.filter ?? {};
  const references = all([
    referencedSlugs(loaders, filter.countries, 'Country', 'filter.countries'),
    referencedSlugs(loaders, filter.participants, 'Person', 'filter.participants'),
    referencedSlugs(loaders, filter.topics, 'Topic', 'filter.topics'),
  ]);
  return then(references, ([countries, participants, topics]) => {
    const where = [...scope];
    if (countries) where.push({ field: 'country', anyOf: countries });
    if (participants) where.push({ field: 'participant', anyOf: participants });
    if (topics) where.push({ field: 'topic', anyOf: topics });
    if (filter.kinds?.length) where.push({ field: 'kind', anyOf: filter.kinds });
    return resolveConnection(cursors, loaders.meetingPages, args, args.orderBy ?? { field: 'DATE', direction: 'DESC' }, {
      where,
      dateRange: dateRange(filter.from, filter.to),
      text: checkedText(filter.text, 'filter.text'),
    });
  });
}
