/** One thing wrong with a data directory, located by file, record and field. */
export interface DataProblem {
  /** The file, relative to the data directory. */
  file: string;
  /** The record: its slug, or `#index` when it has none. */
  record?: string;
  /** The field path within the record, e.g. `participants.1.person`. */
  field?: string;
  message: string;
}

/** Renders a problem as one line: `meetings.json: record "x": field participants.0.person: unknown Person "y"`. */
export function formatProblem(problem: DataProblem): string {
  const where = [problem.file];
  if (problem.record !== undefined) where.push(`record ${JSON.stringify(problem.record)}`);
  if (problem.field !== undefined && problem.field !== '') where.push(`field ${problem.field}`);
  return `${where.join(': ')}: ${problem.message}`;
}

/** Thrown when a data directory fails validation; carries every problem found, not just the first. */
export class DataValidationError extends Error {
  constructor(
    readonly directory: string,
    readonly problems: readonly DataProblem[],
  ) {
    super(
      `${directory} holds invalid data (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((problem) => `  - ${formatProblem(problem)}`).join('\n'),
    );
    this.name = 'DataValidationError';
  }
}
