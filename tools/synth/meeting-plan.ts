/**
 * Plans meetings before any text exists: kind, true and stated date, countries,
 * participants, place, format, topics, outcomes and CAMEO/PLOVER coding. Visits come
 * with the meetings held during them (`partOf`), conferences sometimes with side meetings.
 */
import type { DatePrecision, MeetingKind } from '../../src/domain/vocabularies';
import type { EventCodingRecord, PlaceRecord, TopicRecord } from '../../src/store/contract/records';
import { dayOf, LAST_DAY, stateDate, type StatedDate } from './calendar';
import { cumulativeWeights, type SynthCountry } from './geography';
import { LEADER, MINISTER, OFFICIAL, type Tier } from './offices';
import type { Grouping } from './organizations';
import { CAMEO_TO_PLOVER } from '../../src/domain/cameo-plover';
import type { Rng } from './random';
import type { PlannedParticipant, Roster } from './roster';
import { planOutcomes, type PlannedOutcome } from './outcomes';

/** A meeting before it is written up and cited. */
export interface PlannedMeeting {
  kind: MeetingKind;
  /** True first and last day. */
  first: number;
  last: number;
  date: StatedDate;
  countries: SynthCountry[];
  location: PlaceRecord | null;
  format: Grouping | null;
  parent: PlannedMeeting | null;
  coding: EventCodingRecord;
  participants: PlannedParticipant[];
  topics: TopicRecord[];
  outcomes: PlannedOutcome[];
}

const PRECISIONS: readonly (readonly [DatePrecision, number])[] = [
  ['DAY', 52], ['DAY_RANGE', 12], ['PART_OF_MONTH', 8], ['MONTH', 9], ['YEAR', 4], ['ON_OR_BEFORE', 10], ['ON_OR_AFTER', 3], ['UNKNOWN', 2],
];
const MULTI_DAY = new Set<MeetingKind>(['VISIT', 'TALKS', 'MINISTERIAL', 'SUMMIT', 'CONFERENCE']);
const SINGLE_KINDS: readonly (readonly [MeetingKind, number])[] = [
  ['BILATERAL_MEETING', 34], ['PHONE_CALL', 16], ['TALKS', 13], ['MINISTERIAL', 7], ['SUMMIT', 4], ['BRIEFING', 7], ['CONFERENCE', 4], ['OTHER', 3],
];
const PARTICIPANT_COUNTS: readonly (readonly [number, number])[] = [
  [2, 50], [3, 22], [4, 12], [5, 6], [6, 4], [7, 2.5], [8, 1.5], [9, 1], [10, 1],
];
const TOPIC_COUNTS: readonly (readonly [number, number])[] = [[0, 5], [1, 35], [2, 30], [3, 20], [4, 10]];

/** Draws meetings, the whole calendar of 1996-2026, busier in later years. */
export class MeetingPlanner {
  private readonly yearWeights = cumulativeWeights(Array.from({ length: 31 }, (_, i) => 1 + i / 15));
  private readonly topicWeights: Float64Array;
  private readonly topicOrder: TopicRecord[];

  constructor(
    private readonly rng: Rng,
    private readonly roster: Roster,
    topics: readonly TopicRecord[],
    private readonly groupings: readonly Grouping[],
  ) {
    this.topicOrder = rng.shuffle(topics);
    this.topicWeights = cumulativeWeights(this.topicOrder.map((_, i) => 1 / Math.pow(i + 1, 0.7)));
  }

  /** Exactly `count` meetings, in clusters (a visit and its meetings stay together). */
  plan(count: number): PlannedMeeting[][] {
    const clusters: PlannedMeeting[][] = [];
    let planned = 0;
    while (planned < count) {
      const left = count - planned;
      const roll = this.rng.next();
      let cluster: PlannedMeeting[];
      if (roll < 0.1 && left >= 2) cluster = this.visit(Math.min(left, this.rng.int(2, 4)));
      else if (roll < 0.12 && left >= 2) cluster = this.withSideMeetings(Math.min(left, this.rng.int(2, 3)));
      else cluster = [this.single(this.rng.weighted(SINGLE_KINDS))];
      clusters.push(cluster);
      planned += cluster.length;
    }
    return clusters;
  }

