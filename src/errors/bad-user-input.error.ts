import { GraphQLError } from 'graphql';
import type { MatchCandidate } from '../import/import-problem';

/** One invalid input field: its path from the argument (`input.participants.0.personId`) and what is wrong. */
export interface InvalidField {
  path: string;
  message: string;
}

/** One reason a bundle was not imported: its bundle path, what is wrong, and for a near match the stored records it may be. */
export interface BundleProblem {
  path: string;
  message: string;
  candidates: MatchCandidate[];
}

/** A malformed, out-of-range or rule-breaking argument: the client must change its request. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, argumentName?: string, extensions: { fields?: InvalidField[]; referencedBy?: string[]; draftCode?: string; problems?: BundleProblem[] } = {}) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', ...(argumentName ? { argumentName } : {}), ...extensions } });
    this.name = 'BadUserInputError';
  }
}
