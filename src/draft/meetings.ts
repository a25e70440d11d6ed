/**
 * Reads the meetings a report states, sentence by sentence, from its reporting verbs:
 *
 * | words | kind | roles |
 * |---|---|---|
 * | "phone call", "spoke by phone", "telephone conversation" | PHONE_CALL | participants |
 * | "received", "hosted", "welcomed" ("was received by") | BILATERAL_MEETING | the subject HOST, the others VISITOR |
 * | "attended", "took part in" a summit or ministerial | SUMMIT, MINISTERIAL, CONFERENCE | participants |
 * | "held talks", "talks with" | TALKS | participants |
 * | "met", "meeting" (a "ministerial", a "summit") | BILATERAL_MEETING (MINISTERIAL, SUMMIT) | participants |
 * | "visited", "a visit to", "N-day visit" | VISIT | the visitor VISITOR |
 *
 * Participants are the people the sentence names (or, when it names none before the verb,
 * "he", "the two leaders", "the Kazakh diplomat", the people of the meeting before); one
 * person meeting several others one after another ("met A, B and C") makes a meeting per
 * counterpart, as the seed records them. A sentence that only adds to the meeting before
 * ("hosted the session", "the ministers discussed ...") adds its people and topics to it.
 *
 * Dates come from the date mentions (`read-dates.ts`) of the sentence, the nearest to the
 * verb; a meeting during a visit without a date of its own takes the visit's bounds; "on
 * the same day" the meeting's before; with none, the report's publication date as an
 * upper bound ("on or before"), never a day the text does not give.
 */
import { addDays } from '../domain/calendar-date';
import { CAMEO_TO_PLOVER } from '../domain/cameo-plover';
import type { MeetingKind, ParticipantRole, PloverCategory, PloverMode } from '../domain/vocabularies';
import type { FuzzyDateRecord } from '../store/contract/records';
import { describeRange } from '../domain/meeting-date';
import type { DateMention } from './read-dates';
import type { CityMention, CountryMention, Mention, Mentions, OrganizationMention, PersonMention, TopicMention } from './recognize';
import type { TextSpan } from './text-spans';

/** A participant of a drafted meeting. */
export interface DraftParticipant {
  person: PersonMention;
  role: ParticipantRole;
  /** The sentence that names the person in the meeting. */
  sentence: TextSpan;
}

/** A meeting read from the text, before it becomes a bundle record. */
export interface DraftMeeting {
  kind: MeetingKind;
  coding: { cameoCode: string; ploverCategory: PloverCategory; ploverMode: PloverMode | null };
  /** The words that state it (the reporting verb). */
  trigger: Mention;
  /** The sentences that state it, first the one with the verb. */
  sentences: TextSpan[];
  participants: DraftParticipant[];
  city: CityMention | null;
  /** ISO code of the country visited (a VISIT), or null. */
  visited: string | null;
  /** A format named in the sentence (C5+1, G20), or null. */
  format: OrganizationMention | null;
  /** The date, and the mention that states it (null when the date is the publication date's upper bound or unknown). */
  date: FuzzyDateRecord;
  dateMention: DateMention | null;
  /** True when the date is one the sentence gives (not inherited nor the publication bound). */
  ownDate: boolean;
  topics: { topic: TopicMention; sentence: TextSpan }[];
}

