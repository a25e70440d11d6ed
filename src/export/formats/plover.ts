/**
 * `plover`: one JSON object per line (JSONL), per meeting, with the field names of the
 * PLOVER data specification (openeventdata/PLOVER, PLOVER_MANUAL.tex, "Data Fields"):
 * `id date enddate actor recipient event mode context quad_code event_loc event_text link
 * cite_info coder`. Following the manual's CONSULT rules, visitors are the actor and hosts
 * the recipient when a meeting has both; otherwise every participant is an actor. What
 * PLOVER has no field for (the fuzzy date's label and precision, the CAMEO code, topics,
 * every citation with its verbatim quote) is in fields prefixed `entente_`, as the manual
 * invites. Field mapping and limits: docs/exports.md.
 */
import type { OrganizationKind, PloverCategory, PloverMode } from '../../domain/vocabularies';
import { REFERENCE_COUNTRIES } from '../../reference/reference-dataset';
import { toGlobalId } from '../../schema/relay/global-id';
import type { ParticipantRecord, RecordOf } from '../../store/contract/records';
import type { ExportFormat, ExportLookup } from '../export-format';
import { PageReferences, quotesOf } from './page-references';

/** The manual's quad categories: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export const QUAD_CODES: Readonly<Record<PloverCategory, 1 | 2 | 3 | 4>> = {
  AGREE: 1,
  CONSULT: 1,
  SUPPORT: 1,
  CONCEDE: 1,
  COOPERATE: 2,
  AID: 2,
  RETREAT: 2,
  REQUEST: 3,
  ACCUSE: 3,
  REJECT: 3,
  THREATEN: 3,
  PROTEST: 4,
  SANCTION: 4,
  MOBILIZE: 4,
  COERCE: 4,
  ASSAULT: 4,
};

/** Entente's modes as the manual writes them (CONSULT's table: visit, third-party, multilateral, phone). */
const MODE_WORDS: Readonly<Record<PloverMode, string>> = { PHONE: 'phone', VISIT: 'visit', THIRD_PARTY: 'third-party', MULTILATERAL: 'multilateral' };

/** The manual's sector codes for the kinds of organization that have one; other kinds have none (null). */
const SECTORS: Partial<Readonly<Record<OrganizationKind, string>>> = { GOVERNMENT: 'GOV', MINISTRY: 'GOV', EXECUTIVE_OFFICE: 'GOV', LEGISLATURE: 'LEG', NEWS_OUTLET: 'JRN' };

/** The manual's entity object, plus the participant's role. */
export interface PloverEntity {
  code: string | null;
  sector: string | null;
  entity_text: string;
  identifier_id: string | null;
  identifier_text: string | null;
  office: string | null;
  entente_role: string;
}

/**
 * A country's ISO 3166-1 alpha-3 code (the manual's 3-character code): the stored record's
 * (`isoCode3`, set from the reference dataset), else the reference dataset's for its alpha-2
 * code (a record stored without one); null when neither has it.
 */
function alpha3(country: RecordOf['Country'] | null, isoCode: string): string | null {
  return country?.isoCode3 ?? REFERENCE_COUNTRIES.get(isoCode)?.isoCode3 ?? null;
}

function entityOf(participant: ParticipantRecord, refs: PageReferences): PloverEntity {
  const office = refs.get('Office', participant.office);
  const organization = refs.get('Organization', participant.organization ?? office?.organization);
  const person = refs.get('Person', participant.person);
  const [type, slug, name] = person
    ? (['Person', person.slug, person.name] as const)
    : office
      ? (['Office', office.slug, office.title] as const)
      : organization
        ? (['Organization', organization.slug, organization.name] as const)
        : ([null, null, null] as const);
  return {
    code: alpha3(refs.get('Country', participant.country), refs.isoCode(participant.country)),
    sector: organization ? (SECTORS[organization.kind] ?? null) : null,
    entity_text: refs.participantName(participant),
    identifier_id: type === null ? null : toGlobalId(type, slug),
    identifier_text: name,
    office: office?.title ?? null,
    entente_role: participant.role,
  };
}

