/** What meetings produce: agreements, pledges, praise — each a sentence of the source, with its CAMEO code. */
import type { MeetingKind } from '../../src/domain/vocabularies';
import type { TopicRecord } from '../../src/store/contract/records';
import type { SynthCountry } from './geography';
import type { Rng } from './random';

/** An outcome and the sentence of the source that states it (the description, cited verbatim). */
export interface PlannedOutcome {
  cameo: string;
  sentence: string;
}

type Template = readonly [cameo: string, write: (a: string, b: string, topic: string, year: number) => string];

const TEMPLATES: readonly Template[] = [
  ['057', (_a, _b, topic) => `The sides signed a memorandum of understanding on ${topic}`],
  ['057', (a, b, topic) => `${a} and ${b} signed an agreement on ${topic}`],
  ['030', (_a, _b, topic) => `The parties expressed their intent to expand cooperation in ${topic}`],
  ['031', (_a, _b, topic) => `The sides agreed to launch joint projects in ${topic}`],
  ['036', (_a, _b, _topic, year) => `The two sides agreed to hold the next round of consultations in ${year + 1}`],
  ['051', (a, b, topic) => `${a} praised the efforts of ${b} on ${topic}`],
  ['032', (_a, _b, topic) => `The participants pledged to coordinate their positions on ${topic} at international forums`],
  ['033', (a, b, topic) => `${a} pledged assistance to ${b} in ${topic}`],
  ['013', (_a, _b, topic) => `Both sides expressed optimism about the prospects for ${topic}`],
  ['019', (_a, _b, topic) => `The participants expressed accord on ${topic}`],
  ['020', (a, b, topic) => `${a} asked ${b} for support on ${topic}`],
];

/** Outcomes for about a third of meetings (most OTHER events, which are signings and statements); a phone call yields at most one. */
export function planOutcomes(rng: Rng, meeting: { kind: MeetingKind; countries: readonly SynthCountry[]; topics: readonly TopicRecord[]; first: number }): PlannedOutcome[] {
  if (!rng.chance(meeting.kind === 'OTHER' ? 0.8 : 0.3)) return [];
  const count = meeting.kind === 'PHONE_CALL' ? 1 : rng.weighted([[1, 75], [2, 20], [3, 5]]);
  const year = new Date(meeting.first * 86_400_000).getUTCFullYear();
  const outcomes: PlannedOutcome[] = [];
  for (let i = 0; i < count; i++) {
    const [cameo, write] = rng.pick(TEMPLATES);
    const a = meeting.countries[0]!.name;
    const b = (meeting.countries[1] ?? meeting.countries[0]!).name;
    const topic = meeting.topics.length > 0 ? rng.pick(meeting.topics).name : 'bilateral relations';
    const sentence = write(a, b, topic, year);
    if (!outcomes.some((outcome) => outcome.sentence === sentence)) outcomes.push({ cameo, sentence });
  }
  return outcomes;
}
