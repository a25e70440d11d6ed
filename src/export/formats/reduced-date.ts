/**
 * A fuzzy date as an ISO 8601 reduced date ("2023", "2023-02", "2023-02-27"): the finest
 * one that holds the whole of its range, which is what Popolo's and FollowTheMoney's date
 * fields can say. "Late February 2023" is "2023-02": the meeting was in February 2023; the
 * 21st would claim a day the source does not give. A range that crosses a year, or an open
 * bound ("on or before 30 April 2023"), has no such date: the formats then leave the field
 * out and carry the exact bounds beside it.
 */
import type { FuzzyDateRecord } from '../../store/contract/records';

/** The reduced ISO date that contains every day `date` allows, or null when none does (or no date). */
export function reducedDate(date: FuzzyDateRecord | null): string | null {
  if (date === null || date.earliest === null || date.latest === null) return null;
  if (date.earliest === date.latest) return date.earliest;
  if (date.earliest.slice(0, 7) === date.latest.slice(0, 7)) return date.earliest.slice(0, 7);
  if (date.earliest.slice(0, 4) === date.latest.slice(0, 4)) return date.earliest.slice(0, 4);
  return null;
}
