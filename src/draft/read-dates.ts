/**
 * The dates a report's text states, read as a careful analyst would (issue #15, point 2):
 * each mention with its verbatim span and the FuzzyDate it claims, as stored
 * (`fuzzyDateRecord`), labelled by `describeRange` so labels read the same everywhere.
 *
 * Relative expressions ("on Tuesday", "last week", "28 February" without a year) are read
 * against the report's reference day: its dateline ("ASTANA, 28 February 2023.") when the
 * text opens with one on or before the publication date, else the publication date. Without
 * either they yield nothing: never a day the text does not give. The rules are listed in
 * docs/drafting.md ("Dates").
 *
 * Plain regular expressions, not a general date parser: every pattern is anchored on a
 * month name, a weekday, a four-digit year or a fixed phrase, so "C5+1", "5 countries" and
 * "Theresa May said" are not dates, and the work is linear in the text (one pass per
 * pattern, no backtracking across words).
 */
import { daysInMonth } from '../domain/calendar-date';
import { isCalendarDate } from '../domain/calendar-date';
import { describeRange } from '../domain/meeting-date';
import type { FuzzyDateRecord } from '../store/contract/records';

/** A date the text states, with the exact words that state it. */
export interface DateMention {
  /** Offset of the first character of the quote in the text (UTF-16 code units, as String.slice). */
  start: number;
  /** Offset just past the quote. */
  end: number;
  /** `text.slice(start, end)`, verbatim. */
  quote: string;
  /** The date claimed, as stored: precision consistent with the bounds, label from describeRange. */
  date: FuzzyDateRecord;
  /** ABSOLUTE: the text gives the year; RELATIVE: read against the reference day; OPEN: only a bound ("recently"). */
  kind: 'ABSOLUTE' | 'RELATIVE' | 'OPEN';
}

/** What the text is read against. */
export interface DateContext {
  /** The publication date, YYYY-MM-DD, or null when unknown. */
  publishedOn: string | null;
}

type Kind = DateMention['kind'];
/** A day as [year, month 1-12, day 1-31]. */
type Day = [number, number, number];
/** A match's reading: its bounds (null: open) and kind, or null when it states no real date. */
type Reading = { earliest: Day | null; latest: Day | null; kind: Kind } | null;

