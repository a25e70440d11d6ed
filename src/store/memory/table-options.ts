/** The tuning of a table lineage: when deltas fold, when search is rebuilt, what is deferred. */

/** How a table grows and what it builds later; every field has a default (`DEFAULT_TABLE_OPTIONS`). */
export interface TableOptions {
  /** How many delta records (written or hidden) a version carries before they are folded into a new base. */
  deltaLimit?: (baseSize: number) => number;
  /** How many dead record versions the search generation may hold, beyond live ones, before it is rebuilt. */
  searchSlack?: (size: number) => number;
  /** Whether a filtered query walks the presorted order (instead of sorting candidates) when its smallest condition may match `estimate` of `size` records. */
  walkOrder?: (estimate: number, size: number) => boolean;
  /** Build the text and name indexes only when `indexSearch` is called (in the background), not in `build`. */
  deferSearch?: boolean;
  /**
   * Build the posting lists, orders and date index in the background (`indexBase`), not in
   * `build`: until they are, `findNow` answers null and callers wait for `indexesReady`.
   */
  deferIndexes?: boolean;
}

/** The options a table uses where it is given none. */
export const DEFAULT_TABLE_OPTIONS: Required<TableOptions> = {
  deltaLimit: (size) => Math.max(1000, Math.ceil(Math.sqrt(size))),
  searchSlack: (size) => size + 1000,
  walkOrder: (estimate, size) => estimate * 8 > size,
  deferSearch: false,
  deferIndexes: false,
};
