/**
 * Relay global ids: opaque to clients, they encode the entity type and its slug as
 * base64url of `Type:slug`. Only the canonical encoding of a known type is accepted.
 */
import { ENTITY_TYPES, slug as slugSchema, type EntityType } from '../../store/contract/records';

const TYPES = new Set<string>(ENTITY_TYPES);

/** The global id of the entity of `type` with `slug`. */
export function toGlobalId(type: EntityType, slug: string): string {
  return Buffer.from(`${type}:${slug}`, 'utf8').toString('base64url');
}

/** The type and slug a global id names, or null when the id is not one Entente issued. */
export function fromGlobalId(id: string): { type: EntityType; slug: string } | null {
  if (id.length === 0 || id.length > 200 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return null;
  const type = decoded.slice(0, separator);
  const slug = decoded.slice(separator + 1);
  if (!TYPES.has(type) || !slugSchema.safeParse(slug).success) return null;
  if (toGlobalId(type as EntityType, slug) !== id) return null;
  return { type: type as EntityType, slug };
}