interface Pattern {
  regex: RegExp;
  /** Reads a match; `ref` is the reference day, null when unknown; `future`: the sentence speaks of what is to come. */
  read(match: RegExpExecArray, ref: Day | null, future: boolean): Reading;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept|Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** A word as written in prose or in a capitalised dateline: "February" or "FEBRUARY", never "february" ("may" is a verb). */
const cased = (word: string) => `${word}|${word.toUpperCase()}`;
/** Any month, full or abbreviated ("Feb.", "Sept"). */
const MONTH = `(?:${MONTH_NAMES.map((name, index) => {
  const short = MONTH_ABBREVIATIONS[index]!.split('|').filter((s) => s !== name);
  return [cased(name), ...short.map((s) => `(?:${cased(s)})\\.?`)].join('|');
}).join('|')})(?![A-Za-z])`;
/** A full month name only: a bare abbreviation ("in Jan") is too weak alone. */
const FULL_MONTH = `(?:${MONTH_NAMES.map(cased).join('|')})(?![A-Za-z])`;
const WEEKDAY = `(?:${WEEKDAYS.map(cased).join('|')})(?![A-Za-z])`;
const DAY_NUMBER = `(\\d{1,2})(?:st|nd|rd|th)?(?![\\d,.]?\\d)`;
const YEAR = `(\\d{4})(?![\\w]|[,.]\\d)`;
/** A capital or lower-case first letter: "Last week", "last week". */
const either = (phrase: string) => `[${phrase[0]!.toUpperCase()}${phrase[0]}]${phrase.slice(1)}`;

/** Reads the text's dates: in text order, non-overlapping, each quote verbatim. Linear in the text's length. */
export function readDates(text: string, context: DateContext): DateMention[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const candidates: { start: number; end: number; match: RegExpExecArray; pattern: Pattern }[] = [];
  for (const pattern of PATTERNS) {
    pattern.regex.lastIndex = 0;
    for (let match = pattern.regex.exec(text); match !== null; match = pattern.regex.exec(text)) {
      if (match[0].length === 0) {
        pattern.regex.lastIndex++;
        continue;
      }
      candidates.push({ start: match.index, end: match.index + match[0].length, match, pattern });
    }
  }
  // Leftmost first, then longest: "Tuesday, 28 February 2023" is one date, not a weekday and a date.
  candidates.sort((a, b) => a.start - b.start || b.end - a.end || PATTERNS.indexOf(a.pattern) - PATTERNS.indexOf(b.pattern));
  const chosen: typeof candidates = [];
  let reached = 0;
  for (const candidate of candidates) {
    if (candidate.start < reached) continue;
    chosen.push(candidate);
    reached = candidate.end;
  }

  const ref = referenceDay(text, chosen, context.publishedOn);
  const mentions: DateMention[] = [];
  for (const { start, end, match, pattern } of chosen) {
    // An impossible date ("31 February 2023") takes its words and states nothing.
    const reading = pattern.read(match, ref, ref !== null && speaksOfFuture(text, start));
    if (reading === null) continue;
    const earliest = reading.earliest && iso(reading.earliest);
    const latest = reading.latest && iso(reading.latest);
    if (earliest === null && latest === null) continue;
    if (earliest !== null && latest !== null && earliest > latest) continue;
    mentions.push({ start, end, quote: text.slice(start, end), date: describeRange(earliest, latest), kind: reading.kind });
  }
  return mentions;
}

/** How far back a sentence is searched for a sign of the future: bounds the work per mention. */
const SENTENCE_REACH = 200;
/** Words that put what follows them in the future: "will meet on Tuesday", "is scheduled for 5 March". */
const FUTURE_CUE = /\b(?:will|shall|(?:is|are)\s+(?:due\s+|expected\s+|scheduled\s+|set\s+)?to|plans?\s+to|planned\s+for|scheduled\s+for|due\s+on)\b|\w'll\b/i;

/**
 * Whether the sentence a mention is in speaks of the future before it ("The ministers will
 * meet on Tuesday"): then a date without its year or week is read on or after the reference
 * day. Only the sentence's words before the mention count, at most SENTENCE_REACH characters.
 */
function speaksOfFuture(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - SENTENCE_REACH), start);
  const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('? '), before.lastIndexOf('! ')) + 1);
  return FUTURE_CUE.test(sentence);
}

/**
 * The day relative expressions are read against: the dateline's date (a full date opening
 * the text, after an optional place and comma) when it is on or before the publication date
 * (a report is written no later than it is published), else the publication date.
 */
