/** How each entity type is indexed (in memory and in PostgreSQL): what its filters, orders, text and name search read. */
import { chronologicalKey } from '../../domain/fuzzy-date';
import { foldText } from '../../domain/fold-text';
import { hasNonLatinLetters, latinName } from '../../domain/name-similarity';
import type { EntityType, NameRecord, RecordOf } from '../contract/records';
import { citedSources } from '../contract/validate';
import type { TableSpec } from './table-spec';

/** The distinct sources a record's citations cite (not those they attribute claims to): what `Source.citations` looks up. */
const citedSource = (record: object) => [...new Set(citedSources(record, [], false))];
/** The citation index is built when `Source.citations` first needs it: start-up is spared. */
const CITED_ON_DEMAND = ['citedSource'] as const;

const byName = (record: { name: string }) => [foldText(record.name)];

/** The fields that name a record: its name, aliases and names in other languages. */
type Named = { name: string; aliases: readonly string[]; names?: readonly NameRecord[] };

/**
 * What search and the text filter match besides the name: the aliases (and `extra`), then
 * the names in other languages, then the Latin transliteration of each name written in
 * another script, so "Tokaev" finds a record named only "Токаев". Added values that repeat
 * one already there are left out.
 */
function aliasesOf(record: Named, extra: readonly string[] = []): string[] {
  const aliases = [...record.aliases, ...extra];
  const others = (record.names ?? []).map(({ value }) => value);
  const latin = [record.name, ...aliases, ...others].filter((value) => hasNonLatinLetters(value)).map(latinName);
  const seen = new Set([record.name, ...aliases]);
  for (const value of [...others, ...latin]) {
    if (value === '' || seen.has(value)) continue;
    seen.add(value);
    aliases.push(value);
  }
  return aliases;
}

const nameAndAliases = (record: Named) => [record.name, ...aliasesOf(record)].join(' ');
const named = (record: Named) => ({ name: record.name, aliases: aliasesOf(record) });
const titled = (record: { title: string }) => ({ name: record.title, aliases: [] });

/** Every entity type's spec: the one definition of what the stores index. */
export const TABLE_SPECS: { [T in EntityType]: TableSpec<RecordOf[T]> } = {
  Country: {
    indexes: { isoCode: (c) => [c.isoCode], citedSource },
    onDemand: CITED_ON_DEMAND,
    orders: { NAME: byName, ISO_CODE: (c) => [c.isoCode] },
    text: (c) => [c.name, ...aliasesOf(c, [c.isoCode])].join(' '),
    names: (c) => ({ name: c.name, aliases: aliasesOf(c, [c.isoCode]) }),
  },
  Place: {
    indexes: { country: (p) => [p.country], citedSource },
    onDemand: CITED_ON_DEMAND,
    orders: { NAME: byName },
    text: nameAndAliases,
    names: named,
  },
  Organization: {
    indexes: {
      country: (o) => [o.country],
      kind: (o) => [o.kind],
      parent: (o) => [o.parent],
      memberCountry: (o) => o.memberCountries,
      citedSource,
    },
    onDemand: CITED_ON_DEMAND,
    orders: { NAME: byName },
    text: nameAndAliases,
    names: named,
  },
  Person: {
    indexes: { country: (p) => [p.country], citedSource },
    onDemand: CITED_ON_DEMAND,
    orders: { NAME: byName },
    text: nameAndAliases,
    names: named,
  },
  Office: {
    indexes: { country: (o) => [o.country], organization: (o) => [o.organization], citedSource },
    onDemand: CITED_ON_DEMAND,
    orders: { TITLE: (o) => [foldText(o.title)] },
    text: (o) => o.title,
    names: titled,
  },
  Tenure: {
    indexes: { person: (t) => [t.person], office: (t) => [t.office], citedSource },
    onDemand: CITED_ON_DEMAND,
    orders: { START: (t) => [t.start?.earliest ?? t.start?.latest ?? '', t.start?.latest ?? t.start?.earliest ?? ''] },
  },
  Topic: {
    indexes: { parent: (t) => [t.parent] },
    orders: { NAME: byName },
    text: nameAndAliases,
    names: named,
  },
  Source: {
    indexes: { kind: (s) => [s.kind], publisher: (s) => [s.publisher] },
    orders: { PUBLISHED_ON: (s) => [s.publishedOn ?? ''], TITLE: (s) => [foldText(s.title)] },
    text: (s) => s.title,
    date: (s) => (s.publishedOn === null ? null : { label: s.publishedOn, earliest: s.publishedOn, latest: s.publishedOn, precision: 'DAY' }),
    names: titled,
  },
  Meeting: {
    indexes: {
      country: (m) => m.countries,
      participant: (m) => m.participants.map((p) => p.person).filter((slug) => slug !== null),
      office: (m) => m.participants.map((p) => p.office).filter((slug) => slug !== null),
      organization: (m) => [m.format, ...m.participants.map((p) => p.organization)].filter((slug) => slug !== null),
      topic: (m) => m.topics.map((t) => t.topic),
      kind: (m) => [m.kind],
      partOf: (m) => [m.partOf],
      location: (m) => [m.location],
      citedSource,
    },
    onDemand: CITED_ON_DEMAND,
    orders: { DATE: (m) => chronologicalKey(m.date), TITLE: (m) => [foldText(m.title)] },
    text: (m) => `${m.title} ${m.summary}`,
    date: (m) => m.date,
    names: titled,
  },
};
