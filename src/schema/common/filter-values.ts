/**
 * Turns the values clients filter by (global ids, slugs, ISO codes) into the slugs the
 * store indexes, rejecting malformed values with BAD_USER_INPUT. An empty list is no
 * filter; values that name nothing match nothing.
 */
import { BadUserInputError } from '../../errors/bad-user-input.error';
import type { Loaders } from '../../loaders/create-loaders';
import { then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import { slug as slugSchema, type EntityType } from '../../store/contract/records';
import type { DateMatch, DateRange } from '../../store/contract/store';
import { readReference, resolveReferences } from './entity-reference';

/** The most values one filter list (`countries`, `participants`, `topics`, `countriesAll`, ...) may hold, repeats included. */
export const MAX_FILTER_VALUES = 100;

/**
 * The slugs of the entities of `type` that filter values name (global ids, slugs, and for
 * countries ISO codes: see entity-reference.ts), or undefined for no filter. A malformed
 * value or the id of another type is BAD_USER_INPUT naming the argument; a value that
 * names nothing matches nothing.
 */
export function referencedSlugs(loaders: Loaders, values: readonly string[] | null | undefined, type: EntityType, argumentName: string): PromiseOrValue<string[] | undefined> {
  return then(everyReferencedSlug(loaders, values, type, argumentName), (slugs) => slugs && slugs.filter((slug) => slug !== null));
}

/**
 * As `referencedSlugs`, for a filter every value must satisfy (`countriesAll`): each
 * distinct slug once, and null for a value that names nothing (then nothing matches).
 */
export function everyReferencedSlug(loaders: Loaders, values: readonly string[] | null | undefined, type: EntityType, argumentName: string): PromiseOrValue<(string | null)[] | undefined> {
  if (!values || values.length === 0) return undefined;
  // Bounded before any work: the store tests each record against each value.
  if (values.length > MAX_FILTER_VALUES) {
    throw new BadUserInputError(`"${argumentName}" may hold at most ${MAX_FILTER_VALUES} values; got ${values.length}.`, argumentName);
  }
  const references = [...new Set(values)].map((value) => {
    const reference = readReference(value, type);
    if ('problem' in reference) throw new BadUserInputError(`"${argumentName}": ${reference.problem}.`, argumentName);
    return reference;
  });
  // An id, a slug and an ISO code may name the same entity: each slug once.
  return then(resolveReferences(loaders, references), (slugs) => [...new Set(slugs)]);
}

/** Checks one slug argument: lower-case words of a-z and 0-9 joined by hyphens. */
export function checkSlug(value: string, argumentName: string): string {
  if (!slugSchema.safeParse(value).success) {
    throw new BadUserInputError(`"${argumentName}" must be a slug (lower-case words of a-z and 0-9 joined by "-", e.g. "kairat-umarov"); got ${JSON.stringify(value.slice(0, 200))}.`, argumentName);
  }
  return value;
}

/** A date window from optional bounds and how dates must relate to it (OVERLAPS when omitted); null when open on both sides. */
export function dateRange(from: string | null | undefined, to: string | null | undefined, match?: DateMatch | null): DateRange | null {
  if (from == null && to == null) return null;
  if (from != null && to != null && from > to) throw new BadUserInputError(`"from" (${from}) must not be after "to" (${to}).`, 'from');
  return { from: from ?? null, to: to ?? null, match: match ?? 'OVERLAPS' };
}

/** Checks a free-text filter: at most 200 characters. */
export function checkedText(text: string | null | undefined, argumentName = 'text'): string | null {
  if (text == null || text.trim() === '') return null;
  if (text.length > 200) throw new BadUserInputError(`"${argumentName}" must be at most 200 characters; got ${text.length}.`, argumentName);
  return text;
}
