/**
 * Writes the planned meetings up as sources: meetings in date order, about a dozen per
 * source (a news round-up, a ministry statement, ...), each source's text holding every
 * sentence its citations quote. Meetings, participants, topics and outcomes cite the
 * source that tells them; people, offices, tenures and organizations cite the first
 * source that names them, and office holders no meeting names get an appointment notice.
 */
import type { SourceKind } from '../../src/domain/vocabularies';
import type { CitationRecord, MeetingRecord, OrganizationRecord, SourceRecord } from '../../src/store/contract/records';
import { isoOf, LAST_DAY, usDate } from './calendar';
import type { SynthCountry } from './geography';
import type { PlannedMeeting } from './meeting-plan';
import { describeMeeting } from './meeting-text';
import type { NationalOrganizations } from './organizations';
import type { SynthPerson, SynthTenure } from './people';
import type { Rng } from './random';
import type { PlannedParticipant } from './roster';
import { SlugSet } from './slugs';

/** What the write-up produces. */
export interface WrittenSources {
  sources: SourceRecord[];
  meetings: MeetingRecord[];
  /** Full text of each source, by source slug. */
  texts: Map<string, string>;
}

interface Draft {
  record: SourceRecord;
  day: number;
  heading: string;
  paragraphs: string[];
  notices: string[];
  /** Characters of the notices, kept under NOTICE_CHARS. */
  noticeChars: number;
}

/**
 * The most characters of appointment notices one source holds: the tenures begun before the
 * first source would otherwise all land in it, a text that grows with the corpus (past the
 * 1 MiB a source text may hold at a million meetings). A full source passes them on to the next.
 */
const NOTICE_CHARS = 32_000;

const KINDS: readonly (readonly [SourceKind, number])[] = [['NEWS_ARTICLE', 65], ['OFFICIAL_STATEMENT', 15], ['PRESS_RELEASE', 10], ['TRANSCRIPT', 5], ['OTHER', 5]];
const MS_PER_DAY = 86_400_000;

/** Cites `source` for `quote` on a list that holds fewer than `max` citations, once per source. */
function cite(list: CitationRecord[], source: string, quote: string, max: number): void {
  if (list.length < max && !list.some((citation) => citation.source === source)) list.push({ source, quote });
}

/** Writes the sources of `clusters` (already in date order) with `meetingsPerSource` meetings each on average. */
export function writeSources(
  rng: Rng,
  clusters: readonly PlannedMeeting[][],
  meetingsPerSource: number,
  context: { outlets: readonly OrganizationRecord[]; national: readonly NationalOrganizations[]; people: readonly SynthPerson[]; tenures: readonly SynthTenure[] },
): WrittenSources {
  const sourceSlugs = new SlugSet();
  const meetingSlugs = new SlugSet();
  const drafts: Draft[] = [];
  const meetings: MeetingRecord[] = [];
  const slugOf = new Map<PlannedMeeting, string>();
  const spread = Math.max(2, Math.round(meetingsPerSource * 0.3));

  for (let next = 0; next < clusters.length; ) {
    const target = rng.int(meetingsPerSource - spread, meetingsPerSource + spread);
    const group: PlannedMeeting[] = [];
    while (next < clusters.length && group.length < target) group.push(...clusters[next++]!);
    const draft = draftSource(rng, group, drafts, sourceSlugs, context);
    drafts.push(draft);
    const source = draft.record.slug;
    for (const meeting of group) {
      const text = describeMeeting(rng, meeting);
      draft.paragraphs.push(text.paragraph);
      const slug = meetingSlugs.claim(meeting.date.record.precision === 'UNKNOWN' ? text.title : `${text.title} ${new Date(meeting.first * MS_PER_DAY).getUTCFullYear()}`, 'meeting');
      slugOf.set(meeting, slug);
      const leadCitation = { source, quote: text.lead };
      const topicCitation = text.topicQuote ? [{ source, quote: text.topicQuote }] : [];
      meetings.push({
        slug,
        title: text.title,
        kind: meeting.kind,
        date: meeting.date.record,
        location: meeting.location?.slug ?? null,
        countries: meeting.countries.map((country) => country.record.slug),
        format: meeting.format?.record.slug ?? null,
        partOf: meeting.parent ? slugOf.get(meeting.parent)! : null,
        coding: meeting.coding,
        participants: meeting.participants.map((participant) => participantRecord(participant, source)),
        topics: meeting.topics.map((topic) => ({ topic: topic.slug, citations: topicCitation })),
        outcomes: meeting.outcomes.map((outcome) => ({ description: `${outcome.sentence}.`, cameo: outcome.cameo, citations: [{ source, quote: outcome.sentence }] })),
        summary: text.summary,
        citations: [leadCitation],
      });
    }
  }
  addNotices(rng, drafts, context.people, context.tenures);
  const texts = new Map<string, string>();
  for (const draft of drafts) {
    const body = [...draft.paragraphs, ...(draft.notices.length > 0 ? [`Appointments: ${draft.notices.join(' ')}`] : [])];
    texts.set(draft.record.slug, `${draft.heading}${body.join('\n\n')}\n`);
  }
  return { sources: drafts.map((draft) => draft.record), meetings, texts };
}

