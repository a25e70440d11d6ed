import { GraphQLError } from 'graphql';

/** The `extensions.code` of a read of the change feed from a point it no longer keeps. */
export const RESYNC_REQUIRED = 'RESYNC_REQUIRED';

/**
 * The change feed no longer keeps every change after the client's position (it keeps the
 * last CHANGE_RETENTION), so following on would miss some: the client must read the data
 * again and follow the feed from the current version. `resumeCursor` (queries only) is the
 * `after` cursor for that version.
 */
export class ResyncRequiredError extends GraphQLError {
  constructor(position: { after: number; oldestSeq: number; lastSeq: number; resumeCursor?: string }) {
    const { after, oldestSeq, lastSeq, resumeCursor } = position;
    const follow = resumeCursor === undefined ? `subscribe again with \`after: ${lastSeq}\`` : 'ask again with `after` set to extensions.resumeCursor';
    super(
      `The change feed no longer keeps the changes after seq ${after}: it keeps the latest changes only, from seq ${oldestSeq} now, so following on from there would miss some. ` +
        `Read the data you keep again, then follow the feed from the current version (seq ${lastSeq}, the changes' totalCount): ${follow}.`,
      { extensions: { code: RESYNC_REQUIRED, after, oldestSeq, lastSeq, ...(resumeCursor === undefined ? {} : { resumeCursor }) } },
    );
    this.name = 'ResyncRequiredError';
  }
}
