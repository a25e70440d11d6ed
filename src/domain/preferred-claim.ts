/**
 * Which of several disagreeing claims an entity answers: the documented rule for
 * conflicts (docs/many-sources.md). Every claim is kept with its citations; this only
 * picks the value a field shows.
 *
 * The rule, in order:
 * 1. a claim an official source makes (a statement, press release or transcript of a
 *    government body, or a news quote attributed to one) over a claim only news makes;
 * 2. more distinct sources over fewer;
 * 3. the more specific over the vaguer (a narrower date range, a longer title);
 * 4. the claim stored first.
 */
import type { SourceKind } from './vocabularies';

/** Source kinds whose claims count as official. */
const OFFICIAL_KINDS: ReadonlySet<SourceKind> = new Set<SourceKind>(['OFFICIAL_STATEMENT', 'PRESS_RELEASE', 'TRANSCRIPT']);

/** What supports one claim, as the rule weighs it. */
export interface ClaimSupport {
  /** The distinct sources stating the claim: a citation's `attributedTo`, else its `source`. */
  sources: readonly string[];
  /** True when one of those sources is official. */
  official: boolean;
  /** Larger is more specific: for a date, minus the days its range spans; for a text, its length. */
  specificity: number;
}

/** A citation as the rule reads it. */
interface CitationLike {
  source: string;
  attributedTo?: string | null | undefined;
}

/** The support of a claim from its citations; `kindOf` gives a source's kind (undefined when unknown). */
export function claimSupport(citations: readonly CitationLike[], kindOf: (source: string) => SourceKind | undefined, specificity: number): ClaimSupport {
  const sources = [...new Set(citations.map((citation) => citation.attributedTo ?? citation.source))];
  const official = sources.some((source) => {
    const kind = kindOf(source);
    return kind !== undefined && OFFICIAL_KINDS.has(kind);
  });
  return { sources, official, specificity };
}

/** The index of the preferred claim by the rule above; -1 for no claims. */
export function preferredClaimIndex(claims: readonly ClaimSupport[]): number {
  let best = -1;
  claims.forEach((claim, index) => {
    if (best === -1 || compareClaims(claim, claims[best]!) < 0) best = index;
  });
  return best;
}

/** Negative when `a` is preferred to `b`; zero leaves the earlier one first. */
function compareClaims(a: ClaimSupport, b: ClaimSupport): number {
  if (a.official !== b.official) return a.official ? -1 : 1;
  if (a.sources.length !== b.sources.length) return b.sources.length - a.sources.length;
  return b.specificity - a.specificity;
}
