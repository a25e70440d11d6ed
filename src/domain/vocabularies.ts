/**
 * The closed vocabularies of the domain, each value with the description that the
 * GraphQL schema shows for it. Records are validated against the same lists.
 */

/** How precisely a source gives a date (after ACLED's time precision, made explicit). */
export const DATE_PRECISION_DESCRIPTIONS = {
  DAY: 'One known day: earliest and latest are the same.',
  DAY_RANGE: 'A span of known days, e.g. "3-5 May 2023".',
  PART_OF_MONTH: 'Early (days 1-10), mid (11-20) or late (21-end of) a month, e.g. "late February 2023".',
  MONTH: 'A month, e.g. "February 2023".',
  YEAR: 'A year, e.g. "2023".',
  ON_OR_BEFORE: 'Only an upper bound is known, e.g. "on or before 30 April 2023": earliest is null.',
  ON_OR_AFTER: 'Only a lower bound is known: latest is null.',
  UNKNOWN: 'The source gives no date: earliest and latest are both null.',
} as const;
export type DatePrecision = keyof typeof DATE_PRECISION_DESCRIPTIONS;
export const DATE_PRECISIONS = keyOf(DATE_PRECISION_DESCRIPTIONS);

export const MEETING_KIND_DESCRIPTIONS = {
  VISIT: 'An official visit by one side to another country, which may contain several meetings.',
  BILATERAL_MEETING: 'A meeting between two sides.',
  TALKS: 'Talks between delegations, often several officials or bodies on each side.',
  MINISTERIAL: 'A meeting of ministers, often of a multilateral format such as the C5+1.',
  SUMMIT: 'A meeting of heads of state or government.',
  BRIEFING: 'One side informs another.',
  PHONE_CALL: 'A telephone or video call.',
  CONFERENCE: 'A conference or forum with many participants.',
  OTHER: 'Any other diplomatic event.',
} as const;
export type MeetingKind = keyof typeof MEETING_KIND_DESCRIPTIONS;
export const MEETING_KINDS = keyOf(MEETING_KIND_DESCRIPTIONS);

/** How one event's time relates to another's, as a source states it ("the outcomes of the recent visit"). */
export const MEETING_RELATION_DESCRIPTIONS = {
  AFTER: 'It took place after the related meeting: its earliest day is no earlier than the related meeting\'s earliest.',
  BEFORE: 'It took place before the related meeting: its latest day is no later than the related meeting\'s latest.',
} as const;
export type MeetingRelation = keyof typeof MEETING_RELATION_DESCRIPTIONS;
export const MEETING_RELATIONS = keyOf(MEETING_RELATION_DESCRIPTIONS);

/** What sets a bound of a meeting's derived date. */
export const DATE_BOUND_KIND_DESCRIPTIONS = {
  CLAIM: "A source's statement of the meeting's date (one of `Meeting.dateClaims`).",
  RELATION: 'A stated relation to another meeting (one of `Meeting.relations`): after it, or before it.',
  PART_OF: 'The larger event the meeting was part of (`Meeting.partOf`): a part lies within its whole.',
} as const;
export type DateBoundKind = keyof typeof DATE_BOUND_KIND_DESCRIPTIONS;
export const DATE_BOUND_KINDS = keyOf(DATE_BOUND_KIND_DESCRIPTIONS);

export const PARTICIPANT_ROLE_DESCRIPTIONS = {
  VISITOR: 'Travelled to the meeting as a guest of another side.',
  HOST: 'Received the visitors or hosted the meeting.',
  PARTICIPANT: 'Took part without a visitor or host role stated.',
  CHAIR: 'Chaired the meeting.',
  MEDIATOR: 'Mediated between other participants.',
  OBSERVER: 'Attended as an observer.',
} as const;
export type ParticipantRole = keyof typeof PARTICIPANT_ROLE_DESCRIPTIONS;
export const PARTICIPANT_ROLES = keyOf(PARTICIPANT_ROLE_DESCRIPTIONS);

