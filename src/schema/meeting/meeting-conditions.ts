/**
 * A `MeetingFilter` as the store's conditions on meetings: the one translation, used by
 * every list of meetings in the API (list-meetings.ts) and by the exports (src/export), so
 * that a filter selects the same meetings wherever it is given.
 */
import type { Loaders } from '../../loaders/create-loaders';
import { all, then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import type { Condition, DateRange } from '../../store/contract/store';
import { checkedText, dateRange, everyReferencedSlug, referencedSlugs } from '../common/filter-values';
import { placesInArea } from './geo-filter';
import type { MeetingFilter } from './meetings.args';

/** What a filter asks of the store: every condition must hold, within the date window, with every word of the text. */
export interface MeetingConditions {
  where: Condition<'Meeting'>[];
  dateRange: DateRange | null;
  text: string | null;
}

/**
 * The store's conditions for `filter`, resolving the entities it names (ids, slugs, ISO
 * codes) through `loaders`. A malformed value is BAD_USER_INPUT; a value that names
 * nothing matches nothing.
 */
export function meetingConditions(loaders: Loaders, filter: MeetingFilter | null | undefined): PromiseOrValue<MeetingConditions> {
  const given = filter ?? {};
  const references = all([
    referencedSlugs(loaders, given.countries, 'Country', 'filter.countries'),
    referencedSlugs(loaders, given.participants, 'Person', 'filter.participants'),
    referencedSlugs(loaders, given.topics, 'Topic', 'filter.topics'),
    everyReferencedSlug(loaders, given.countriesAll, 'Country', 'filter.countriesAll'),
    everyReferencedSlug(loaders, given.participantsAll, 'Person', 'filter.participantsAll'),
    placesInArea(loaders, given, 'filter'),
  ]);
  return then(references, ([countries, participants, topics, countriesAll, participantsAll, placesInside]) => {
    const where: Condition<'Meeting'>[] = [];
    if (countries) where.push({ field: 'country', anyOf: countries });
    if (participants) where.push({ field: 'participant', anyOf: participants });
    // One condition per entity that must be involved: the stores intersect their posting
    // lists. A value that names nothing is a condition nothing meets.
    for (const country of countriesAll ?? []) where.push({ field: 'country', anyOf: country === null ? [] : [country] });
    for (const person of participantsAll ?? []) where.push({ field: 'participant', anyOf: person === null ? [] : [person] });
    if (topics) where.push({ field: 'topic', anyOf: topics });
    if (given.kinds?.length) where.push({ field: 'kind', anyOf: given.kinds });
    // `within` and `near`: the meetings held at the places inside the area.
    if (placesInside) where.push({ field: 'location', anyOf: placesInside });
    return {
      where,
      dateRange: dateRange(given.from, given.to, given.dateMatch),
      text: checkedText(given.text, 'filter.text'),
    };
  });
}