const PHONE = /\b(?:(?:tele)?phone\s+(?:call|conversation|talks)|spoke\s+(?:by|on\s+the|over\s+the)\s+(?:tele)?phone|phoned|video\s+(?:call|conference)|held\s+a\s+call)\b/i;
const RECEIVED = /\b(?:received|receives|receiving|hosted|hosts|hosting|welcomed|welcomes)\b/i;
const ATTENDED = /\b(?:attended|attends|attending|took\s+part\s+in|takes\s+part\s+in|participated\s+in|joined)\b/i;
const TALKS = /\b(?:held|hold|holds|holding)\s+(?:\w+\s+){0,5}?talks\b|\btalks\s+(?:with|between)\b|\b(?:talked|spoke)\s+(?:with|to|for|briefly)\b/i;
const MET = /\b(?:met|meets|meet|meeting|(?:held|had)\s+(?:\w+\s+){0,3}?meetings|sat\s+down\s+with)\b/i;
const VISIT = /\b(?:visited|visits|visiting|(?:\w+-day\s+)?(?:state\s+|official\s+|working\s+)?visit\s+to|(?:[\w-]+-day|state|official|working)\s+(?:state\s+|official\s+)?visit|arrived\s+in|arrives\s+in|trip\s+to)\b/i;
/** A visit named as the frame of what the sentence reports, not reported by it: "during the visit", "as part of his visit". */
const VISIT_FRAME = /\b(?:during|as\s+part\s+of|on|after|before|following|at\s+the\s+end\s+of|in\s+the\s+course\s+of)\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+|a\s+|an\s+)?(?:same\s+)?(?:[\w-]+-day\s+)?(?:\w+\s+)?$/i;
/** A sentence that adds to the meeting before it: its subject is the meeting or its people, no new verb of meeting. */
const CONTINUES = /^(?:the\s+(?:two|three|four|five|six)\s+\w+|the\s+(?:ministers|leaders|sides|parties|presidents|officials|delegations)|they|both\s+sides|during\s+the\s+(?:meeting|talks|call|visit|meetings)|at\s+the\s+(?:meeting|talks)|in\s+the\s+(?:meeting|talks|call))\b/i;
/** A subject that refers back to a person named before: "he", "the Kazakh diplomat". */
const BACK_REFERENCE = /^(?:on\s+\w+,\s+|later\s+on\s+\w+,\s+|later,\s+|on\s+the\s+same\s+day,\s+|the\s+same\s+day,\s+)?(?:he|she|the\s+(?:[\p{Lu}][\p{L}-]*\s+)?(?:diplomat|minister|president|official|envoy|secretary|leader|guest|chancellor|premier))\b/iu;
const SAME_DAY = /\b(?:on\s+the\s+same\s+day|the\s+same\s+day|that\s+day|later\s+that\s+day|(?:a\s+few|several|two|three)\s+hours\s+later|hours\s+later|later\s+that\s+(?:morning|afternoon|evening))\b/i;
const NUMBER_WORDS: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

/** The coding of each kind (CAMEO, with its PLOVER category and mode from the official mapping). */
function codingOf(kind: MeetingKind, hosted: boolean): DraftMeeting['coding'] {
  const cameoCode = kind === 'VISIT' ? '042' : kind === 'PHONE_CALL' ? '041' : hosted ? '043' : '040';
  const plover = CAMEO_TO_PLOVER.get(cameoCode)!;
  return { cameoCode, ploverCategory: plover.ploverCategory, ploverMode: plover.ploverMode };
}

interface Trigger extends Mention {
  kind: MeetingKind;
  hosted: boolean;
  passive: boolean;
}

/** The reporting verb of a sentence, or null. */
function triggerOf(sentence: string, offset: number): Trigger | null {
  const at = (regex: RegExp) => {
    const match = regex.exec(sentence);
    return match === null ? null : { start: offset + match.index, end: offset + match.index + match[0].length, words: match[0] };
  };
  const lower = sentence.toLowerCase();
  const gathering = gatheringOf(lower);
  const phone = at(PHONE);
  if (phone) return { ...phone, kind: 'PHONE_CALL', hosted: false, passive: false };
  const received = at(RECEIVED);
  if (received && !/\bhost(?:ed|s|ing)?\s+(?:the|a)\s+(?:session|meeting|talks|summit|ministerial|forum|conference|dinner|lunch)\b/i.test(sentence.slice(received.start - offset))) {
    const passive = /\b(?:was|were|is|are|been)\s+$/i.test(sentence.slice(0, received.start - offset));
    return { ...received, kind: gathering ?? 'BILATERAL_MEETING', hosted: gathering === null, passive };
  }
  const attended = at(ATTENDED);
  if (attended && gathering !== null) return { ...attended, kind: gathering, hosted: false, passive: false };
  if (attended && /\b(?:conference|forum)\b/.test(lower)) return { ...attended, kind: 'CONFERENCE', hosted: false, passive: false };
  const talks = at(TALKS);
  if (talks) return { ...talks, kind: gathering ?? 'TALKS', hosted: false, passive: false };
  const met = at(MET);
  if (met) return { ...met, kind: gathering ?? 'BILATERAL_MEETING', hosted: false, passive: false };
  if (received) return { ...received, kind: gathering ?? 'BILATERAL_MEETING', hosted: false, passive: false };
  // "wrapped up their first joint summit on Friday": a gathering reported without a verb of meeting.
  const held = gathering === null ? null : at(GATHERING_HELD);
  if (held) return { ...held, kind: gathering!, hosted: false, passive: false };
  return null;
}

