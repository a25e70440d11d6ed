/**
 * How a client names an entity wherever an argument or input refers to one (filters,
 * mutation inputs, the `id` of an update or delete): by its global id or by its slug, and
 * a country also by its ISO 3166-1 alpha-2 code. The one reader of such values: filters
 * and mutations differ only in what they do with a reference to nothing.
 */
import type { Loaders } from '../../loaders/create-loaders';
import { all, then, type PromiseOrValue } from '../../jsutils/promise-or-value';
import { slug as slugSchema, type EntityType } from '../../store/contract/records';
import { fromGlobalId } from '../relay/global-id';

/** A reference read from a value: the slug it names, or a country's ISO code still to look up. */
export type EntityReference = { slug: string } | { isoCode: string; given: string };

// Global ids are base64url of `Type:slug`: they begin with an upper-case letter, which a
// slug never holds, so a value is never both. Two letters are a country's ISO code first.
const ISO_CODE = /^[A-Za-z]{2}$/;

/** What a value may be, for messages: "a Person id or slug". */
export function referenceForms(type: EntityType): string {
  return type === 'Country' ? 'a Country id, slug or ISO 3166-1 alpha-2 code (e.g. "KZ")' : `a ${type} id or slug`;
}

/** Reads `value` as a reference to an entity of `type`, or says why it is none. */
export function readReference(value: string, type: EntityType): EntityReference | { problem: string } {
  const decoded = fromGlobalId(value);
  if (decoded) return decoded.type === type ? { slug: decoded.slug } : { problem: `expected ${referenceForms(type)}; ${JSON.stringify(value)} is the id of a ${decoded.type}` };
  if (type === 'Country' && ISO_CODE.test(value)) return { isoCode: value.toUpperCase(), given: value };
  if (slugSchema.safeParse(value).success) return { slug: value };
  return { problem: `expected ${referenceForms(type)}; got ${JSON.stringify(value.slice(0, 200))}` };
}

/**
 * The slug each reference names, in order. An ISO code no country has falls back to the
 * value as a slug when it is one (a two-letter country slug), else gives null.
 */
export function resolveReferences(loaders: Loaders, references: readonly EntityReference[]): PromiseOrValue<(string | null)[]> {
  return all(
    references.map((reference): PromiseOrValue<string | null> =>
      'slug' in reference
        ? reference.slug
        : then(loaders.countryByIsoCode.load(reference.isoCode), (country) => country?.slug ?? asSlug(reference.given)),
    ),
  );
}

function asSlug(value: string): string | null {
  return slugSchema.safeParse(value).success ? value : null;
}