  private drawDay(): number {
    const year = 1996 + this.rng.weightedIndex(this.yearWeights);
    const start = dayOf(year, 1, 1);
    return Math.min(LAST_DAY, start + this.rng.int(0, dayOf(year + 1, 1, 1) - start - 1));
  }

  private drawDate(kind: MeetingKind): { first: number; last: number; date: StatedDate } {
    const first = this.drawDay();
    let precision = this.rng.weighted(PRECISIONS);
    if (precision === 'DAY_RANGE' && (!MULTI_DAY.has(kind) || first >= LAST_DAY)) precision = 'DAY';
    const last = precision === 'DAY_RANGE' ? Math.min(LAST_DAY, first + this.rng.int(1, 4)) : first;
    return { first, last, date: stateDate(precision, first, last, this.rng) };
  }

  private drawTopics(count = this.rng.weighted(TOPIC_COUNTS)): TopicRecord[] {
    const topics = new Set<TopicRecord>();
    for (let i = 0; i < count; i++) topics.add(this.topicOrder[this.rng.weightedIndex(this.topicWeights)]!);
    return [...topics];
  }

  private twoCountries(): [SynthCountry, SynthCountry] {
    const a = this.roster.drawCountry(this.rng);
    let b = this.roster.drawCountry(this.rng);
    for (let tries = 0; b === a && tries < 10; tries++) b = this.roster.drawCountry(this.rng);
    if (b === a) b = this.roster.active[(this.roster.active.indexOf(a) + 1) % this.roster.active.length]!;
    return [a, b];
  }

  private placeIn(country: SynthCountry, nullChance: number): PlaceRecord | null {
    if (this.rng.chance(nullChance)) return null;
    return this.rng.chance(0.6) || country.places.length === 1 ? country.places[0]! : this.rng.pick(country.places);
  }

  private meeting(kind: MeetingKind, when: { first: number; last: number; date: StatedDate }, fields: Partial<PlannedMeeting> & Pick<PlannedMeeting, 'participants' | 'coding'>): PlannedMeeting {
    const countries: SynthCountry[] = [];
    for (const participant of fields.participants) if (!countries.includes(participant.country)) countries.push(participant.country);
    const topics = fields.topics ?? this.drawTopics();
    const planned: PlannedMeeting = { kind, ...when, location: null, format: null, parent: null, outcomes: [], ...fields, countries, topics };
    planned.outcomes = planOutcomes(this.rng, planned);
    return planned;
  }

  /** Participants of a two-sided meeting: `count` split between the sides, each at least one. */
  private sides(day: number, a: SynthCountry, b: SynthCountry, count: number, tier: Tier, roles: [PlannedParticipant['role'], PlannedParticipant['role']]): PlannedParticipant[] {
    const taken = new Set<string>();
    const first = Math.max(1, Math.min(count - 1, Math.round(count / 2 + (this.rng.next() - 0.5))));
    const participants: PlannedParticipant[] = [];
    for (let i = 0; i < count; i++) {
      const side = i < first ? a : b;
      const role = i < first ? roles[0] : roles[1];
      // Each side's head is certain; further members only while the country has people left.
      const participant = i === 0 || i === first ? this.roster.pickSurely(this.rng, side, day, tier, role, taken) : this.roster.pick(this.rng, side, day, OFFICIAL, role, taken);
      if (participant) participants.push(participant);
    }
    return participants;
  }

