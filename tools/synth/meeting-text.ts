/**
 * How a source tells one meeting: a lead sentence (who met whom, when, where), a sentence
 * naming any further participants (so each participant's phrase is a verbatim quote), a
 * sentence on the topics, one per outcome; and the meeting's title and summary.
 */
import type { PlannedMeeting as MeetingPlan } from './meeting-plan';
import type { Rng } from './random';

/** The text of one meeting and the quotes it offers. */
export interface MeetingText {
  title: string;
  summary: string;
  /** The paragraph of the source. */
  paragraph: string;
  /** The lead sentence without its full stop: the meeting's own citation. */
  lead: string;
  /** The topic sentence without its full stop, when there are topics. */
  topicQuote: string | null;
}

const TOPIC_OPENERS = ['The sides discussed', 'The talks focused on', 'The agenda included', 'They exchanged views on', 'The discussion covered'];

/** "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function titleOf(meeting: MeetingPlan): string {
  const [a, b] = meeting.participants;
  const countries = meeting.countries.map((country) => country.name);
  const at = meeting.location ? ` in ${meeting.location.name}` : '';
  const other = meeting.participants.find((p) => p.country !== a!.country) ?? b!;
  switch (meeting.kind) {
    case 'VISIT':
      return `${a!.short}'s visit to ${other.country.name}`;
    case 'BILATERAL_MEETING':
      return `${a!.short} meets ${other.short}`;
    case 'TALKS':
      return `Talks between ${joinList(countries)}${meeting.topics[0] ? ` on ${meeting.topics[0].name}` : ''}`;
    case 'PHONE_CALL':
      return `Phone call between ${a!.short} and ${other.short}`;
    case 'BRIEFING':
      return `${a!.short} briefs officials of ${other.country.name}`;
    case 'MINISTERIAL':
      return `${meeting.format ? meeting.format.record.name : `${countries.length}-country`} ministerial meeting${at}`;
    case 'SUMMIT':
      return meeting.format ? `${meeting.format.record.name} summit${at}` : `Summit of ${joinList(countries.length > 4 ? [...countries.slice(0, 3), 'others'] : countries)}${at}`;
    case 'CONFERENCE':
      return `International conference on ${meeting.topics[0]?.name ?? 'cooperation'}${at}`;
    default:
      return meeting.coding.cameo === '057' ? `Signing ceremony of ${joinList(countries)}${at}` : `Joint event of ${joinList(countries)}${at}`;
  }
}

/** The lead sentence (who met whom, when, where) and, for larger meetings, a sentence naming the others. */
function leadOf(meeting: MeetingPlan): [lead: string, others: string | null] {
  const [head, ...more] = meeting.participants;
  const counterpart = more.find((p) => p.country !== head!.country && p.role !== 'MEDIATOR') ?? more[0]!;
  const rest = more.filter((p) => p !== counterpart).map((p) => p.phrase);
  const at = meeting.location ? ` in ${meeting.location.name}` : '';
  const format = meeting.format?.record.name;
  const joined = rest.length > 0 ? `They were joined by ${joinList(rest)}` : null;
  const all = `It brought together ${joinList(meeting.participants.map((p) => p.phrase))}`;
  let clause: string;
  switch (meeting.kind) {
    case 'VISIT':
      return [`${meeting.date.phrase}, ${head!.phrase} visited ${counterpart.country.name}${at}, hosted by ${counterpart.phrase}`, joined];
    case 'BILATERAL_MEETING':
      clause = `${head!.phrase} met ${counterpart.phrase}${at}`;
      break;
    case 'TALKS':
      clause = `${head!.phrase} held talks with ${counterpart.phrase}${at}`;
      break;
    case 'PHONE_CALL':
      clause = `${head!.phrase} spoke by telephone with ${counterpart.phrase}`;
      break;
    case 'BRIEFING':
      clause = `${head!.phrase} briefed ${counterpart.phrase}${at}`;
      break;
    case 'MINISTERIAL':
      return [`${meeting.date.phrase}, ${format ? `a ${format} ministerial meeting` : 'a ministerial meeting'} was held${at}`, all];
    case 'SUMMIT':
      return [`${meeting.date.phrase}, ${format ? `the ${format} summit` : 'a summit'} was held${at}`, all];
    case 'CONFERENCE':
      return [`${meeting.date.phrase}, an international conference was held${at}`, all];
    default:
      clause = `${head!.phrase} and ${counterpart.phrase} ${meeting.coding.cameo === '057' ? 'attended a signing ceremony' : 'took part in a joint event'}${at}`;
  }
  return [`${meeting.date.phrase}, ${clause}`, joined];
}

/** The title, summary and paragraph of a meeting. */
export function describeMeeting(rng: Rng, meeting: MeetingPlan): MeetingText {
  const [lead, others] = leadOf(meeting);
  const topicNames = meeting.topics.map((topic) => topic.name);
  const topicQuote = topicNames.length > 0 ? `${rng.pick(TOPIC_OPENERS)} ${joinList(topicNames)}` : null;
  const sentences = [lead, ...(others ? [others] : []), ...(topicQuote ? [topicQuote] : []), ...meeting.outcomes.map((outcome) => outcome.sentence)];
  const title = titleOf(meeting);
  const where = meeting.location && !title.includes(` in ${meeting.location.name}`) ? ` in ${meeting.location.name}` : '';
  const summary = `${title}${where} (${meeting.date.record.label}).${topicNames.length > 0 ? ` Topics: ${joinList(topicNames)}.` : ''}`;
  return { title, summary, paragraph: sentences.map((sentence) => `${sentence}.`).join(' '), lead, topicQuote };
}
