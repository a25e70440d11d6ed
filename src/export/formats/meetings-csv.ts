/**
 * `meetings`: one CSV row per meeting, for spreadsheets and pandas (RFC 4180, written by
 * csv-stringify). A list in a cell is joined: codes and names by ";", source titles and
 * quotes by " | " (they may hold ";"). Field mapping and limits: docs/exports.md.
 */
import { stringify } from 'csv-stringify/sync';
import { toGlobalId } from '../../schema/relay/global-id';
import type { RecordOf } from '../../store/contract/records';
import type { ExportFormat, ExportLookup } from '../export-format';
import { PageReferences, quotesOf } from './page-references';

/** The columns, in order; the header row names them. */
export const MEETING_COLUMNS = [
  'slug',
  'id',
  'title',
  'kind',
  'date_label',
  'date_earliest',
  'date_latest',
  'date_precision',
  'location',
  'countries',
  'participants',
  'cameo',
  'plover_category',
  'plover_mode',
  'topics',
  'part_of',
  'sources',
  'source_urls',
  'quotes',
  'summary',
] as const;

/** Joins the values of a cell that holds a list of codes or names. */
export const LIST_SEPARATOR = ';';
/** Joins the values of a cell that holds a list of titles or quotes, which may themselves hold ";". */
export const TEXT_SEPARATOR = ' | ';

/** CSV rows as csv-stringify writes them: quoted where needed, "\r\n" between records (RFC 4180). */
export function csvRows(rows: readonly (readonly (string | null)[])[]): string {
  return stringify(rows as (string | null)[][], { record_delimiter: 'windows' });
}

/** The cells that name a meeting and its date, first in every CSV: slug, global id, title, kind, date label, earliest, latest, precision. */
export function meetingCells(meeting: RecordOf['Meeting']): (string | null)[] {
  return [meeting.slug, toGlobalId('Meeting', meeting.slug), meeting.title, meeting.kind, meeting.date.label, meeting.date.earliest, meeting.date.latest, meeting.date.precision];
}

function meetingRow(meeting: RecordOf['Meeting'], refs: PageReferences): (string | null)[] {
  const sources = refs.sourcesOf(meeting.citations);
  return [
    ...meetingCells(meeting),
    refs.get('Place', meeting.location)?.name ?? null,
    meeting.countries.map((country) => refs.isoCode(country)).join(LIST_SEPARATOR),
    meeting.participants.map((participant) => refs.participantName(participant)).join(LIST_SEPARATOR),
    meeting.coding.cameo,
    meeting.coding.ploverCategory,
    meeting.coding.ploverMode,
    meeting.topics.map((mention) => refs.get('Topic', mention.topic)?.name ?? mention.topic).join(LIST_SEPARATOR),
    meeting.partOf,
    sources.map((source) => source.title).join(TEXT_SEPARATOR),
    sources.flatMap((source) => source.url ?? []).join(TEXT_SEPARATOR),
    quotesOf(meeting.citations).join(TEXT_SEPARATOR),
    meeting.summary,
  ];
}

export const meetingsCsv = csvFormat({
  name: 'meetings',
  description: 'CSV, one row per meeting: fuzzy date as label, earliest, latest and precision; countries, participants, codes, topics, sources and the quotes.',
  columns: MEETING_COLUMNS,
  rows: (meeting, refs) => [meetingRow(meeting, refs)],
});

/** A CSV export: a header row of `columns`, then the `rows` of each meeting, with the records a page refers to loaded once per page. */
export function csvFormat(spec: { name: string; description: string; columns: readonly string[]; rows(meeting: RecordOf['Meeting'], refs: PageReferences): (string | null)[][] }): ExportFormat {
  return {
    name: spec.name,
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'csv',
    description: spec.description,
    create() {
      return {
        begin: () => csvRows([spec.columns]),
        async page(meetings: readonly RecordOf['Meeting'][], lookup: ExportLookup) {
          const refs = await PageReferences.load(meetings, lookup);
          return csvRows(meetings.flatMap((meeting) => spec.rows(meeting, refs)));
        },
        end: async () => '',
      };
    },
  };
}
