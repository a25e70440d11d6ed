/**
 * The explorer's filter as data, without the DOM (so that the server's tests can check it
 * against the server's own reading of `?filter=`): the filter bar's fields to a
 * `MeetingFilter` and back, the filter in the page's address (`?filter=<MeetingFilter as
 * JSON>`, the JSON `GET /export/<format>?filter=` reads too) and the export links.
 */
import type { MeetingFilter, MeetingKind } from '../../sdk/src';

/** What the form's fields hold, as text (the date inputs' values are YYYY-MM-DD or empty). */
export interface FilterFields {
  countries: string;
  /** "any": meetings involving any of the countries (`countries`); "all": every one of them (`countriesAll`). */
  countryMatch: 'any' | 'all';
  topics: string;
  /** Empty for any kind; else one kind, or several joined by "," (a filter from an address may name several). */
  kind: string;
  from: string;
  to: string;
  text: string;
}

/** The parts of a MeetingFilter the form edits; any other part (participants, a place) is kept as the address gave it. */
const FORM_KEYS = ['countries', 'countriesAll', 'topics', 'kinds', 'from', 'to', 'text'] as const satisfies readonly (keyof MeetingFilter)[];

export const NO_FIELDS: FilterFields = { countries: '', countryMatch: 'any', topics: '', kind: '', from: '', to: '', text: '' };

/** "KZ, US ,," → ["KZ", "US"]. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** The filter the fields state, with `kept` (the parts the form does not show) beside it; null when it states nothing. */
export function filterFromFields(fields: FilterFields, kept: MeetingFilter | null = null): MeetingFilter | null {
  const filter: MeetingFilter = { ...withoutFormKeys(kept) };
  const countries = splitList(fields.countries);
  if (countries.length > 0) filter[fields.countryMatch === 'all' ? 'countriesAll' : 'countries'] = countries;
  const topics = splitList(fields.topics);
  if (topics.length > 0) filter.topics = topics;
  const kinds = splitList(fields.kind);
  if (kinds.length > 0) filter.kinds = kinds as MeetingKind[];
  if (fields.from !== '') filter.from = fields.from;
  if (fields.to !== '') filter.to = fields.to;
  if (fields.text.trim() !== '') filter.text = fields.text.trim();
  return Object.keys(filter).length > 0 ? filter : null;
}

/** The fields showing `filter` (values of the wrong type show as nothing: the API says what is wrong with them). */
export function fieldsFromFilter(filter: MeetingFilter | null): FilterFields {
  if (!filter) return NO_FIELDS;
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String).join(', ') : '');
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const all = Array.isArray(filter.countriesAll) && filter.countriesAll.length > 0;
  return {
    countries: list(all ? filter.countriesAll : filter.countries),
    countryMatch: all ? 'all' : 'any',
    topics: list(filter.topics),
    kind: Array.isArray(filter.kinds) ? filter.kinds.join(',') : '',
    from: text(filter.from),
    to: text(filter.to),
    text: text(filter.text),
  };
}

/** The parts of `filter` the form does not edit, or null for none. */
export function withoutFormKeys(filter: MeetingFilter | null): MeetingFilter | null {
  if (!filter) return null;
  const rest: Record<string, unknown> = { ...filter };
  for (const key of FORM_KEYS) delete rest[key];
  return Object.keys(rest).length > 0 ? (rest as MeetingFilter) : null;
}

/** The filter an address's query string names (`?filter=`): none when absent, and a problem (the filter ignored) when it is not a JSON object. */
export function readFilterParam(search: string): { filter: MeetingFilter | null; problem: string | null } {
  const json = new URLSearchParams(search).get('filter');
  if (json === null || json.trim() === '' || json.trim() === 'null') return { filter: null, problem: null };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { filter: null, problem: 'it is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { filter: null, problem: 'it is not a JSON object' };
  return { filter: value as MeetingFilter, problem: null };
}

/** The filter as the address and the exports take it: JSON, or null for none. */
export function filterJson(filter: MeetingFilter | null): string | null {
  return filter && Object.keys(filter).length > 0 ? JSON.stringify(filter) : null;
}

/** `href` with `?filter=` set to `filter` (or removed for none); its other parameters and its hash unchanged. */
export function hrefWithFilter(href: string, filter: MeetingFilter | null): string {
  const url = new URL(href);
  const json = filterJson(filter);
  if (json === null) url.searchParams.delete('filter');
  else url.searchParams.set('filter', json);
  return url.href;
}

/** The address of an export (`path`, e.g. "/export/meetings") of the meetings `filter` matches. */
export function exportHref(path: string, filter: MeetingFilter | null): string {
  const json = filterJson(filter);
  return json === null ? path : `${path}?filter=${encodeURIComponent(json)}`;
}