  private single(kind: MeetingKind): PlannedMeeting {
    const when = this.drawDate(kind);
    if (kind === 'MINISTERIAL' || kind === 'SUMMIT' || kind === 'CONFERENCE') return this.multilateral(kind, when);
    const [a, b] = this.twoCountries();
    const count = kind === 'PHONE_CALL' ? (this.rng.chance(0.9) ? 2 : 3) : this.rng.weighted(PARTICIPANT_COUNTS);
    const tier = kind === 'PHONE_CALL' ? (this.rng.chance(0.5) ? LEADER : MINISTER) : this.rng.weighted<Tier>([[LEADER, 15], [MINISTER, 50], [OFFICIAL, 35]]);
    switch (kind) {
      case 'PHONE_CALL':
        return this.meeting(kind, when, { participants: this.sides(when.first, a, b, count, tier, ['PARTICIPANT', 'PARTICIPANT']), coding: codingOf('041') });
      case 'TALKS': {
        const participants = this.sides(when.first, a, b, count, tier, ['VISITOR', 'HOST']);
        if (this.rng.chance(0.1) && participants.length < 10) {
          const mediator = this.roster.drawCountry(this.rng);
          if (mediator !== a && mediator !== b) {
            participants.push(this.roster.pickSurely(this.rng, mediator, when.first, MINISTER, 'MEDIATOR', new Set()));
            return this.meeting(kind, when, { participants, location: this.placeIn(mediator, 0.3), coding: codingOf('045') });
          }
        }
        return this.meeting(kind, when, { participants, location: this.placeIn(b, 0.25), coding: codingOf('046') });
      }
      case 'BILATERAL_MEETING': {
        const style = this.rng.next();
        if (style < 0.5) {
          return this.meeting(kind, when, { participants: this.sides(when.first, a, b, count, tier, ['VISITOR', 'HOST']), location: this.placeIn(b, 0.2), coding: codingOf(this.rng.pick(['040', '042', '043'])) });
        }
        if (style < 0.8) {
          const third = this.roster.drawCountry(this.rng);
          const location = third === a || third === b ? null : this.placeIn(third, 0);
          return this.meeting(kind, when, { participants: this.sides(when.first, a, b, count, tier, ['PARTICIPANT', 'PARTICIPANT']), location, coding: codingOf('044') });
        }
        return this.meeting(kind, when, { participants: this.sides(when.first, a, b, count, tier, ['PARTICIPANT', 'PARTICIPANT']), coding: codingOf('040') });
      }
      case 'BRIEFING':
        return this.meeting(kind, when, { participants: this.sides(when.first, a, b, Math.min(count, 4), tier, ['HOST', 'PARTICIPANT']), location: this.placeIn(a, 0.4), coding: codingOf('040') });
      default: {
        const coding = this.rng.weighted<EventCodingRecord>([
          [codingOf('057'), 4],
          [codingOf('051'), 2],
          [codingOf('050'), 2],
          [codingOf('036'), 1],
        ]);
        return this.meeting('OTHER', when, { participants: this.sides(when.first, a, b, count, tier, ['PARTICIPANT', 'PARTICIPANT']), location: this.placeIn(this.rng.pick([a, b]), 0.3), coding });
      }
    }
  }

  private multilateral(kind: 'MINISTERIAL' | 'SUMMIT' | 'CONFERENCE', when: { first: number; last: number; date: StatedDate }): PlannedMeeting {
    const size = this.rng.weighted(PARTICIPANT_COUNTS.map(([n, w]) => [Math.max(3, n), w] as const));
    let format: Grouping | null = null;
    let countries: SynthCountry[] = [];
    if (this.groupings.length > 0 && this.rng.chance(0.55)) {
      format = this.rng.pick(this.groupings);
      const members = format.members.map((i) => this.roster.active.find((c) => c.index === i)).filter((c) => c !== undefined);
      countries = this.rng.sample(members, Math.min(size, members.length));
      if (countries.length < 3) format = null;
    }
    if (format === null) {
      const chosen = new Set<SynthCountry>();
      for (let tries = 0; chosen.size < size && tries < size * 10; tries++) chosen.add(this.roster.drawCountry(this.rng));
      countries = [...chosen];
    }
    // A corpus with very few active countries may not yield three: two still make a meeting.
    if (countries.length < 2) countries = this.twoCountries();
    const tier = kind === 'SUMMIT' ? LEADER : kind === 'MINISTERIAL' ? MINISTER : this.rng.pick<Tier>([MINISTER, OFFICIAL]);
    const taken = new Set<string>();
    const participants = countries.map((country, i) => {
      const role = i === 0 ? (kind === 'CONFERENCE' ? 'HOST' : this.rng.pick(['CHAIR', 'HOST', 'PARTICIPANT'] as const)) : i === countries.length - 1 && this.rng.chance(0.1) ? 'OBSERVER' : 'PARTICIPANT';
      return this.roster.pickSurely(this.rng, country, when.first, tier, role, taken);
    });
    // Multilateral meetings sometimes number their participants beyond one per country.
    const extra = participants.length < 10 && this.rng.chance(0.2) ? this.roster.pick(this.rng, countries[0]!, when.first, OFFICIAL, 'PARTICIPANT', taken) : null;
    if (extra) participants.push(extra);
    const location = this.placeIn(countries[0]!, 0.15);
    return this.meeting(kind, when, { participants, location, format, coding: codingOf('040') });
  }

