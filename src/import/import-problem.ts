/** One reason a bundle cannot be imported, located by its JSON path in the bundle. */
export interface ImportProblem {
  /** Where in the bundle: `meetings[2].participants[0].person`; empty for the bundle as a whole. */
  path: string;
  message: string;
}

/** Renders a problem as one line: `meetings[2].participants[0].person: unknown Person "Kairat Umarof"`. */
export function formatImportProblem(problem: ImportProblem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}
