/**
 * Translates mutation inputs to store records and store problems back to input paths.
 * Inputs name references by global id or slug, countries also by ISO code (`countryId`,
 * `participants[].personId`: read by entity-reference.ts); records hold slugs (`country`,
 * `participants[].person`). One table serves every entity type.
 */
import type { Loaders } from '../../loaders/create-loaders';
import type { EntityType } from '../../store/contract/records';
import type { FieldProblem } from '../../store/contract/validate';
import { readReference, resolveReferences, type EntityReference } from '../common/entity-reference';

/** Input fields that reference entities: the record field they fill and the type they must name ('self': the entity's own type). */
const REFERENCES: Record<string, { field: string; type: EntityType | 'self'; list?: true }> = {
  parentId: { field: 'parent', type: 'self' },
  countryId: { field: 'country', type: 'Country' },
  capitalId: { field: 'capital', type: 'Place' },
  organizationId: { field: 'organization', type: 'Organization' },
  personId: { field: 'person', type: 'Person' },
  officeId: { field: 'office', type: 'Office' },
  publisherId: { field: 'publisher', type: 'Organization' },
  datelineId: { field: 'dateline', type: 'Place' },
  locationId: { field: 'location', type: 'Place' },
  formatId: { field: 'format', type: 'Organization' },
  partOfId: { field: 'partOf', type: 'Meeting' },
  meetingId: { field: 'meeting', type: 'Meeting' },
  sourceId: { field: 'source', type: 'Source' },
  attributedToId: { field: 'attributedTo', type: 'Source' },
  topicId: { field: 'topic', type: 'Topic' },
  memberCountryIds: { field: 'memberCountries', type: 'Country', list: true },
  countryIds: { field: 'countries', type: 'Country', list: true },
  citedSourceIds: { field: 'cites', type: 'Source', list: true },
};

/** Input fields named differently from their record fields, without being references. */
const RENAMES: Record<string, string> = { cameoCode: 'cameo' };

const INPUT_NAMES = new Map<string, string>([
  ...Object.entries(REFERENCES).map(([input, { field }]): [string, string] => [field, input]),
  ...Object.entries(RENAMES).map(([input, field]): [string, string] => [field, input]),
]);

/** A reference still to look up (a country's ISO code), and where its slug goes. */
interface Pending {
  reference: EntityReference;
  path: string;
  assign(slug: string): void;
}

/**
 * The record an input object describes, references resolved to slugs. Omitted input
 * fields are absent, explicit nulls stay null. A value that is no reference of the right
 * type, or an ISO code no country has, is a problem at its path within the input
 * (`participants.0.personId`); a slug that names nothing is left for the store's rules,
 * which report it like any other reference to nothing.
 */
export async function recordOfInput(loaders: Loaders, input: object, entityType: EntityType, problems: FieldProblem[]): Promise<Record<string, unknown>> {
  const pending: Pending[] = [];
  const record = inputToRecord(input, entityType, '', problems, pending);
  if (pending.length > 0) {
    const slugs = await resolveReferences(loaders, pending.map(({ reference }) => reference));
    pending.forEach(({ reference, path, assign }, i) => {
      const slug = slugs[i];
      if (slug != null) assign(slug);
      else problems.push({ field: path, message: `no Country has the ISO code ${JSON.stringify('isoCode' in reference ? reference.isoCode : '')}` });
    });
  }
  return record;
}

function inputToRecord(input: object, entityType: EntityType, path: string, problems: FieldProblem[], pending: Pending[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const reference = REFERENCES[key];
    const at = path === '' ? key : `${path}.${key}`;
    if (reference) {
      const type = reference.type === 'self' ? entityType : reference.type;
      if (value === null) {
        record[reference.field] = null;
      } else if (reference.list) {
        const slugs = (value as string[]).map(() => '');
        (value as string[]).forEach((given, i) => slugOf(given, type, `${at}.${i}`, problems, pending, (slug) => (slugs[i] = slug)));
        record[reference.field] = slugs;
      } else {
        slugOf(value as string, type, at, problems, pending, (slug) => (record[reference.field] = slug));
      }
    } else {
      record[RENAMES[key] ?? key] = convert(value, entityType, at, problems, pending);
    }
  }
  return record;
}

function convert(value: unknown, entityType: EntityType, path: string, problems: FieldProblem[], pending: Pending[]): unknown {
  if (Array.isArray(value)) return value.map((item, i) => convert(item, entityType, `${path}.${i}`, problems, pending));
  if (value !== null && typeof value === 'object') return inputToRecord(value, entityType, path, problems, pending);
  return value;
}

/** Reads one reference: a slug is assigned at once, an ISO code once looked up, a problem leaves the field empty. */
function slugOf(given: string, type: EntityType, path: string, problems: FieldProblem[], pending: Pending[], assign: (slug: string) => void): void {
  assign('');
  const reference = readReference(given, type);
  if ('problem' in reference) problems.push({ field: path, message: reference.problem });
  else if ('slug' in reference) assign(reference.slug);
  else pending.push({ reference, path, assign });
}

/** The input path of a record field path: `participants.0.person` → `input.participants.0.personId`. */
export function inputPath(recordPath: string, root = 'input'): string {
  if (recordPath === '') return root;
  return [root, ...recordPath.split('.').map((segment) => INPUT_NAMES.get(segment) ?? segment)].join('.');
}
