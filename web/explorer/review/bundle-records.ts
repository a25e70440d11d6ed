/**
 * A bundle (docs/bundle-format.md) as the review page edits it: plain JSON, its records in
 * sections, and the references between them. A reference names its target by slug, name,
 * title or alias, so renaming a record renames the references that used the old name,
 * and dropping a record drops or clears what refers to it (a rejected person takes their
 * tenures and their places among a meeting's participants with them). References compare
 * as the import compares them (`nameKey`: folded words). Pure: no DOM.
 */
import { nameKey } from '../../../src/import/name-index';

/** A bundle record: a JSON object. */
export type BundleRecord = Record<string, unknown>;

/** A bundle: `format`, `source`, and a list of records per section. */
export type Bundle = Record<string, unknown> & { source: BundleRecord };

/** The sections of a bundle, in the order the import creates their records. */
export const SECTIONS = ['countries', 'places', 'sources', 'organizations', 'people', 'offices', 'tenures', 'topics', 'meetings'] as const;
export type Section = (typeof SECTIONS)[number];

/** A record's place in a bundle: `people[2]`, or `source`. */
export interface RecordPath {
  section: Section | 'source';
  index: number;
}

export function formatPath(path: RecordPath): string {
  return path.section === 'source' ? 'source' : `${path.section}[${path.index}]`;
}

export function parsePath(path: string): RecordPath | null {
  if (path === 'source') return { section: 'source', index: 0 };
  const match = /^([a-z]+)\[(\d+)\]/.exec(path);
  if (!match || !(SECTIONS as readonly string[]).includes(match[1]!)) return null;
  return { section: match[1] as Section, index: Number(match[2]) };
}

/** The records of a section (an empty list when the bundle has none). */
export function recordsOf(bundle: Bundle, section: Section): BundleRecord[] {
  const records = bundle[section];
  return Array.isArray(records) ? (records as BundleRecord[]) : [];
}

export function recordAt(bundle: Bundle, path: RecordPath): BundleRecord | undefined {
  return path.section === 'source' ? bundle.source : recordsOf(bundle, path.section)[path.index];
}

/** A deep copy, for edits that leave the draft as it came. */
export function copyBundle(bundle: Bundle): Bundle {
  return structuredClone(bundle);
}

/** What a record is called: its name, or its title (offices, meetings, sources), or for a tenure its person and office. */
export function recordName(record: BundleRecord): string {
  if (typeof record.name === 'string') return record.name;
  if (typeof record.title === 'string') return record.title;
  if (typeof record.person === 'string' && typeof record.office === 'string') return `${record.person} as ${record.office}`;
  return '';
}

/** Every string a reference to `record` may use: its slug, its `sameAs`, its name or title and its aliases. */
export function namesOf(record: BundleRecord): Set<string> {
  const names = new Set<string>();
  for (const field of ['slug', 'sameAs', 'name', 'title']) {
    const value = record[field];
    if (typeof value === 'string' && value !== '') names.add(value);
  }
  if (Array.isArray(record.aliases)) for (const alias of record.aliases) if (typeof alias === 'string') names.add(alias);
  return names;
}

/**
 * Where each section's records refer to records of another section: a field holding one
 * reference (`one`), a list of references (`many`), or a list of objects each holding one
 * (`within`: a meeting's participants, topics and relations).
 */
type ReferenceField =
  | { kind: 'one'; field: string; target: Section; required?: boolean }
  | { kind: 'many'; field: string; target: Section }
  | { kind: 'within'; list: string; field: string; target: Section; required?: boolean };

const REFERENCES: Record<Section | 'source', ReferenceField[]> = {
  source: [
    { kind: 'one', field: 'publisher', target: 'organizations' },
    { kind: 'one', field: 'dateline', target: 'places' },
  ],
  sources: [{ kind: 'one', field: 'publisher', target: 'organizations' }],
  countries: [{ kind: 'one', field: 'capital', target: 'places' }],
  places: [{ kind: 'one', field: 'country', target: 'countries', required: true }],
  organizations: [
    { kind: 'one', field: 'country', target: 'countries' },
    { kind: 'one', field: 'parent', target: 'organizations' },
    { kind: 'many', field: 'memberCountries', target: 'countries' },
  ],
  people: [{ kind: 'one', field: 'country', target: 'countries' }],
  offices: [
    { kind: 'one', field: 'organization', target: 'organizations' },
    { kind: 'one', field: 'country', target: 'countries', required: true },
  ],
  tenures: [
    { kind: 'one', field: 'person', target: 'people', required: true },
    { kind: 'one', field: 'office', target: 'offices', required: true },
  ],
  topics: [{ kind: 'one', field: 'parent', target: 'topics' }],
  meetings: [
    { kind: 'one', field: 'location', target: 'places' },
    { kind: 'many', field: 'countries', target: 'countries' },
    { kind: 'one', field: 'format', target: 'organizations' },
    { kind: 'one', field: 'partOf', target: 'meetings' },
    { kind: 'within', list: 'relations', field: 'meeting', target: 'meetings', required: true },
    { kind: 'within', list: 'participants', field: 'person', target: 'people', required: true },
    { kind: 'within', list: 'participants', field: 'office', target: 'offices' },
    { kind: 'within', list: 'participants', field: 'organization', target: 'organizations' },
    { kind: 'within', list: 'participants', field: 'country', target: 'countries', required: true },
    { kind: 'within', list: 'topics', field: 'topic', target: 'topics', required: true },
  ],
};