/** The kind of gathering a sentence speaks of: a summit, a ministerial ("foreign ministers ... meeting"), or none. */
function gatheringOf(lower: string): MeetingKind | null {
  if (/\bsummit\b/.test(lower)) return 'SUMMIT';
  if (/\bministerial\b/.test(lower) || /\bforeign\s+ministers\b[^.]*\b(?:meeting|gathered|met|talks)\b/.test(lower)) return 'MINISTERIAL';
  return null;
}

/** Verbs that report a gathering held: "wrapped up their summit", "the ministerial opened". */
const GATHERING_HELD = /\b(?:wrapped\s+up|held|opened|ended|concluded|closed|gathered|convened)\b/i;
/** Words that add people to the gathering reported before: "who chaired the ministerial", "were among those attending", "Taking part were". */
const JOINS = /\b(?:chaired|chairs|chairing|attending|attended|taking\s+part|took\s+part|participated|among\s+those)\b/i;
/** "On the margins of the gathering": at the gathering, on its days. */
const AT_GATHERING = /\b(?:on|at)\s+the\s+(?:margins|sidelines)\s+of\s+the\s+(?:gathering|meeting|summit|ministerial|conference|talks)\b/i;
/** What is only planned, hoped or said of the future is no meeting: "hoped to meet", "will visit", "is due to hold talks". */
const NOT_HELD = /\b(?:to|will|would|shall|could|may|might|should|must)\s+(?:\w+\s+)?$/i;

/** A visit the sentence reports ("visited", "a three-day visit to"), with its length in days when given. */
function visitOf(sentence: string, offset: number): (Mention & { days: number | null; framed: boolean }) | null {
  const match = VISIT.exec(sentence);
  if (match === null) return null;
  const before = sentence.slice(0, match.index);
  const framed = VISIT_FRAME.test(before);
  const length =
    /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)-day\b/i.exec(sentence.slice(Math.max(0, match.index - 20), match.index + match[0].length)) ??
    /\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)-day\s+(?:state\s+|official\s+|working\s+)?(?:visit|trip)\b/i.exec(sentence);
  const days = length === null ? null : (NUMBER_WORDS[length[1]!.toLowerCase()] ?? Number(length[1]));
  return { start: offset + match.index, end: offset + match.index + match[0].length, days: Number.isFinite(days) ? days : null, framed };
}

/** The date bound given by the publication day alone: the meeting took place on or before it. */
export function publicationBound(publishedOn: string | null): FuzzyDateRecord {
  return describeRange(null, publishedOn);
}