function referenceDay(text: string, chosen: readonly { start: number; end: number; match: RegExpExecArray; pattern: Pattern }[], publishedOn: string | null): Day | null {
  const published = isCalendarDate(publishedOn) ? toDay(publishedOn) : null;
  const first = chosen[0];
  if (first && /^\s*(?:[A-Z][A-Za-z .'()-]{0,60},\s*)?$/.test(text.slice(0, first.start))) {
    const reading = first.pattern.read(first.match, null, false);
    if (reading && reading.kind === 'ABSOLUTE' && reading.earliest && reading.latest && iso(reading.earliest) === iso(reading.latest)) {
      if (published === null || iso(reading.earliest) <= iso(published)) return reading.earliest;
    }
  }
  return published;
}

// ---------------------------------------------------------------------------------------
// Patterns, most specific first (the order breaks ties between matches of the same span).

const PATTERNS: Pattern[] = [
  // 28 February - 2 March 2023; from 28 February to 2 March 2023
  {
    regex: new RegExp(`(?<![\\w+])(?:(?:${either('from')}|${either('between')})\\s+)?${DAY_NUMBER}\\s+(${MONTH})\\s*(?:[-–—]|to|and|until)\\s*${DAY_NUMBER}\\s+(${MONTH})(?:,?\\s+${YEAR})?`, 'g'),
    read: (m, ref, future) => dayRange(m[5], [month(m[2]!), Number(m[1])], [month(m[4]!), Number(m[3])], ref, future),
  },
  // 3-5 May 2023; from 3 to 5 May; between 3 and 5 May 2023
  {
    regex: new RegExp(`(?<![\\w+])(?:(?:${either('from')}|${either('between')})\\s+)?${DAY_NUMBER}\\s*(?:[-–—]|to|and|until)\\s*${DAY_NUMBER}\\s+(?:of\\s+)?(${MONTH})(?:,?\\s+${YEAR})?`, 'g'),
    read: (m, ref, future) => dayRange(m[4], [month(m[3]!), Number(m[1])], [month(m[3]!), Number(m[2])], ref, future),
  },
  // May 3-5, 2023; from May 3 to 5
  {
    regex: new RegExp(`(?<![\\w+])(?:(?:${either('from')}|${either('between')})\\s+)?(${MONTH})\\s+${DAY_NUMBER}\\s*(?:[-–—]|to|and|until)\\s*${DAY_NUMBER}(?:,?\\s+${YEAR})?`, 'g'),
    read: (m, ref, future) => dayRange(m[4], [month(m[1]!), Number(m[2])], [month(m[1]!), Number(m[3])], ref, future),
  },
  // Tuesday, 28 February 2023; 28th of February; 28 Feb; 28 FEBRUARY 2023
  {
    regex: new RegExp(`(?<![\\w+])(?:${WEEKDAY},?\\s+)?(?:the\\s+)?${DAY_NUMBER}(?:\\s+of)?\\s+(${MONTH})(?:,?\\s+${YEAR})?`, 'g'),
    read: (m, ref, future) => singleDay(m[3], month(m[2]!), Number(m[1]), ref, future),
  },
  // February 28, 2023; Feb. 28; Tuesday, February 28
  {
    regex: new RegExp(`(?<![\\w+])(?:${WEEKDAY},?\\s+)?(${MONTH})\\s+${DAY_NUMBER}(?:,?\\s+${YEAR})?`, 'g'),
    read: (m, ref, future) => singleDay(m[3], month(m[1]!), Number(m[2]), ref, future),
  },
  // 2023-02-28
  {
    regex: /(?<![\w.-])(\d{4})-(\d{2})-(\d{2})(?![\w-])/g,
    read: (m) => absoluteDay(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  // 28.02.2023 (day first, as in the region's reports)
  {
    regex: /(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\w.]\w|\d)/g,
    read: (m) => absoluteDay(Number(m[3]), Number(m[2]), Number(m[1])),
  },
  // late February 2023; mid-February; the end of February; early February
  {
    regex: new RegExp(
      `(?<![\\w-])(${either('early')}|${either('mid')}|${either('late')}|${either('the')}\\s+(?:end|beginning|start|middle)\\s+of)(?:-|\\s+)(${FULL_MONTH})(?:,?\\s+${YEAR})?`,
      'g',
    ),
    read: (m, ref, future) => partOfMonth(m[1]!, month(m[2]!), m[3], ref, future),
  },
  // February 2023 (any context); in February (a full name after "in" or "during")
  {
    regex: new RegExp(`(?<![\\w-])(${MONTH})\\s+${YEAR}|(?<=\\b(?:[Ii]n|[Dd]uring)\\s+)(${FULL_MONTH})(?!\\s*\\.?\\s*\\d)`, 'g'),
    read: (m, ref, future) => (m[1] ? wholeMonth(Number(m[2]), month(m[1])) : monthWithoutYear(month(m[3]!), ref, future)),
  },
  // in 2022; early 2023 (read as the year: it claims no more)
  {
    regex: /(?:(?<=\b(?:[Ii]n|[Dd]uring)\s+)|(?<![\w-])(?:[Ee]arly|[Mm]id-?|[Ll]ate)[\s-]+)(\d{4})(?![\w\-–]|[,.]\d)/g,
    read: (m) => year(Number(m[1])),
  },
  // last November; this March; next May (a full month name, no day or year after it)
  {
    regex: new RegExp(`(?<![\\w-])(${either('last')}|${either('this')}|${either('next')})\\s+(${FULL_MONTH})(?!\\s*,?\\s*\\d)`, 'g'),
    read: (m, ref) => namedMonth(m[1]!.toLowerCase(), month(m[2]!), ref),
  },
  // earlier this month; last week; this year; later this week; next month
  {
    regex: new RegExp(`(?<![\\w-])(?:(${either('earlier')}|${either('later')})\\s+)?(${either('this')}|${either('last')}|${either('next')})\\s+(week|month|year|weekend)\\b`, 'g'),
    read: (m, ref) => calendarPeriod(m[1]?.toLowerCase() ?? null, m[2]!.toLowerCase(), m[3]!, ref),
  },
  // today; yesterday; the day before yesterday; this morning; last night; two days ago (not a title: "USA Today")
  {
    regex: new RegExp(
      `(?<![\\w-])(?:${either('the')}\\s+day\\s+before\\s+yesterday|(?<![A-Z]\\w*\\s)Today|today|${either('yesterday')}|${either('tonight')}|${either('this')}\\s+(?:morning|afternoon|evening)|${either('last')}\\s+night|(\\d{1,2}|${NUMBER_WORDS.join('|')})\\s+days\\s+ago)\\b`,
      'g',
    ),
    read: (m, ref) => {
      if (ref === null) return null;
      const words = m[0].toLowerCase();
      const back = m[1] !== undefined ? numberOf(m[1]) : words.includes('before yesterday') ? 2 : words.startsWith('yesterday') || words.startsWith('last') ? 1 : 0;
      const day = addDays(ref, -back);
      return { earliest: day, latest: day, kind: 'RELATIVE' };
    },
  },
  // on Tuesday; last Tuesday; next Friday; Tuesday's meeting
  {
    regex: new RegExp(`(?<![\\w-])(?:(${either('last')}|${either('next')}|${either('this')})\\s+)?(${WEEKDAY})`, 'g'),
    read: (m, ref, future) => weekday(m[1]?.toLowerCase() ?? null, WEEKDAYS.indexOf(capitalise(m[2]!)), ref, future),
  },
  // recently; the recent visit; in recent weeks
  {
    regex: new RegExp(`(?<![\\w-])(?:${either('in')}\\s+recent\\s+(?:days|weeks|months)|${either('recent')}(?:ly)?)\\b`, 'g'),
    read: (_m, ref) => (ref === null ? null : { earliest: null, latest: ref, kind: 'OPEN' }),
  },
];

// ---------------------------------------------------------------------------------------
// Readings.

function month(name: string): number {
  const head = name.slice(0, 3).toLowerCase();
  return MONTH_NAMES.findIndex((full) => full.slice(0, 3).toLowerCase() === head) + 1;
}

function capitalise(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1).toLowerCase();
}

function numberOf(word: string): number {
  const index = NUMBER_WORDS.indexOf(word.toLowerCase());
  return index >= 0 ? index + 1 : Number(word);
}

const realYear = (y: number) => y >= 1000 && y <= 2999;

function absoluteDay(y: number, mo: number, d: number): Reading {
  if (!realYear(y) || !isDay(y, mo, d)) return null;
  return { earliest: [y, mo, d], latest: [y, mo, d], kind: 'ABSOLUTE' };
}

/**
 * A day with its year, or without: the latest such day on or before the reference day (the
 * earliest on or after it when the sentence speaks of the future).
 */
function singleDay(yearText: string | undefined, mo: number, d: number, ref: Day | null, future: boolean): Reading {
  if (yearText !== undefined) return absoluteDay(Number(yearText), mo, d);
  if (ref === null || d < 1 || d > 31) return null;
  // "29 February" reaches the nearest leap year; 9 years always reach one.
  for (let step = 0; step < 9; step++) {
    const y = future ? ref[0] + step : ref[0] - step;
    const day: Day = [y, mo, d];
    if (isDay(y, mo, d) && (future ? compare(day, ref) >= 0 : compare(day, ref) <= 0)) return { earliest: day, latest: day, kind: 'RELATIVE' };
  }
  return null;
}

/**
 * A range of days in one year: with its year, or the latest year in which it starts on or
 * before the reference day (the earliest in which it ends on or after it, of the future).
 */
function dayRange(yearText: string | undefined, [m1, d1]: [number, number], [m2, d2]: [number, number], ref: Day | null, future: boolean): Reading {
  const build = (y: number): Reading => {
    if (!isDay(y, m1, d1) || !isDay(y, m2, d2) || compare([y, m1, d1], [y, m2, d2]) >= 0) return null;
    return { earliest: [y, m1, d1], latest: [y, m2, d2], kind: yearText === undefined ? 'RELATIVE' : 'ABSOLUTE' };
  };
  if (yearText !== undefined) return realYear(Number(yearText)) ? build(Number(yearText)) : null;
  if (ref === null) return null;
  if (future) return build(compare([ref[0], m2, Math.min(d2, daysInMonth(ref[0], m2))], ref) >= 0 ? ref[0] : ref[0] + 1);
  return build(compare([ref[0], m1, d1], ref) <= 0 ? ref[0] : ref[0] - 1);
}

function wholeMonth(y: number, mo: number, kind: Kind = 'ABSOLUTE'): Reading {
  if (!realYear(y)) return null;
  return { earliest: [y, mo, 1], latest: [y, mo, daysInMonth(y, mo)], kind };
}

/** A month without its year: the latest one that begins on or before the reference day (of the future: the first that ends on or after it). */
function monthWithoutYear(mo: number, ref: Day | null, future: boolean): Reading {
  if (ref === null) return null;
  if (future) return wholeMonth(mo >= ref[1] ? ref[0] : ref[0] + 1, mo, 'RELATIVE');
  return wholeMonth(mo <= ref[1] ? ref[0] : ref[0] - 1, mo, 'RELATIVE');
}

/**
 * "last November": the latest November before the reference day's month; "next May" the
 * first May after it; "this March" the March of the reference day's year.
 */
function namedMonth(which: string, mo: number, ref: Day | null): Reading {
  if (ref === null) return null;
  if (which === 'this') return wholeMonth(ref[0], mo, 'RELATIVE');
  if (which === 'last') return wholeMonth(mo < ref[1] ? ref[0] : ref[0] - 1, mo, 'RELATIVE');
  return wholeMonth(mo > ref[1] ? ref[0] : ref[0] + 1, mo, 'RELATIVE');
}

/** Early (1-10), mid (11-20), late (21-end): the stored PART_OF_MONTH. "The end of" reads as late, "the beginning of" as early. */
function partOfMonth(part: string, mo: number, yearText: string | undefined, ref: Day | null, future: boolean): Reading {
  const word = part.toLowerCase();
  const [from, to] = /early|beginning|start/.test(word) ? [1, 10] : /mid/.test(word) ? [11, 20] : [21, 31];
  let y: number;
  let kind: Kind = 'ABSOLUTE';
  if (yearText !== undefined) y = Number(yearText);
  else if (ref === null) return null;
  else {
    if (future) y = compare([ref[0], mo, Math.min(to, daysInMonth(ref[0], mo))], ref) >= 0 ? ref[0] : ref[0] + 1;
    else y = compare([ref[0], mo, from], ref) <= 0 ? ref[0] : ref[0] - 1;
    kind = 'RELATIVE';
  }
  if (!realYear(y)) return null;
  return { earliest: [y, mo, from], latest: [y, mo, Math.min(to, daysInMonth(y, mo))], kind };
}

function year(y: number): Reading {
  return realYear(y) ? { earliest: [y, 1, 1], latest: [y, 12, 31], kind: 'ABSOLUTE' } : null;
}

/**
 * This/last/next week, weekend, month or year around the reference day. A week runs Monday
 * to Sunday (ISO 8601); a weekend is its Saturday and Sunday. "Earlier this month" runs
 * from the month's first day to the reference day, "later this week" from the reference day
 * to the week's end.
 */
function calendarPeriod(modifier: string | null, which: string, unit: string, ref: Day | null): Reading {
  if (ref === null) return null;
  if (modifier !== null && which !== 'this') return null;
  const shift = which === 'last' ? -1 : which === 'next' ? 1 : 0;
  let earliest: Day;
  let latest: Day;
  if (unit === 'week' || unit === 'weekend') {
    const monday = addDays(ref, -weekdayIndex(ref) + 7 * shift);
    [earliest, latest] = unit === 'week' ? [monday, addDays(monday, 6)] : [addDays(monday, 5), addDays(monday, 6)];
  } else if (unit === 'month') {
    const index = ref[0] * 12 + ref[1] - 1 + shift;
    const y = Math.floor(index / 12);
    const mo = (index % 12) + 1;
    [earliest, latest] = [[y, mo, 1], [y, mo, daysInMonth(y, mo)]];
  } else {
    [earliest, latest] = [[ref[0] + shift, 1, 1], [ref[0] + shift, 12, 31]];
  }
  if (modifier === 'earlier') latest = ref;
  if (modifier === 'later') earliest = ref;
  if (compare(earliest, latest) > 0) return null;
  return { earliest, latest, kind: 'RELATIVE' };
}

/**
 * A weekday: "on Tuesday" (or plain "Tuesday") is the Tuesday on or before the reference
 * day, that day itself when it is a Tuesday (of the future: on or after it); "last Tuesday"
 * the one strictly before it; "next Tuesday" the one strictly after; "this Tuesday" the one
 * in the reference day's week.
 */
function weekday(modifier: string | null, target: number, ref: Day | null, future: boolean): Reading {
  if (ref === null || target < 0) return null;
  const today = weekdayIndex(ref);
  let offset: number;
  if (modifier === 'next') offset = ((target - today + 7) % 7) || 7;
  else if (modifier === 'last') offset = -(((today - target + 7) % 7) || 7);
  else if (modifier === 'this') offset = target - today;
  else if (future) offset = (target - today + 7) % 7;
  else offset = -((today - target + 7) % 7);
  const day = addDays(ref, offset);
  return { earliest: day, latest: day, kind: 'RELATIVE' };
}

// ---------------------------------------------------------------------------------------
// Calendar arithmetic on UTC days.

/** A calendar date (checked by isCalendarDate) as a day. */
function toDay(isoDay: string): Day {
  return isoDay.split('-').map(Number) as Day;
}

function iso([y, mo, d]: Day): string {
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function isDay(y: number, mo: number, d: number): boolean {
  return Number.isInteger(y) && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function compare(a: Day, b: Day): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function addDays([y, mo, d]: Day, days: number): Day {
  const date = new Date(Date.UTC(y, mo - 1, d + days));
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

/** Monday 0 … Sunday 6. */
function weekdayIndex([y, mo, d]: Day): number {
  return (new Date(Date.UTC(y, mo - 1, d)).getUTCDay() + 6) % 7;
}