export const ORGANIZATION_KIND_DESCRIPTIONS = {
  GOVERNMENT: "A state's government as a whole.",
  MINISTRY: 'A ministry or executive department, e.g. a foreign ministry or the State Department.',
  EXECUTIVE_OFFICE: "A head of state's or government's office, e.g. the White House.",
  LEGISLATURE: 'A parliament or congress.',
  NEWS_OUTLET: 'A news agency, newspaper or broadcaster.',
  DIPLOMATIC_FORMAT: 'A standing format of states that meet, e.g. the C5+1.',
  INTERNATIONAL_ORGANIZATION: 'An intergovernmental organization, e.g. the United Nations.',
  OTHER: 'Any other organization.',
} as const;
export type OrganizationKind = keyof typeof ORGANIZATION_KIND_DESCRIPTIONS;
export const ORGANIZATION_KINDS = keyOf(ORGANIZATION_KIND_DESCRIPTIONS);

export const PLACE_KIND_DESCRIPTIONS = {
  CITY: 'A city or town.',
  VENUE: 'A building or site, e.g. a palace or a ministry.',
  REGION: 'A region within a country.',
} as const;
export type PlaceKind = keyof typeof PLACE_KIND_DESCRIPTIONS;
export const PLACE_KINDS = keyOf(PLACE_KIND_DESCRIPTIONS);

export const SOURCE_KIND_DESCRIPTIONS = {
  NEWS_ARTICLE: 'An article of a news outlet.',
  OFFICIAL_STATEMENT: 'A statement of a government body, e.g. a foreign ministry.',
  PRESS_RELEASE: 'A press release.',
  TRANSCRIPT: 'A transcript of remarks or a press conference.',
  REFERENCE_DATASET:
    'A reference dataset, e.g. of country names, ISO 3166-1 codes and capitals, named with its version in the title ("countries-list 3.4.1"); its text is the dataset in one line per entry, which reference facts quote.',
  OTHER: 'Any other source.',
} as const;
export type SourceKind = keyof typeof SOURCE_KIND_DESCRIPTIONS;
export const SOURCE_KINDS = keyOf(SOURCE_KIND_DESCRIPTIONS);

/** PLOVER's event types (Political Language Ontology for Verifiable Event Records). */
export const PLOVER_CATEGORY_DESCRIPTIONS = {
  AGREE: 'Agree to, or sign, an agreement or course of action.',
  CONSULT: 'Meet, visit, talk or negotiate.',
  SUPPORT: 'Express support, praise or endorsement.',
  CONCEDE: 'Yield or make a concession.',
  COOPERATE: 'Cooperate materially (economic, military, judicial, intelligence).',
  AID: 'Give humanitarian, economic or military aid.',
  RETREAT: 'Withdraw, release or de-escalate.',
  REQUEST: 'Ask for something.',
  ACCUSE: 'Accuse, criticize or blame.',
  REJECT: 'Reject a proposal or demand.',
  THREATEN: 'Threaten.',
  PROTEST: 'Protest or demonstrate.',
  SANCTION: 'Impose sanctions or cut ties.',
  MOBILIZE: 'Mobilize or raise alert.',
  COERCE: 'Coerce, seize or arrest.',
  ASSAULT: 'Use violence.',
} as const;
export type PloverCategory = keyof typeof PLOVER_CATEGORY_DESCRIPTIONS;
export const PLOVER_CATEGORIES = keyOf(PLOVER_CATEGORY_DESCRIPTIONS);

/** PLOVER's modes of CONSULT. */
export const PLOVER_MODE_DESCRIPTIONS = {
  PHONE: 'By telephone or video call.',
  VISIT: 'One side visits the other.',
  THIRD_PARTY: 'The sides meet at a third location.',
  MULTILATERAL: 'Three or more parties meet. No CAMEO code maps to it in the official CAMEO-to-PLOVER mapping (CAMEO2PLOVER-2021), so no coding has it; kept so that clients naming it still work.',
} as const;
export type PloverMode = keyof typeof PLOVER_MODE_DESCRIPTIONS;
export const PLOVER_MODES = keyOf(PLOVER_MODE_DESCRIPTIONS);