/** The PLOVER record of one meeting. */
export function ploverEvent(meeting: RecordOf['Meeting'], refs: PageReferences): Record<string, unknown> {
  const visited = meeting.participants.some((p) => p.role === 'VISITOR') && meeting.participants.some((p) => p.role === 'HOST');
  const actors = meeting.participants.filter((p) => !visited || p.role !== 'HOST');
  const recipients = visited ? meeting.participants.filter((p) => p.role === 'HOST') : [];
  const place = refs.get('Place', meeting.location);
  const placeCountry = place ? refs.get('Country', place.country) : null;
  const sources = refs.sourcesOf(meeting.citations);
  const first = sources[0];
  // PLOVER dates are days: the first day the meeting may have taken place (else the one
  // bound known, for "on or before"), and the last when it differs; entente_date is exact.
  const date = meeting.date.earliest ?? meeting.date.latest;
  return {
    id: toGlobalId('Meeting', meeting.slug),
    date,
    enddate: meeting.date.latest === date ? null : meeting.date.latest,
    actor: actors.map((p) => entityOf(p, refs)),
    recipient: recipients.map((p) => entityOf(p, refs)),
    event: [meeting.coding.ploverCategory],
    mode: meeting.coding.ploverMode === null ? null : [MODE_WORDS[meeting.coding.ploverMode]],
    context: null,
    quad_code: QUAD_CODES[meeting.coding.ploverCategory],
    event_loc: place
      ? {
          resolved_place: place.name,
          geonameid: place.geonamesId ?? null,
          lat: place.coordinates?.latitude ?? null,
          lon: place.coordinates?.longitude ?? null,
          city: place.kind === 'CITY' ? place.name : null,
          country: placeCountry?.name ?? null,
          country_code: placeCountry ? alpha3(placeCountry, placeCountry.isoCode) : null,
        }
      : null,
    event_text: quotesOf(meeting.citations),
    link: meeting.partOf === null ? null : toGlobalId('Meeting', meeting.partOf),
    cite_info: first
      ? {
          corpus: 'Entente',
          citation: toGlobalId('Source', first.slug),
          url: first.url,
          title: first.title,
          publication: refs.get('Organization', first.publisher)?.name ?? null,
        }
      : null,
    coder: 'Entente',
    entente_slug: meeting.slug,
    entente_title: meeting.title,
    entente_kind: meeting.kind,
    entente_date: meeting.date,
    entente_cameo: meeting.coding.cameo,
    entente_topics: meeting.topics.map((mention) => refs.get('Topic', mention.topic)?.name ?? mention.topic),
    entente_summary: meeting.summary,
    entente_citations: meeting.citations.map((citation) => {
      const source = refs.get('Source', citation.source);
      return {
        source: toGlobalId('Source', citation.source),
        source_title: source?.title ?? null,
        url: source?.url ?? null,
        quote: citation.quote,
        attributed_to: citation.attributedTo ? (refs.get('Source', citation.attributedTo)?.title ?? citation.attributedTo) : null,
      };
    }),
  };
}

export const ploverJsonl: ExportFormat = {
  name: 'plover',
  contentType: 'application/jsonl; charset=utf-8',
  extension: 'jsonl',
  description: 'PLOVER event data as JSON lines: one event per meeting with actor, recipient, event, mode, quad code, location and the verbatim quotes; Entente\'s extras in entente_* fields.',
  create() {
    return {
      begin: () => '',
      async page(meetings: readonly RecordOf['Meeting'][], lookup: ExportLookup) {
        const refs = await PageReferences.load(meetings, lookup);
        return meetings.map((meeting) => `${JSON.stringify(ploverEvent(meeting, refs))}\n`).join('');
      },
      end: async () => '',
    };
  },
};