  /** A visit of one side to the other, with `count - 1` meetings during it. */
  private visit(count: number): PlannedMeeting[] {
    const when = this.drawDate('VISIT');
    const [visitorSide, host] = this.twoCountries();
    const tier = this.rng.weighted<Tier>([[LEADER, 20], [MINISTER, 55], [OFFICIAL, 25]]);
    const visitParticipants = this.sides(when.first, visitorSide, host, this.rng.chance(0.7) ? 2 : 3, tier, ['VISITOR', 'HOST']);
    const visitor = visitParticipants[0]!;
    const location = this.placeIn(host, 0.2);
    const visit = this.meeting('VISIT', when, { participants: visitParticipants, location, coding: codingOf('042') });
    const parts = [visit];
    for (let i = 1; i < count; i++) {
      const day = when.first + this.rng.int(0, when.last - when.first);
      const precise = when.date.record.precision === 'DAY' || when.date.record.precision === 'DAY_RANGE';
      const partWhen = precise ? { first: day, last: day, date: stateDate('DAY', day, day, this.rng) } : when;
      const taken = new Set<string>([visitor.person?.record.slug ?? '', visitor.office?.record.slug ?? '']);
      const hosts = Array.from({ length: this.rng.weighted([[1, 70], [2, 20], [3, 10]]) }, (_, k) =>
        k === 0 ? this.roster.pickSurely(this.rng, host, day, this.rng.pick<Tier>([LEADER, MINISTER, OFFICIAL]), 'HOST', taken) : this.roster.pick(this.rng, host, day, OFFICIAL, 'HOST', taken),
      ).filter((participant) => participant !== null);
      const kind = this.rng.weighted<MeetingKind>([['BILATERAL_MEETING', 65], ['TALKS', 25], ['BRIEFING', 10]]);
      const topics = this.rng.sample(visit.topics, this.rng.int(0, visit.topics.length));
      parts.push(this.meeting(kind, partWhen, { participants: [visitor, ...hosts], location: this.rng.chance(0.5) ? location : null, parent: visit, topics: topics.length > 0 ? topics : undefined, coding: codingOf(kind === 'TALKS' ? '046' : '040') }));
    }
    return parts;
  }

  /** A conference or summit with bilateral meetings on its sidelines. */
  private withSideMeetings(count: number): PlannedMeeting[] {
    const main = this.multilateral(this.rng.chance(0.5) ? 'CONFERENCE' : 'SUMMIT', this.drawDate('CONFERENCE'));
    const cluster = [main];
    for (let i = 1; i < count; i++) {
      const named = main.participants.filter((p) => p.person !== null);
      const pair = this.rng.sample(named, 2);
      const day = main.first + this.rng.int(0, main.last - main.first);
      const precise = main.date.record.precision === 'DAY' || main.date.record.precision === 'DAY_RANGE';
      const when = precise ? { first: day, last: day, date: stateDate('DAY', day, day, this.rng) } : { first: main.first, last: main.last, date: main.date };
      let participants: PlannedParticipant[] = pair.map((p) => ({ ...p, role: 'PARTICIPANT' as const }));
      if (pair.length < 2 || pair[0]!.country === pair[1]!.country) {
        const [a, b] = main.countries.length >= 2 ? this.rng.sample(main.countries, 2) : this.twoCountries();
        participants = this.sides(day, a!, b!, 2, MINISTER, ['PARTICIPANT', 'PARTICIPANT']);
      }
      cluster.push(this.meeting('BILATERAL_MEETING', when, { participants, location: main.location, parent: main, coding: codingOf('044') }));
    }
    return cluster;
  }
}

/** The coding of a CAMEO code, its PLOVER category and mode as CAMEO2PLOVER-2021 maps them (src/domain/cameo-plover.ts). */
function codingOf(cameo: string): EventCodingRecord {
  const plover = CAMEO_TO_PLOVER.get(cameo);
  if (plover === undefined) throw new Error(`CAMEO ${cameo} has no PLOVER coding`);
  return { cameo, ...plover };
}