/**
 * A participant stands for someone only while it names a person, an office, an organization
 * or a label. A participant naming a removed person goes (its quotes name that person); one
 * naming a removed office or organization keeps what else it names.
 */
const PARTICIPANT_NAMES = ['person', 'office', 'organization', 'label'];

/** Renames the references to a record of `section` from `from` (a name it had) to `to`, in place. */
export function renameReferences(bundle: Bundle, section: Section, from: string, to: string): void {
  if (from === to || from === '') return;
  const old = nameKey(from);
  const rename = (value: unknown) => (typeof value === 'string' && nameKey(value) === old ? to : value);
  forEachReferrer(bundle, section, (record, reference) => {
    if (reference.kind === 'one') record[reference.field] = rename(record[reference.field]);
    else if (reference.kind === 'many') record[reference.field] = (record[reference.field] as unknown[]).map(rename);
    else for (const item of record[reference.list] as BundleRecord[]) item[reference.field] = rename(item[reference.field]);
  });
}

/**
 * Removes the records at `paths` from `bundle`, in place, and with them what cannot stand
 * without them: a required reference to a removed record removes its record (a tenure of a
 * removed person, an office of a removed country) or its list item (a participant), and a
 * meeting left without participants goes too; an optional reference is cleared. Returns
 * every removed record's path, as it was before the removal (those asked for, then those
 * that went with them), with the path of the record that took it along.
 */
export function removeRecords(bundle: Bundle, paths: readonly RecordPath[]): Map<string, string | null> {
  const removed = new Map<string, string | null>();
  const queue: { path: RecordPath; cause: string | null }[] = paths.map((path) => ({ path, cause: null }));
  while (queue.length > 0) {
    const { path, cause } = queue.shift()!;
    if (path.section === 'source' || removed.has(formatPath(path))) continue;
    const record = recordAt(bundle, path);
    if (!record) continue;
    removed.set(formatPath(path), cause);
    const names = new Set([...namesOf(record)].map(nameKey));
    const refers = (value: unknown) => typeof value === 'string' && names.has(nameKey(value));
    forEachReferrer(bundle, path.section, (referrer, reference, referrerPath) => {
      if (referrerPath.section !== 'source' && removed.has(formatPath(referrerPath))) return;
      const takeAlong = () => queue.push({ path: referrerPath, cause: formatPath(path) });
      if (reference.kind === 'one') {
        if (!refers(referrer[reference.field])) return;
        if (reference.required) takeAlong();
        else referrer[reference.field] = null;
      } else if (reference.kind === 'many') {
        referrer[reference.field] = (referrer[reference.field] as unknown[]).filter((value) => !refers(value));
      } else {
        const items = referrer[reference.list] as BundleRecord[];
        const kept = items
          .map((item) => {
            if (!refers(item[reference.field])) return item;
            if (reference.required) return null;
            const cleared = { ...item, [reference.field]: null };
            return reference.list === 'participants' && !PARTICIPANT_NAMES.some((field) => cleared[field] != null) ? null : cleared;
          })
          .filter((item): item is BundleRecord => item !== null);
        referrer[reference.list] = kept;
        if (reference.list === 'participants' && kept.length === 0 && items.length > 0) takeAlong();
      }
    });
  }
  // Removed last and from the end, so that the paths above stay the draft's.
  const bySection = new Map<Section, number[]>();
  for (const path of removed.keys()) {
    const parsed = parsePath(path)!;
    if (parsed.section === 'source') continue;
    bySection.set(parsed.section, [...(bySection.get(parsed.section) ?? []), parsed.index]);
  }
  for (const [section, indexes] of bySection) {
    const records = recordsOf(bundle, section);
    for (const index of indexes.sort((a, b) => b - a)) records.splice(index, 1);
  }
  return removed;
}

/** Calls `visit` with every record that may refer to a record of `target`, and the field it would do so by. */
function forEachReferrer(bundle: Bundle, target: Section, visit: (record: BundleRecord, reference: ReferenceField, path: RecordPath) => void): void {
  for (const section of ['source', ...SECTIONS] as const) {
    const references = REFERENCES[section].filter((reference) => reference.target === target);
    if (references.length === 0) continue;
    const records = section === 'source' ? [bundle.source] : recordsOf(bundle, section);
    records.forEach((record, index) => {
      for (const reference of references) {
        if (reference.kind === 'one' && !(reference.field in record)) continue;
        if (reference.kind === 'many' && !Array.isArray(record[reference.field])) continue;
        if (reference.kind === 'within' && !Array.isArray(record[reference.list])) continue;
        visit(record, reference, { section, index });
      }
    });
  }
}
