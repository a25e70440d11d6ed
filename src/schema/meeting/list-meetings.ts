import type { Context } from '../../context';
import { all, then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import type { Condition, Entity } from '../../store/contract/store';
import { checkedText, dateRange, everyReferencedSlug, referencedSlugs } from '../common/filter-values';
import type { ConnectionValue } from '../relay/connection.type';
import { resolveConnection, type ListConditions } from '../relay/resolve-connection';
import type { MeetingFilter, MeetingsArgs } from './meetings.args';

/** A page of meetings matching `args` within `scope` (e.g. a person's meetings). */
export function listMeetings(context: Context, args: MeetingsArgs, scope: Condition<'Meeting'>[] = []): PromiseOrValue<ConnectionValue<Entity<'Meeting'>>> {
  return then(meetingConditions(context, args.filter, scope), (conditions) =>
    resolveConnection(context.cursors, context.loaders.meetingPages, args, args.orderBy ?? { field: 'DATE', direction: 'DESC' }, conditions),
  );
}

/** The store conditions of `filter` within `scope`: what `meetings(filter:)` asks the store, and `meetingStats` too. */
export function meetingConditions({ loaders }: Context, filter: MeetingFilter | null | undefined, scope: Condition<'Meeting'>[] = []): PromiseOrValue<ListConditions<'Meeting'>> {
  filter ??= {};
  const references = all([
    referencedSlugs(loaders, filter.countries, 'Country', 'filter.countries'),
    referencedSlugs(loaders, filter.participants, 'Person', 'filter.participants'),
    referencedSlugs(loaders, filter.topics, 'Topic', 'filter.topics'),
    everyReferencedSlug(loaders, filter.countriesAll, 'Country', 'filter.countriesAll'),
    everyReferencedSlug(loaders, filter.participantsAll, 'Person', 'filter.participantsAll'),
  ]);
  return then(references, ([countries, participants, topics, countriesAll, participantsAll]) => {
    const where = [...scope];
    if (countries) where.push({ field: 'country', anyOf: countries });
    if (participants) where.push({ field: 'participant', anyOf: participants });
    // One condition per entity that must be involved: the stores intersect their posting
    // lists. A value that names nothing is a condition nothing meets.
    for (const country of countriesAll ?? []) where.push({ field: 'country', anyOf: country === null ? [] : [country] });
    for (const person of participantsAll ?? []) where.push({ field: 'participant', anyOf: person === null ? [] : [person] });
    if (topics) where.push({ field: 'topic', anyOf: topics });
    if (filter.kinds?.length) where.push({ field: 'kind', anyOf: filter.kinds });
    return {
      where,
      dateRange: dateRange(filter.from, filter.to, filter.dateMatch),
      text: checkedText(filter.text, 'filter.text'),
    };
  });
}