/** Reads the meetings of a text from its sentences and mentions. */
export function readMeetings(
  text: string,
  sentences: readonly TextSpan[],
  mentions: Mentions,
  dates: readonly DateMention[],
  publishedOn: string | null,
  title: string | null,
  countryOf: (name: string) => string | undefined,
): DraftMeeting[] {
  const meetings: DraftMeeting[] = [];
  const inside = <M extends Mention>(list: readonly M[], sentence: TextSpan) => list.filter((m) => m.start >= sentence.start && m.end <= sentence.end);
  // The dateline's date ("MOSCOW, Nov 8 -") is the report's, not a meeting's.
  const datelineEnd = sentences[0] !== undefined && sentences.length > 1 ? -1 : -1;
  let last: DraftMeeting | null = null;
  for (const sentence of sentences) {
    const words = sentence.quote;
    // The headline states in short what the text states in full: not a meeting of its own.
    if (title !== null && sentence.start === 0 && words === title && !/[.!?]["”’]?$/u.test(words) && /\n/.test(text.slice(sentence.end))) continue;
    const people = uniquePeople(inside(mentions.people, sentence));
    const sentenceDates = inside(dates, sentence).filter((date) => date.start > datelineEnd && !isDateline(text, date));
    // The dateline's city is where the report was filed, not where anything took place.
    const cities = inside(mentions.cities, sentence).filter((city) => !/^[^\S\n]*$/.test(text.slice(text.lastIndexOf('\n', city.start - 1) + 1, city.start)) || !/^\s*(?:,|\()/.test(text.slice(city.end, city.end + 3)) || text.slice(city.start, city.end) !== text.slice(city.start, city.end).toUpperCase());
    const countries = inside(mentions.countries, sentence);
    const topics = inside(mentions.topics, sentence);
    const formats = inside(mentions.organizations, sentence).filter((o) => o.kind === 'DIPLOMATIC_FORMAT' || o.kind === 'INTERNATIONAL_ORGANIZATION');
    let trigger = triggerOf(words, sentence.start);
    if (trigger !== null && NOT_HELD.test(text.slice(Math.max(sentence.start, trigger.start - 30), trigger.start))) trigger = null;
    // "The two leaders ... asked their teams to prepare a meeting": a sentence about the meeting before, whose only word of meeting is a noun.
    if (trigger !== null && last !== null && CONTINUES.test(words) && /^meetings?$/i.test(text.slice(trigger.start, trigger.end))) trigger = null;
    let visit = visitOf(words, sentence.start);
    if (visit !== null && NOT_HELD.test(text.slice(Math.max(sentence.start, visit.start - 30), visit.start))) visit = null;
    // People who chaired or attended the gathering reported before.
    const gatheringBefore = [...meetings].reverse().find((m) => m.kind === 'SUMMIT' || m.kind === 'MINISTERIAL' || m.kind === 'CONFERENCE');
    // A sentence that joins people to it: no meeting of its own, or only the gathering's own word ("the summit").
    const ownMeeting = trigger !== null && (trigger.kind === 'BILATERAL_MEETING' || trigger.kind === 'TALKS' || trigger.kind === 'PHONE_CALL' || gatheringOf(words.toLowerCase()) === null);
    if (gatheringBefore !== undefined && !ownMeeting && JOINS.test(words) && people.length > 0) {
      for (const person of people) addParticipant(gatheringBefore, person, 'PARTICIPANT', sentence);
      if (!gatheringBefore.sentences.includes(sentence)) gatheringBefore.sentences.push(sentence);
      for (const topic of topics) gatheringBefore.topics.push({ topic, sentence });
      last = gatheringBefore;
      continue;
    }

    // "hosted the session", "the ministers discussed": adds to the meeting before.
    const continues = last !== null && trigger === null && (CONTINUES.test(words) || /\bhost(?:ed|s)\s+the\s+(?:session|meeting|talks)\b/i.test(words) || /\b(?:discuss|talked|agreed)/i.test(words));
    const joins = last !== null && /\bhost(?:ed|s)\s+the\s+(?:session|meeting|talks|summit)\b/i.test(words);
    if ((continues || joins) && last !== null) {
      if (joins) for (const person of people) addParticipant(last, person, 'PARTICIPANT', sentence);
      for (const topic of topics) last.topics.push({ topic, sentence });
      if (!last.sentences.includes(sentence)) last.sentences.push(sentence);
      continue;
    }

    let subjects = trigger === null ? [] : people.filter((p) => p.end <= trigger.start);
    // The people met end where the clause does: "held meetings, during which the parties discussed the recent visit of Blinken" names no one met.
    const clauseEnd = trigger === null ? sentence.end : clauseEndAfter(text, trigger.end, sentence.end);
    let objects = trigger === null ? people : people.filter((p) => p.start >= trigger.end && p.start < clauseEnd);
    if (trigger !== null && subjects.length === 0 && last !== null) {
      // "He met ...", "The Kazakh diplomat met ...": the first person of the meeting before; "The two leaders held talks": all its people.
      const back = BACK_REFERENCE.exec(words);
      if (back !== null) {
        // "The Kazakh diplomat": the last person named before who is Kazakh; "he": the first person of the meeting before.
        const adjective = /\bthe\s+([\p{Lu}][\p{L}-]*)\s+/u.exec(back[0])?.[1];
        const isoCode = adjective === undefined ? undefined : countryOf(adjective);
        const earlier = isoCode === undefined ? undefined : mentions.people.filter((p) => p.end <= sentence.start && p.isoCode === isoCode).at(-1);
        subjects = earlier !== undefined ? [earlier] : last.participants.map((p) => p.person).filter((p) => !objects.some((o) => o.name === p.name)).slice(0, 1);
      }
      else if (CONTINUES.test(words) && people.length === 0) subjects = last.participants.map((p) => p.person);
    }
    if (trigger?.passive) [subjects, objects] = [objects, subjects];
    // "Tokayev welcomed him": the guest of the visit or meeting just read.
    if (trigger !== null && objects.length === 0 && last !== null && /^\s*(?:him|her)\b/i.test(text.slice(trigger.end, trigger.end + 6))) {
      const guest = last.participants.find((p) => !subjects.some((s) => s.name === p.person.name));
      if (guest !== undefined) objects = [guest.person];
    }
    const dateFor = (near: Mention): DateMention | null => joinedRange(text, nearestDate(sentenceDates, near), sentenceDates);

    let visitMeeting: DraftMeeting | null = null;
    if (visit !== null && (!visit.framed || trigger === null || true)) {
      // Where to: the place named right after "visit to", else the first country or city after the visit.
      const right = (m: Mention) => m.start >= visit.start && /^[\s\w-]*?\bto\s+(?:the\s+)?$/i.test(text.slice(visit.start, m.start)) && m.start - visit.end < 12;
      const destination =
        countries.find(right)?.isoCode ?? cities.find(right)?.city.isoCode ?? countries.find((c) => !c.adjective && c.start > visit.start)?.isoCode ?? cities.find((c) => c.start > visit.start)?.city.isoCode ?? cities[0]?.city.isoCode ?? null;
      const visitor = visitorOf(text, visit, subjects, objects, people, destination, trigger);
      if (visitor !== null) {
        const mention = visitDate(text, visit, sentenceDates);
        // "During the visit to Kazakhstan": the visit of the meeting just read, when it is the visitor's.
        const framing = visit.framed && mention === null && last !== null && last.ownDate && last.participants.some((p) => p.person.name === visitor.name) ? last : null;
        visitMeeting = newMeeting('VISIT', false, visit, sentence, cities[0] ?? null, destination, formats[0] ?? null, topics);
        addParticipant(visitMeeting, visitor, 'VISITOR', sentence);
        if (mention !== null) setDate(visitMeeting, mention.date, mention.mention, true);
        else if (framing !== null) setDate(visitMeeting, framing.date, framing.dateMention, true);
        else if (visit.days === 1 && trigger !== null) {
          const day = dateFor(trigger);
          if (day !== null) setDate(visitMeeting, day.date, day, true);
        }
        visitMeeting = addOrMerge(meetings, visitMeeting);
      }
    }

    if (trigger === null) {
      if (visitMeeting !== null) last = visitMeeting;
      continue;
    }
    const participants = [...subjects, ...objects.filter((o) => !subjects.some((s) => s.name === o.name))];
    // A meeting needs two sides named: one person alone is a visit (read above) or an unnamed counterpart.
    const gathering = trigger.kind === 'MINISTERIAL' || trigger.kind === 'SUMMIT' || trigger.kind === 'CONFERENCE';
    // A gathering is kept without named people: the sentences after it may name who took part.
    if (participants.length < (gathering ? 0 : 2)) {
      if (visitMeeting !== null) last = visitMeeting;
      continue;
    }
    const roleOf = (person: PersonMention): ParticipantRole =>
      trigger.hosted ? (subjects.some((s) => s.name === person.name) ? 'HOST' : 'VISITOR') : 'PARTICIPANT';
    // One person meeting several in turn: a meeting each, as the seed records them.
    const groups =
      (trigger.kind === 'BILATERAL_MEETING' || trigger.kind === 'TALKS') && subjects.length === 1 && objects.length > 1 && !/\btogether\b|\bjointly\b/i.test(words)
        ? objects.filter((o) => o.name !== subjects[0]!.name).map((o) => [subjects[0]!, o])
        : [participants];
    const ownDate = dateFor(trigger);
    for (const group of groups) {
      const place = trigger.kind === 'PHONE_CALL' ? null : (cities.find((c) => c.start > trigger.start) ?? cities[0] ?? null);
      const meeting = newMeeting(trigger.kind, trigger.hosted, trigger, sentence, place, null, formats[0] ?? null, topics);
      for (const person of group) addParticipant(meeting, person, roleOf(person), sentence);
      // The date of the visit's own clause ("a two-day visit that began on Monday") is not the meeting's.
      const visitsOwn =
        visitMeeting !== null && visit !== null && ownDate !== null && ownDate === visitMeeting.dateMention && ownDate.start > visit.start && visit.days !== 1 && /\b(?:began|begins|started|starts|opened)\b/i.test(text.slice(visit.end, ownDate.start));
      if (ownDate !== null && !visitsOwn) setDate(meeting, gathering ? gatheringDays(text, sentence, ownDate) : ownDate.date, ownDate, true);
      else if (AT_GATHERING.test(words) && gatheringBefore?.ownDate) setDate(meeting, gatheringBefore.date, gatheringBefore.dateMention, false);
      else if (SAME_DAY.test(words) && last !== null && last.ownDate) setDate(meeting, last.date, last.dateMention, false);
      last = addOrMerge(meetings, meeting);
    }
  }
  // A meeting without a date of its own during a visit of one of its participants: the visit's bounds.
  for (const meeting of meetings) {
    if (meeting.ownDate || meeting.kind === 'VISIT') continue;
    const during = meetings.find((visit) => visit.kind === 'VISIT' && visit.ownDate && visit.participants.some((v) => meeting.participants.some((p) => p.person.name === v.person.name)));
    if (during !== undefined) setDate(meeting, during.date, during.dateMention, false);
  }
  for (const meeting of meetings) if (!meeting.ownDate && meeting.dateMention === null) meeting.date = publicationBound(publishedOn);
  return meetings;
}

function isDateline(text: string, date: DateMention): boolean {
  // "MOSCOW, Nov 8 -", "ASTANA, 28 February 2023.": the date right after a capitalised place at a line's start.
  const lineStart = text.lastIndexOf('\n', date.start - 1) + 1;
  const before = text.slice(lineStart, date.start);
  return /^[\p{Lu}\s.'-]{3,}(?:\([^)]*\))?,\s*$/u.test(before) || /^[\p{Lu}\s.'-]{3,}\s*\([^)]*$/u.test(before);
}

function uniquePeople(people: readonly PersonMention[]): PersonMention[] {
  const seen = new Set<string>();
  return people.filter((person) => {
    if (seen.has(person.name)) return false;
    seen.add(person.name);
    return true;
  });
}

function newMeeting(kind: MeetingKind, hosted: boolean, trigger: Mention, sentence: TextSpan, city: CityMention | null, visited: string | null, format: OrganizationMention | null, topics: readonly TopicMention[]): DraftMeeting {
  return {
    kind,
    coding: codingOf(kind, hosted),
    trigger: { start: trigger.start, end: trigger.end },
    sentences: [sentence],
    participants: [],
    city,
    visited,
    format,
    date: describeRange(null, null),
    dateMention: null,
    ownDate: false,
    topics: topics.map((topic) => ({ topic, sentence })),
  };
}

function setDate(meeting: DraftMeeting, date: FuzzyDateRecord, mention: DateMention | null, own: boolean): void {
  meeting.date = date;
  meeting.dateMention = mention;
  meeting.ownDate = own;
}

function addParticipant(meeting: DraftMeeting, person: PersonMention, role: ParticipantRole, sentence: TextSpan): void {
  if (meeting.participants.some((p) => p.person.name === person.name)) return;
  meeting.participants.push({ person, role, sentence });
}

/** Where the clause of a reporting verb ends: at "during which", "where", "discussing", "about", "the outcomes of" and the like. */
function clauseEndAfter(text: string, from: number, limit: number): number {
  const end = /,?\s+(?:during\s+which|in\s+which|where|which|while|after\s+which|discuss\w*|about|on\s+the\s+(?:outcomes?|results?)|the\s+(?:outcomes?|results?)\s+of|to\s+discuss|telling|saying|said)\b/i.exec(text.slice(from, limit));
  return end === null ? limit : from + end.index;
}

/** A gathering's days: "wrapped up their summit on Friday, a two-day gathering" is Thursday and Friday. */
function gatheringDays(text: string, sentence: TextSpan, date: DateMention): FuzzyDateRecord {
  const length = /\b(\d+|one|two|three|four|five|six|seven)-day\b/i.exec(sentence.quote);
  const day = date.date.earliest !== null && date.date.earliest === date.date.latest ? date.date.earliest : null;
  if (length === null || day === null) return date.date;
  const days = NUMBER_WORDS[length[1]!.toLowerCase()] ?? Number(length[1]);
  const before = text.slice(sentence.start, date.start);
  if (/\b(?:wrapped\s+up|ended|concluded|closed)\b/i.test(before)) return describeRange(addDays(day, 1 - days), day);
  if (/\b(?:opened|began|started)\b/i.test(before)) return describeRange(day, addDays(day, days - 1));
  return date.date;
}

/** "on Monday and Tuesday": two days joined by "and" are one range, cited by both. */
function joinedRange(text: string, date: DateMention | null, dates: readonly DateMention[]): DateMention | null {
  if (date === null) return null;
  const next = dates.find((other) => other.start > date.end && /^\s+(?:and|to|through|-|–)\s+(?:on\s+)?$/.test(text.slice(date.end, other.start)));
  if (next === undefined || date.date.earliest === null || next.date.latest === null || next.date.latest < date.date.earliest) return date;
  return { ...date, end: next.end, quote: text.slice(date.start, next.end), date: describeRange(date.date.earliest, next.date.latest) };
}

/** The date mention nearest to `near` (after it first), skipping none. */
function nearestDate(dates: readonly DateMention[], near: Mention): DateMention | null {
  let best: DateMention | null = null;
  let distance = Infinity;
  for (const date of dates) {
    const d = date.start >= near.end ? date.start - near.end : (near.start - date.end) * 1.5;
    if (d < distance) {
      distance = d;
      best = date;
    }
  }
  return best;
}

/** The visit's own dates: "a two-day visit that began on Monday", "a three-day state visit, which ends on Friday", "left on Wednesday at the end of a three-day visit". */
function visitDate(text: string, visit: Mention & { days: number | null }, dates: readonly DateMention[]): { date: FuzzyDateRecord; mention: DateMention } | null {
  const after = dates.filter((d) => d.start >= visit.end && d.start - visit.end < 60);
  for (const date of after) {
    const between = text.slice(visit.end, date.start);
    if (/[.;]/.test(between)) continue;
    const day = date.date.earliest !== null && date.date.earliest === date.date.latest ? date.date.earliest : null;
    if (/\b(?:began|begins|started|starts|opened)\b/i.test(between) && day !== null && visit.days !== null) return { date: describeRange(day, addDays(day, visit.days - 1)), mention: date };
    if (/\b(?:ends|ended|ending|concluded|closes|closed)\b/i.test(between) && day !== null && visit.days !== null) return { date: describeRange(addDays(day, 1 - visit.days), day), mention: date };
    const ended = /\b(?:wrapped\s+up|ended|concluded|completed|rounded\s+off)\s+(?:\w+\s+){0,2}$/i.test(text.slice(Math.max(0, visit.start - 40), visit.start));
    // "arrived in Beijing on Monday for a two-day visit": the first day.
    if (/^arrive/i.test(text.slice(visit.start, visit.end)) && day !== null && visit.days !== null && /^\s*[\p{Lu}][\p{L}.-]*(?:\s+[\p{Lu}][\p{L}.-]*)*\s+on\s+$/u.test(between)) return { date: describeRange(day, addDays(day, visit.days - 1)), mention: date };
    if (/^\s*(?:(?:to\s+)?(?:the\s+)?[\p{Lu}][\p{L}.-]*(?:\s+[\p{Lu}][\p{L}.-]*)*\s+)?(?:in|on)\s+$/u.test(between)) {
      if (ended && day !== null && visit.days !== null) return { date: describeRange(addDays(day, 1 - visit.days), day), mention: date };
      return { date: date.date, mention: date };
    }
  }
  // "left Moscow on Wednesday at the end of a three-day state visit"
  const before = dates.filter((d) => d.end <= visit.start && visit.start - d.end < 40).at(-1);
  // "Earlier this month, the minister visited Tashkent": the date that opens the clause.
  const opening = dates.find((d) => d.end <= visit.start && /^\W*$/.test(text.slice(text.lastIndexOf('\n', d.start) + 1, d.start).replace(/\b(?:earlier|later|on|in|last|this|at)\b/gi, '')) && /^,\s+/.test(text.slice(d.end, d.end + 2)));
  if (opening !== undefined && before === undefined) return { date: opening.date, mention: opening };
  if (before !== undefined && visit.days !== null && /\bat\s+the\s+end\s+of\b/i.test(text.slice(before.end, visit.start))) {
    const day = before.date.earliest;
    if (day !== null && day === before.date.latest) return { date: describeRange(addDays(day, 1 - visit.days), day), mention: before };
  }
  return null;
}

/**
 * Who made the visit: the person whose name owns it ("Modi's three-day state visit"), else,
 * of the sentence's people, the one not of the country visited (the guest), else the subject.
 */
function visitorOf(text: string, visit: Mention, subjects: readonly PersonMention[], objects: readonly PersonMention[], people: readonly PersonMention[], destination: string | null, trigger: Trigger | null): PersonMention | null {
  const owner = people.find((p) => /^['’]s\s+(?:[\w-]+\s+){0,3}$/u.test(text.slice(p.end, visit.start)));
  if (owner !== undefined) return owner;
  if (trigger?.hosted) return objects[0] ?? null;
  // "As part of his visit to U.S., Umarov held ...": the subject.
  if (/\b(?:his|her)\s+(?:[\w-]+\s+){0,3}$/i.test(text.slice(Math.max(0, visit.start - 40), visit.start))) {
    const subject = subjects[0] ?? people.find((p) => p.start > visit.end);
    if (subject !== undefined) return subject;
  }
  // "the recent visit of US Secretary of State Antony Blinken to Astana"
  const of = people.find((p) => p.phraseStart >= visit.end && /^\s+of\s+(?:the\s+)?$/i.test(text.slice(visit.end, p.phraseStart)));
  if (of !== undefined) return of;
  const guests = people.filter((p) => p.isoCode !== null && destination !== null && p.isoCode !== destination);
  if (guests.length === 1) return guests[0]!;
  const before = people.filter((p) => p.end <= visit.start);
  return subjects[0] ?? before[0] ?? (trigger === null ? (people[0] ?? null) : null);
}

/**
 * Adds `meeting`, or merges it into one already read that is the same: the same kind and
 * people, with dates that agree (a second sentence about one visit). Returns the meeting kept.
 */
function addOrMerge(meetings: DraftMeeting[], meeting: DraftMeeting): DraftMeeting {
  const names = (m: DraftMeeting) => m.participants.map((p) => p.person.name).sort().join('\u0000');
  const same = meetings.find(
    (other) =>
      other.kind === meeting.kind &&
      (names(other) === names(meeting) || (meeting.kind === 'VISIT' && other.participants[0]?.person.name === meeting.participants[0]?.person.name)) &&
      (!other.ownDate || !meeting.ownDate || (other.date.earliest === meeting.date.earliest && other.date.latest === meeting.date.latest)),
  );
  if (same === undefined) {
    meetings.push(meeting);
    return meeting;
  }
  for (const sentence of meeting.sentences) if (!same.sentences.includes(sentence)) same.sentences.push(sentence);
  for (const participant of meeting.participants) addParticipant(same, participant.person, participant.role, participant.sentence);
  same.topics.push(...meeting.topics);
  if (!same.ownDate && meeting.ownDate) setDate(same, meeting.date, meeting.dateMention, true);
  same.city ??= meeting.city;
  same.visited ??= meeting.visited;
  same.format ??= meeting.format;
  return same;
}

export type { CountryMention };
