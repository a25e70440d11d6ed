/** Why a write was refused; the store changed nothing. */
import type { EntityType } from './records';
import type { FieldProblem } from './validate';

/** The changes break a rule: each problem names the change (by index) and the field within its record. */
export class WriteRejectedError extends Error {
  constructor(
    readonly problems: readonly (FieldProblem & { change: number })[],
    /** For a refused delete: the records that still refer to the entity. */
    readonly referencedBy: readonly { type: EntityType; slug: string; field: string }[] = [],
  ) {
    super(problems.map((problem) => `${problem.field}: ${problem.message}`).join('; '));
    this.name = 'WriteRejectedError';
  }
}

/** An update or delete named an entity that does not exist. */
export class EntityNotFoundError extends Error {
  constructor(
    readonly type: EntityType,
    readonly slug: string,
    readonly change: number,
  ) {
    super(`no ${type} has the slug ${JSON.stringify(slug)}`);
    this.name = 'EntityNotFoundError';
  }
}

/**
 * The store has no space left to record the write (a full disk, a quota; PostgreSQL's
 * SQLSTATE 53100): nothing was changed, and writes succeed again once space is freed.
 */
export class NoSpaceLeftError extends Error {
  constructor(
    /** Where space ran out: the data directory, or the database. */
    readonly where: string,
    options?: { cause?: unknown },
  ) {
    super(`no space left to record the write in ${where}; nothing was changed, and writes succeed again once space is freed`, options);
    this.name = 'NoSpaceLeftError';
  }
}
