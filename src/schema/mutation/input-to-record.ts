/**
 * Translates mutation inputs to store records and store problems back to input paths.
 * Inputs name references by global id (`countryId`, `participants[].personId`); records
 * hold slugs (`country`, `participants[].person`). One table serves every entity type.
 */
import type { EntityType } from '../../store/contract/records';
import type { FieldProblem } from '../../store/contract/validate';
import { fromGlobalId } from '../relay/global-id';

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
  sourceId: { field: 'source', type: 'Source' },
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

/**
 * The record fields an input object sets, ids decoded to slugs. Omitted input fields are
 * absent, explicit nulls stay null. Ids that do not decode to the right type are
 * collected as problems at their path within the input (`participants.0.personId`).
 */
export function inputToRecord(input: object, entityType: EntityType, path: string, problems: FieldProblem[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const reference = REFERENCES[key];
    const at = path === '' ? key : `${path}.${key}`;
    if (reference) {
      const type = reference.type === 'self' ? entityType : reference.type;
      record[reference.field] =
        value === null ? null : reference.list ? (value as string[]).map((id, i) => slugOf(id, type, `${at}.${i}`, problems)) : slugOf(value as string, type, at, problems);
    } else {
      record[RENAMES[key] ?? key] = convert(value, entityType, at, problems);
    }
  }
  return record;
}

function convert(value: unknown, entityType: EntityType, path: string, problems: FieldProblem[]): unknown {
  if (Array.isArray(value)) return value.map((item, i) => convert(item, entityType, `${path}.${i}`, problems));
  if (value !== null && typeof value === 'object') return inputToRecord(value, entityType, path, problems);
  return value;
}

function slugOf(id: string, type: EntityType, path: string, problems: FieldProblem[]): string {
  const decoded = fromGlobalId(id);
  if (!decoded) problems.push({ field: path, message: `${JSON.stringify(id.slice(0, 200))} is not an id this API issued` });
  else if (decoded.type !== type) problems.push({ field: path, message: `expected the id of a ${type}; this is the id of a ${decoded.type}` });
  else return decoded.slug;
  return '';
}

/** The input path of a record field path: `participants.0.person` → `input.participants.0.personId`. */
export function inputPath(recordPath: string, root = 'input'): string {
  if (recordPath === '') return root;
  return [root, ...recordPath.split('.').map((segment) => INPUT_NAMES.get(segment) ?? segment)].join('.');
}