/** What `meetingStats` can group meetings by (src/domain/meeting-stats.ts). */
export const MEETING_STATS_DIMENSION_DESCRIPTIONS = {
  MONTH: 'The calendar month of the meeting\'s date, e.g. "2023-02" ("February 2023"); how a date that is not one known day counts is `dateCounting`\'s choice.',
  YEAR: 'The calendar year of the meeting\'s date, e.g. "2023"; how a date that is not one known day counts is `dateCounting`\'s choice.',
  KIND: 'The kind of meeting, e.g. "VISIT".',
  COUNTRY: 'Each country of the meeting, by ISO 3166-1 alpha-2 code (e.g. "KZ"): a meeting counts once under each of its countries.',
  COUNTRY_PAIR:
    'Each unordered pair of the meeting\'s countries: the two ISO 3166-1 alpha-2 codes in alphabetical order joined by "-" (e.g. "KZ-US"). A meeting of n countries counts once under each of its n(n-1)/2 pairs; one of a single country under the null key ("no pair").',
  TOPIC:
    'Each topic discussed, rolled up through the topic tree: a meeting about "regional-security" counts under "regional-security" and under "security", once per topic however many of its topics lie below it. A meeting with no topic counts under the null key ("no topic").',
  PLOVER_CATEGORY: 'The PLOVER event category of the meeting\'s event coding, e.g. "CONSULT".',
} as const;
export type MeetingStatsDimension = keyof typeof MEETING_STATS_DIMENSION_DESCRIPTIONS;

/** How `meetingStats` counts a fuzzy date in a month or a year. */
export const DATE_COUNTING_DESCRIPTIONS = {
  CERTAIN:
    'A meeting counts in a month (a year) only when its earliest and latest possible days both fall in it; any other date (spanning months, or with an unknown bound) counts whole under the null key ("uncertain"). Counts are whole numbers.',
  SPLIT:
    "A meeting's count of 1 is divided over the months (years) its days from earliest to latest span, in proportion to the days in each: \"between 21 February and 30 April 2023\" counts 8/69 in February, 31/69 in March and 30/69 in April. A date with an unknown bound counts whole under the null key (\"unbounded\"). Counts may be fractions.",
} as const;
export type DateCounting = keyof typeof DATE_COUNTING_DESCRIPTIONS;


/** CAMEO event codes of the cooperative verbal and diplomatic families (01-05), with their CAMEO 1.1b3 names. */
export const CAMEO_CODES: ReadonlyMap<string, string> = new Map([
  ['010', 'Make statement, not specified below'],
  ['011', 'Decline comment'],
  ['012', 'Make pessimistic comment'],
  ['013', 'Make optimistic comment'],
  ['014', 'Consider policy option'],
  ['015', 'Acknowledge or claim responsibility'],
  ['016', 'Deny responsibility'],
  ['017', 'Engage in symbolic act'],
  ['018', 'Make empathetic comment'],
  ['019', 'Express accord'],
  ['020', 'Make an appeal or request, not specified below'],
  ['030', 'Express intent to cooperate, not specified below'],
  ['031', 'Express intent to engage in material cooperation'],
  ['032', 'Express intent to provide diplomatic cooperation'],
  ['033', 'Express intent to provide material aid'],
  ['036', 'Express intent to meet or negotiate'],
  ['040', 'Consult, not specified below'],
  ['041', 'Discuss by telephone'],
  ['042', 'Make a visit'],
  ['043', 'Host a visit'],
  ['044', 'Meet at a "third" location'],
  ['045', 'Mediate'],
  ['046', 'Engage in negotiation'],
  ['050', 'Engage in diplomatic cooperation, not specified below'],
  ['051', 'Praise or endorse'],
  ['052', 'Defend verbally'],
  ['053', 'Rally support on behalf of'],
  ['054', 'Grant diplomatic recognition'],
  ['055', 'Apologize'],
  ['056', 'Forgive'],
  ['057', 'Sign formal agreement'],
]);

function keyOf<T extends Record<string, string>>(descriptions: T): [keyof T & string, ...(keyof T & string)[]] {
  return Object.keys(descriptions) as [keyof T & string, ...(keyof T & string)[]];
}
