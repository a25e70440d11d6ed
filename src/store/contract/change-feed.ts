/** The change feed's retention, as both stores apply it, and the error of a read past it. */

/** How many of the latest changes the change feed keeps unless CHANGE_RETENTION says otherwise. */
export const DEFAULT_CHANGE_RETENTION = 100_000;

/**
 * The changes after `after` are no longer all kept (the feed's retention dropped older
 * ones), so a client reading from there would miss some: it must read the data again and
 * follow the feed from the current version.
 */
export class ChangesExpiredError extends Error {
  constructor(
    /** The seq the client asked to read after. */
    readonly after: number,
    /** The oldest seq the feed still keeps (lastSeq + 1 when it keeps none). */
    readonly oldestSeq: number,
    /** The last seq: the current data version. */
    readonly lastSeq: number,
  ) {
    super(`the changes after seq ${after} are no longer kept: the change feed now starts at seq ${oldestSeq} (and ends at ${lastSeq})`);
    this.name = 'ChangesExpiredError';
  }
}