function participantRecord(participant: PlannedParticipant, source: string): MeetingRecord['participants'][number] {
  const { person, office, tenure, organization } = participant;
  if (tenure) cite(tenure.record.citations, source, tenure.phrase, 2);
  if (person) cite(person.record.citations, source, participant.phrase, 2);
  if (office) cite(office.record.citations, source, participant.phrase, 1);
  if (organization) cite(organization.citations, source, participant.phrase, 1);
  return {
    person: person?.record.slug ?? null,
    office: office?.record.slug ?? null,
    organization: organization?.slug ?? null,
    country: participant.country.record.slug,
    role: participant.role,
    label: participant.label,
    citations: [{ source, quote: participant.phrase }],
  };
}

function draftSource(
  rng: Rng,
  group: readonly PlannedMeeting[],
  earlier: readonly Draft[],
  slugs: SlugSet,
  context: { outlets: readonly OrganizationRecord[]; national: readonly NationalOrganizations[] },
): Draft {
  const lead = group[0]!;
  let latest = 0;
  for (const meeting of group) latest = Math.max(latest, meeting.last, meeting.date.record.latest ? Date.parse(meeting.date.record.latest) / MS_PER_DAY : 0);
  const day = Math.min(LAST_DAY, latest + rng.int(0, 2));
  let kind = rng.weighted(KINDS);
  const ministry = context.national[lead.countries[0]!.index]!.foreignMinistry;
  if (kind !== 'NEWS_ARTICLE' && kind !== 'OTHER' && !ministry) kind = 'NEWS_ARTICLE';
  const publisher = kind === 'NEWS_ARTICLE' || kind === 'OTHER' ? rng.pick(context.outlets) : ministry!;
  const iso = isoOf(day);
  const slug = slugs.claim(`${publisher.kind === 'MINISTRY' ? `${lead.countries[0]!.record.slug}-foreign-ministry` : publisher.slug} ${iso}`, 'source');
  const headline = describeHeadline(lead, group.length);
  const title = kind === 'OFFICIAL_STATEMENT' ? `Statement of the ${publisher.name} on ${headline}` : kind === 'PRESS_RELEASE' ? `Press release: ${headline}` : kind === 'TRANSCRIPT' ? `Transcript of remarks on ${headline}` : headline;
  const datelineCountry: SynthCountry = lead.countries[0]!;
  const dateline = rng.chance(0.7) ? (lead.location ?? datelineCountry.places[0]!) : null;
  const host = publisher.slug.slice(0, 40).replace(/-+$/, '');
  const record: SourceRecord = {
    slug,
    title,
    kind,
    publisher: publisher.slug,
    publishedOn: iso,
    url: rng.chance(0.6) ? `https://www.${host}.example/${iso.replace(/-/g, '/')}/${slug}` : null,
    dateline: dateline?.slug ?? null,
    cites: earlier.length > 0 && rng.chance(0.1) ? [rng.pick(earlier.slice(-20)).record.slug] : [],
    textFile: `sources/${slug}.txt`,
  };
  const opening = dateline ? `${dateline.name.toUpperCase()} (${publisher.name}) - ` : '';
  return { record, day, heading: `${title}\n\n${usDate(day)}\n\n${opening}`, paragraphs: [], notices: [], noticeChars: 0 };
}

function describeHeadline(lead: PlannedMeeting, count: number): string {
  const names = lead.countries.slice(0, 3).map((country) => country.name);
  const topic = lead.topics[0]?.name;
  const base = `${names.join(', ')}${lead.countries.length > 3 ? ' and others' : ''} ${topic ? `discuss ${topic}` : 'meet'}`;
  return count > 1 ? `${base}, and ${count - 1} more diplomatic meetings` : base;
}

/** Appointment notices for tenures no meeting cited, and a mention for people nothing named. */
function addNotices(rng: Rng, drafts: readonly Draft[], people: readonly SynthPerson[], tenures: readonly SynthTenure[]): void {
  const days = drafts.map((draft) => draft.day);
  // The first source from index i with room for more notices (the last one takes any overflow).
  const withRoom = (from: number): Draft => {
    let i = from;
    while (i < drafts.length - 1 && drafts[i]!.noticeChars >= NOTICE_CHARS) i++;
    return drafts[i]!;
  };
  /** The first source published on or after `day` with room for a notice. */
  const sourceFrom = (day: number): Draft => {
    let low = 0;
    let high = days.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (days[mid]! >= day) high = mid;
      else low = mid + 1;
    }
    return withRoom(low);
  };
  const notice = (draft: Draft, text: string) => {
    draft.notices.push(text);
    draft.noticeChars += text.length + 1;
  };
  for (const tenure of tenures) {
    if (tenure.record.citations.length > 0) continue;
    const draft = sourceFrom(tenure.from);
    const start = tenure.record.start;
    const when = start === null ? 'was named to the post' : `took office ${start.precision === 'DAY' ? 'on ' : /^(MONTH|YEAR|PART_OF_MONTH)$/.test(start.precision) ? 'in ' : ''}${start.label}`;
    notice(draft, `${tenure.phrase} ${when}.`);
    const source = draft.record.slug;
    cite(tenure.record.citations, source, tenure.phrase, 2);
    cite(tenure.person.record.citations, source, tenure.phrase, 2);
    cite(tenure.office.record.citations, source, tenure.phrase, 1);
  }
  for (const person of people) {
    if (person.record.citations.length > 0) continue;
    const draft = rng.pick(drafts);
    const quote = `${person.record.name}, a diplomat from ${person.country.name}`;
    notice(draft, `${quote}, joined the service.`);
    cite(person.record.citations, draft.record.slug, quote, 2);
  }
}
