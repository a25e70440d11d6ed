/** The input shapes nested in entity inputs: citations, fuzzy dates, date claims, meeting relations, event coding, participants, topic mentions, outcomes. */
import { Field, Float, ID, InputType } from 'type-graphql';
import type { DatePrecision, MeetingRelation, ParticipantRole, PloverCategory, PloverMode } from '../../domain/vocabularies';
import { MIN_QUOTE_WORDS } from '../../store/contract/validate';
import { DateScalar } from '../common/date.scalar';
import { DatePrecisionEnum, MeetingRelationEnum, ParticipantRoleEnum, PloverCategoryEnum, PloverModeEnum } from '../common/enums';
import { MAX_INPUT_LIST_ITEMS } from './input-lists';

@InputType({ description: "A fact's provenance: the source that states it and its words, which must occur in the source's text verbatim." })
export class CitationInput {
  @Field(() => ID, { description: 'The Source that states the fact (its global id or slug).' })
  sourceId!: string;

  @Field({ description: `The source's words, verbatim: at least ${MIN_QUOTE_WORDS} words (runs of letters or digits), enough to identify a statement, and at most 2000 characters.` })
  quote!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The Source whose claim the quote relays (its global id or slug), e.g. the ministry statement a news article quotes; omit or null when the source speaks for itself.',
  })
  attributedToId?: string | null;
}

@InputType({ description: 'A name in a stated language: how sources in that language or script write the name, e.g. "Токаев" in "ru".' })
export class NameInput {
  @Field({ description: 'The name as written in that language (1-200 characters, no surrounding white space).' })
  value!: string;

  @Field({ description: 'Its language, as a BCP 47 language tag: "en", "ru", "kk-Cyrl" (Kazakh in Cyrillic script).' })
  lang!: string;
}

@InputType({ description: 'A point on the Earth in decimal degrees (WGS 84).' })
export class CoordinatesInput {
  @Field(() => Float, { description: 'Degrees north of the equator, -90 to 90 (south is negative).' })
  latitude!: number;

  @Field(() => Float, { description: 'Degrees east of Greenwich, -180 to 180 (west is negative).' })
  longitude!: number;
}

@InputType({ description: 'A date as precisely as the source gives it. The bounds must agree with the precision (ON_OR_BEFORE: only `latest`; DAY: both, equal; ...).' })
export class FuzzyDateInput {
  @Field({ description: 'The date in words, e.g. "late February 2023".' })
  label!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The earliest day it can be; null when unbounded.' })
  earliest?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The latest day it can be; null when unbounded.' })
  latest?: string | null;

  @Field(() => DatePrecisionEnum, { description: 'How precisely the source gives the date.' })
  precision!: DatePrecision;
}

@InputType({ description: "One source's statement of when a meeting took place, with the quotes that state it." })
export class DateClaimInput {
  @Field(() => FuzzyDateInput, { description: 'The date as the quotes give it.' })
  date!: FuzzyDateInput;

  @Field(() => [CitationInput], { description: `The quotes that state the date (at least one, at most ${MAX_INPUT_LIST_ITEMS}).` })
  citations!: CitationInput[];
}

@InputType({ description: 'A stated relation of a meeting\'s time to another meeting, e.g. after a visit whose outcomes it discussed.' })
export class MeetingRelationInput {
  @Field(() => MeetingRelationEnum, { description: 'How the meeting relates to the other one in time.' })
  relation!: MeetingRelation;

  @Field(() => ID, { description: 'The other Meeting (its global id or slug); not the meeting itself.' })
  meetingId!: string;

  @Field(() => [CitationInput], { description: `The quotes that state the relation (at least one, at most ${MAX_INPUT_LIST_ITEMS}).` })
  citations!: CitationInput[];
}

@InputType({ description: 'The event in CAMEO and PLOVER codes, which must agree with CAMEO2PLOVER-2021 (openeventdata/PLOVER): e.g. "040" is CONSULT with no mode, "042" and "043" CONSULT with mode VISIT.' })
export class EventCodingInput {
  @Field({ description: 'A CAMEO event code of the families 01-05, e.g. "042" (Make a visit).' })
  cameoCode!: string;

  @Field(() => PloverCategoryEnum, { description: 'The PLOVER event type.' })
  ploverCategory!: PloverCategory;

  @Field(() => PloverModeEnum, { nullable: true, description: 'The PLOVER mode, for CONSULT.' })
  ploverMode?: PloverMode | null;
}

@InputType({
  description:
    'Who took part in a meeting: a person, an office or an organization, on behalf of a country; or, for participants the source does not name ("among other US officials"), only a label with the source\'s words.',
})
export class ParticipantInput {
  @Field(() => ID, { nullable: true, description: 'The Person; omit when the source names only the office or organization.' })
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The Office in which they took part.' })
  officeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The Organization that took part, when the source names a body rather than a person.' })
  organizationId?: string | null;

  @Field(() => ID, { description: "The Country on whose behalf they took part; one of the meeting's countries." })
  countryId!: string;

  @Field(() => ParticipantRoleEnum, { description: 'The part they played.' })
  role!: ParticipantRole;

  @Field(() => String, { nullable: true, description: 'How the source names a participant it names no person for.' })
  label?: string | null;

  @Field(() => [CitationInput], { description: `Where the sources say this participant took part (at least one, at most ${MAX_INPUT_LIST_ITEMS}).` })
  citations!: CitationInput[];
}

@InputType({ description: 'A topic discussed at a meeting, with the quotes that say so.' })
export class TopicMentionInput {
  @Field(() => ID, { description: 'The Topic.' })
  topicId!: string;

  @Field(() => [CitationInput], { description: `Where the sources say it was discussed (at least one, at most ${MAX_INPUT_LIST_ITEMS}).` })
  citations!: CitationInput[];
}

@InputType({ description: 'What a meeting produced.' })
export class OutcomeInput {
  @Field({ description: 'The outcome in a sentence.' })
  description!: string;

  @Field({ description: 'The CAMEO event code of the outcome, e.g. "030".' })
  cameoCode!: string;

  @Field(() => PloverCategoryEnum, {
    nullable: true,
    description: 'The PLOVER event type of the outcome, e.g. AGREE: if given, the one the CAMEO code maps to in CAMEO2PLOVER-2021 (openeventdata/PLOVER), so a code it does not map (families 01-02) takes none. Omitted, the outcome reads as the mapping\'s.',
  })
  ploverCategory?: PloverCategory | null;

  @Field(() => [CitationInput], { description: `Where the sources state it (at least one, at most ${MAX_INPUT_LIST_ITEMS}).` })
  citations!: CitationInput[];
}
