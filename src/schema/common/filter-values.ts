/**
 * Turns the values clients filter by (ISO codes, global ids, slugs) into the slugs the
 * store indexes, rejecting malformed values with BAD_USER_INPUT. An empty list is no
 * filter; values that name nothing match nothing.
 */
import { BadUserInputError } from '../../errors/bad-user-input.error';
import type { Loaders } from '../../loaders/create-loaders';
import { then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import { slug as slugSchema, type EntityType } from '../../store/records';
import type { DateRange } from '../../store/store';
import { fromGlobalId } from '../relay/global-id';

const ISO_CODE = /^[A-Za-z]{2}$/;

/** The slugs of the countries with these ISO codes, or undefined for no filter. */
export function countrySlugs(loaders: Loaders, isoCodes: readonly string[] | null | undefined, argumentName: string): PromiseOrValue<string[] | undefined> {
  if (!isoCodes || isoCodes.length === 0) return undefined;
  for (const code of isoCodes) {
    if (!ISO_CODE.test(code)) throw new BadUserInputError(`"${argumentName}" takes ISO 3166-1 alpha-2 country codes such as "KZ"; got ${JSON.stringify(code)}.`, argumentName);
  }
  return then(loaders.countryByIsoCode.loadMany(isoCodes.map((code) => code.toUpperCase())), (countries) =>
    countries.flatMap((country) => (country && !(country instanceof Error) ? [country.slug] : [])),
  );
}

/** The slugs of entities of `type` named by global ids, or undefined for no filter. */
export function slugsOfIds(ids: readonly string[] | null | undefined, type: EntityType, argumentName: string): string[] | undefined {
  if (!ids || ids.length === 0) return undefined;
  return ids.map((id) => {
    const decoded = fromGlobalId(id);
    if (!decoded) throw new BadUserInputError(`"${argumentName}" takes ${type} ids; ${JSON.stringify(id)} is not an id this API issued.`, argumentName);
    if (decoded.type !== type) throw new BadUserInputError(`"${argumentName}" takes ${type} ids; ${JSON.stringify(id)} is the id of a ${decoded.type}.`, argumentName);
    return decoded.slug;
  });
}

/** Checks slugs given as filter values, or undefined for no filter. */
export function checkedSlugs(slugs: readonly string[] | null | undefined, argumentName: string): string[] | undefined {
  if (!slugs || slugs.length === 0) return undefined;
  for (const value of slugs) checkSlug(value, argumentName);
  return [...slugs];
}

/** Checks one slug argument: lower-case words of a-z and 0-9 joined by hyphens. */
export function checkSlug(value: string, argumentName: string): string {
  if (!slugSchema.safeParse(value).success) {
    throw new BadUserInputError(`"${argumentName}" must be a slug (lower-case words of a-z and 0-9 joined by "-", e.g. "kairat-umarov"); got ${JSON.stringify(value.slice(0, 200))}.`, argumentName);
  }
  return value;
}

/** A date window from optional bounds; null when open on both sides. */
export function dateRange(from: string | null | undefined, to: string | null | undefined): DateRange | null {
  if (from == null && to == null) return null;
  if (from != null && to != null && from > to) throw new BadUserInputError(`"from" (${from}) must not be after "to" (${to}).`, 'from');
  return { from: from ?? null, to: to ?? null };
}

/** Checks a free-text filter: at most 200 characters. */
export function checkedText(text: string | null | undefined, argumentName = 'text'): string | null {
  if (text == null || text.trim() === '') return null;
  if (text.length > 200) throw new BadUserInputError(`"${argumentName}" must be at most 200 characters; got ${text.length}.`, argumentName);
  return text;
}
