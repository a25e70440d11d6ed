/**
 * The filter of an export (`GET /export/<format>?filter=…`, `npm run export -- <format>
 * --filter …`): a `MeetingFilter` as JSON, read by the schema's own input type exactly as
 * the API reads a `meetings(filter:)` variable (the same fields, enums, dates and messages).
 */
import { coerceInputValue, isInputObjectType } from 'graphql';
import { BadUserInputError } from '../errors/bad-user-input.error';
import { buildAppSchema } from '../schema/index';
import type { MeetingFilter } from '../schema/meeting/meetings.args';

/** The most characters a filter's JSON may hold (a filter's lists hold at most 100 values each). */
export const MAX_FILTER_JSON_LENGTH = 20_000;

const EXAMPLE = '{"countriesAll":["KZ","US"],"from":"2023-01-01"}';

/** The filter `json` states, or null for none (absent, empty or `null`); BAD_USER_INPUT naming `filter` when it is not a MeetingFilter. */
export function readMeetingFilter(json: string | null | undefined): MeetingFilter | null {
  if (json == null || json.trim() === '') return null;
  if (json.length > MAX_FILTER_JSON_LENGTH) throw new BadUserInputError(`"filter" must be at most ${MAX_FILTER_JSON_LENGTH} characters of JSON; got ${json.length}.`, 'filter');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new BadUserInputError(`"filter" must be a MeetingFilter as JSON, e.g. ${EXAMPLE}; it is not JSON (${(error as Error).message}).`, 'filter');
  }
  // `null`, as the API's `filter: null`: no filter.
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new BadUserInputError(`"filter" must be a MeetingFilter as a JSON object, e.g. ${EXAMPLE}; got ${JSON.stringify(value).slice(0, 100)}.`, 'filter');
  }
  const type = buildAppSchema().getType('MeetingFilter');
  if (!isInputObjectType(type)) throw new Error('the schema has no MeetingFilter input type');
  const problems: string[] = [];
  const filter = coerceInputValue(value, type, (path, _invalid, error) => {
    problems.push(`${['filter', ...path].join('.')}: ${error.message}`);
  }) as MeetingFilter;
  if (problems.length > 0) throw new BadUserInputError(`"filter" is not a MeetingFilter: ${problems.slice(0, 5).join(' ')}`, 'filter');
  return filter;
}
