/** One reason a bundle cannot be imported, located by its JSON path in the bundle. */
export interface ImportProblem {
  /** Where in the bundle: `meetings[2].participants[0].person`; empty for the bundle as a whole. */
  path: string;
  message: string;
  /** For a near match: the stored records the bundle record may be, best first, to settle with `sameAs` or `distinctFrom`. */
  candidates?: MatchCandidate[];
}

/** A stored record that a bundle record may be, with how alike they are. */
export interface MatchCandidate {
  slug: string;
  /** Its name or title. */
  name: string;
  /** From 0 to 1: see docs/many-sources.md for how names and events are scored. */
  score: number;
  /** What the score rests on: "name \"Mukhtar Tileuberdi\"", "same location", "2 of 3 participants". */
  reasons: string[];
}

/** Renders a problem as one line (and a line per candidate): `meetings[2].participants[0].person: unknown Person "Kairat Umarof"`. */
export function formatImportProblem(problem: ImportProblem): string {
  const line = problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
  const candidates = (problem.candidates ?? []).map(
    (candidate) => `\n      ${candidate.score.toFixed(2)} ${JSON.stringify(candidate.slug)} (${candidate.name}): ${candidate.reasons.join('; ')}`,
  );
  return line + candidates.join('');
}
