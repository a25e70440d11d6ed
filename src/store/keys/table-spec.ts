/** What a store derives from the records of one entity type to filter, order, match and search them. */
import type { FuzzyDateRecord } from '../contract/records';

/**
 * How the records of one type are indexed: which values feed each filter, order, text
 * filter, date filter and name search. The memory engine builds its indexes from it and
 * the PostgreSQL store its derived rows, so both answer every query alike.
 */
export interface TableSpec<R> {
  /** For each indexed field, the values a record is listed under (null for a missing reference). */
  indexes: Record<string, (record: R) => readonly (string | null)[]>;
  /**
   * Indexed fields whose posting lists are built on first use rather than with the table
   * (an index few requests need: start-up and memory are spared until one does).
   */
  onDemand?: readonly string[];
  /** For each order, the record's sort values (the slug is appended to make keys unique). */
  orders: Record<string, (record: R) => readonly string[]>;
  /** The words a `text` filter matches, or undefined when the type has no text filter. */
  text?: (record: R) => string;
  /** The record's date, for `dateRange` filters. */
  date?: (record: R) => FuzzyDateRecord | null;
  /** The record's name (or title) and aliases, for the cross-type `search`; undefined when the type is not searched. */
  names?: (record: R) => { name: string; aliases: readonly string[] };
}
