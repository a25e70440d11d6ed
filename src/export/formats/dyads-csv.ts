/**
 * `dyads`: one CSV row per unordered pair of a meeting's sides, as dyadic event data counts
 * them. The sides are the people the meeting names as participants, when it names two or
 * more; otherwise (an office, an organization or unnamed officials on a side) its
 * countries, so that "the C5+1 ministerial" still yields its country pairs. Each pair
 * once, its two sides in slug order; a meeting with one person and one country has none.
 */
import type { RecordOf } from '../../store/contract/records';
import { csvFormat, meetingCells, TEXT_SEPARATOR } from './meetings-csv';
import { PageReferences, quotesOf } from './page-references';

export const DYAD_COLUMNS = [
  'meeting_slug',
  'meeting_id',
  'title',
  'kind',
  'date_label',
  'date_earliest',
  'date_latest',
  'date_precision',
  'cameo',
  'plover_category',
  'plover_mode',
  'level',
  'a_slug',
  'a_name',
  'a_country',
  'a_role',
  'b_slug',
  'b_name',
  'b_country',
  'b_role',
  'quotes',
] as const;

/** One side of a dyad: a person (with the country and role they took part in) or a country. */
interface Side {
  slug: string;
  name: string;
  country: string;
  role: string | null;
}

/** The sides of `meeting`, and at which level they were taken. */
export function dyadSides(meeting: RecordOf['Meeting'], refs: PageReferences): { level: 'PERSON' | 'COUNTRY'; sides: Side[] } {
  const people = new Map<string, Side>();
  for (const participant of meeting.participants) {
    if (participant.person === null || people.has(participant.person)) continue;
    people.set(participant.person, { slug: participant.person, name: refs.participantName(participant), country: refs.isoCode(participant.country), role: participant.role });
  }
  if (people.size >= 2) return { level: 'PERSON', sides: [...people.values()] };
  const countries = [...new Set(meeting.countries)].map((country) => ({ slug: country, name: refs.get('Country', country)?.name ?? country, country: refs.isoCode(country), role: null }));
  return { level: 'COUNTRY', sides: countries };
}

function dyadRows(meeting: RecordOf['Meeting'], refs: PageReferences): (string | null)[][] {
  const { level, sides } = dyadSides(meeting, refs);
  const ordered = [...sides].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const quotes = quotesOf(meeting.citations).join(TEXT_SEPARATOR);
  const rows: (string | null)[][] = [];
  for (let i = 0; i < ordered.length; i++) {
    for (let j = i + 1; j < ordered.length; j++) {
      const a = ordered[i]!;
      const b = ordered[j]!;
      rows.push([
        ...meetingCells(meeting),
        meeting.coding.cameo,
        meeting.coding.ploverCategory,
        meeting.coding.ploverMode,
        level,
        a.slug,
        a.name,
        a.country,
        a.role,
        b.slug,
        b.name,
        b.country,
        b.role,
        quotes,
      ]);
    }
  }
  return rows;
}

export const dyadsCsv = csvFormat({
  name: 'dyads',
  description: 'CSV, one row per unordered pair of a meeting\'s people (or of its countries when it names fewer than two people), with the meeting\'s date, codes and quotes.',
  columns: DYAD_COLUMNS,
  rows: dyadRows,
});
