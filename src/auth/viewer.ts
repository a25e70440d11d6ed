/**
 * Who is calling: anonymous callers read; callers presenting one of API_TOKENS as a
 * bearer token may write. Tokens are compared in constant time and never logged.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ForbiddenError } from '../errors/forbidden.error';
import { UnauthenticatedError } from '../errors/unauthenticated.error';

export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'invalid-token' }
  | { kind: 'writer' };

/** Checks bearer tokens against the configured ones. */
export class TokenVerifier {
  private readonly digests: Buffer[];

  constructor(tokens: readonly string[]) {
    this.digests = tokens.map(digest);
  }

  /** True when the server accepts any token at all: with none configured, writes are off. */
  get writesEnabled(): boolean {
    return this.digests.length > 0;
  }

  /** The viewer an Authorization header makes. */
  viewer(authorization: string | undefined): Viewer {
    if (authorization === undefined || authorization.trim() === '') return { kind: 'anonymous' };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) return { kind: 'invalid-token' };
    const presented = digest(match[1]!);
    // Compare against every token, so the time taken does not tell which one (or whether any) matched.
    let matched = false;
    for (const known of this.digests) matched = timingSafeEqual(presented, known) || matched;
    return matched ? { kind: 'writer' } : { kind: 'invalid-token' };
  }
}

/** Throws unless the viewer may write: FORBIDDEN when the server takes no writes, UNAUTHENTICATED without a valid token. */
export function assertCanWrite(viewer: Viewer, verifier: TokenVerifier): void {
  if (!verifier.writesEnabled) throw new ForbiddenError('Writes are disabled on this server: it was started without API_TOKENS.');
  if (viewer.kind === 'anonymous') throw new UnauthenticatedError('Writes need an Authorization header: "Bearer <token>".');
  if (viewer.kind === 'invalid-token') throw new UnauthenticatedError('The bearer token is not valid.');
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
