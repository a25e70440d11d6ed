/** The create, update and delete mutations of every entity type, with their input fields. */
import { ID, Int } from 'type-graphql';
import { slugify } from '../../domain/slugify';
import { MAX_SOURCE_TEXT_BYTES } from '../../store/contract/validate';
import { DateScalar } from '../common/date.scalar';
import { MeetingKindEnum, OrganizationKindEnum, PlaceKindEnum, SourceKindEnum } from '../common/enums';
import { Country } from '../country/country.type';
import { Meeting } from '../meeting/meeting.type';
import { Office } from '../office/office.type';
import { Organization } from '../organization/organization.type';
import { Person } from '../person/person.type';
import { Place } from '../place/place.type';
import { Source } from '../source/source.type';
import { Tenure } from '../tenure/tenure.type';
import { Topic } from '../topic/topic.type';
import { EntityMutations, type InputFieldSpec } from './entity-mutations';
import { MAX_COUNTRY_LIST_ITEMS, MAX_INPUT_LIST_ITEMS, MAX_PARTICIPANTS } from './input-lists';
import { CitationInput, CoordinatesInput, DateClaimInput, EventCodingInput, FuzzyDateInput, MeetingRelationInput, NameInput, OutcomeInput, ParticipantInput, TopicMentionInput } from './nested.inputs';

const name = (noun: string): InputFieldSpec => ({ name: 'name', type: () => String, required: true, description: `The ${noun}'s name as the sources give it (1-200 characters).` });
const aliases: InputFieldSpec = { name: 'aliases', type: () => [String], description: `Other names or spellings the sources use (at most ${MAX_INPUT_LIST_ITEMS}).` };
const names: InputFieldSpec = {
  name: 'names',
  type: () => [NameInput],
  description: `The name in other languages or scripts, each with its language (at most ${MAX_INPUT_LIST_ITEMS}); search finds every one. Empty or null: none.`,
};
const citations = (what: string, required = false): InputFieldSpec => ({
  name: 'citations',
  type: () => [CitationInput],
  required,
  description: `Where the sources ${what} (${required ? 'at least one, ' : ''}at most ${MAX_INPUT_LIST_ITEMS}).`,
});
const bySlugOfName = (record: { name?: string }) => slugify(record.name ?? '');
const bySlugOfTitle = (record: { title?: string }) => slugify(record.title ?? '');

export const TopicMutations = EntityMutations({
  type: 'Topic',
  nodeClass: Topic,
  noun: 'topic',
  fields: [name('topic'), aliases, names, { name: 'parentId', type: () => ID, description: 'The broader Topic.' }],
  slugFrom: bySlugOfName,
});

export const CountryMutations = EntityMutations({
  type: 'Country',
  nodeClass: Country,
  noun: 'country',
  fields: [
    name('country'),
    aliases,
    names,
    { name: 'isoCode', type: () => String, required: true, description: 'The ISO 3166-1 alpha-2 code, two capital letters; unique.' },
    { name: 'isoCode3', type: () => String, description: 'The ISO 3166-1 alpha-3 code, three capital letters. Null: none.' },
    { name: 'capitalId', type: () => ID, description: 'The capital: a Place in this country.' },
    citations('state its ISO codes, name and capital, e.g. the line of a reference dataset'),
  ],
  slugFrom: bySlugOfName,
});

export const PlaceMutations = EntityMutations({
  type: 'Place',
  nodeClass: Place,
  noun: 'place',
  fields: [
    name('place'),
    aliases,
    names,
    { name: 'kind', type: () => PlaceKindEnum, required: true, description: 'What kind of place it is.' },
    { name: 'countryId', type: () => ID, required: true, description: 'The Country it lies in.' },
    { name: 'coordinates', type: () => CoordinatesInput, description: 'Where it lies, as the cited source gives it. Null: not known.' },
    { name: 'geonamesId', type: () => Int, description: 'Its id in the GeoNames gazetteer, a positive whole number. Null: not known.' },
    citations('state the country it lies in and its coordinates'),
  ],
  slugFrom: bySlugOfName,
});

export const OrganizationMutations = EntityMutations({
  type: 'Organization',
  nodeClass: Organization,
  noun: 'organization',
  fields: [
    name('organization'),
    aliases,
    names,
    { name: 'kind', type: () => OrganizationKindEnum, required: true, description: 'What kind of body it is.' },
    { name: 'countryId', type: () => ID, description: 'The Country it belongs to.' },
    { name: 'parentId', type: () => ID, description: 'The Organization it is part of.' },
    { name: 'memberCountryIds', type: () => [ID], description: `For a format or international organization: its member Countries (at most ${MAX_COUNTRY_LIST_ITEMS}).` },
    citations('name it'),
  ],
  slugFrom: bySlugOfName,
});

export const PersonMutations = EntityMutations({
  type: 'Person',
  nodeClass: Person,
  noun: 'person',
  fields: [name('person'), aliases, names, { name: 'countryId', type: () => ID, description: 'The Country they serve or belong to.' }, citations('name them', true)],
  slugFrom: bySlugOfName,
});

export const OfficeMutations = EntityMutations({
  type: 'Office',
  nodeClass: Office,
  noun: 'office',
  fields: [
    { name: 'title', type: () => String, required: true, description: 'The title without the country, e.g. "Foreign Minister".' },
    { name: 'organizationId', type: () => ID, description: 'The Organization the office belongs to.' },
    { name: 'countryId', type: () => ID, required: true, description: 'The Country whose office it is.' },
    citations('name it'),
  ],
  slugFrom: (office) => slugify(`${office.country ?? ''} ${office.title ?? ''}`),
});

export const TenureMutations = EntityMutations({
  type: 'Tenure',
  nodeClass: Tenure,
  noun: 'tenure',
  fields: [
    { name: 'personId', type: () => ID, required: true, description: 'The Person who held the office.' },
    { name: 'officeId', type: () => ID, required: true, description: 'The Office held.' },
    { name: 'start', type: () => FuzzyDateInput, description: 'When it began, as far as the sources say.' },
    { name: 'end', type: () => FuzzyDateInput, description: 'When it ended; omit or null while the sources give no end.' },
    citations('show the person in the office', true),
  ],
  slugFrom: (tenure) => slugify(`${tenure.person ?? ''} as ${tenure.office ?? ''}`),
});

export const SourceMutations = EntityMutations({
  type: 'Source',
  nodeClass: Source,
  noun: 'source',
  fields: [
    { name: 'title', type: () => String, required: true, description: 'The title or headline.' },
    { name: 'kind', type: () => SourceKindEnum, required: true, description: 'What kind of document it is.' },
    { name: 'publisherId', type: () => ID, description: 'The Organization that published it.' },
    { name: 'publishedOn', type: () => DateScalar, description: 'The day it was published.' },
    { name: 'url', type: () => String, description: 'Where it can be read online (http or https).' },
    { name: 'datelineId', type: () => ID, description: 'The Place in its dateline.' },
    { name: 'citedSourceIds', type: () => [ID], description: `The Sources it relies on (at most ${MAX_INPUT_LIST_ITEMS}).` },
    {
      name: 'text',
      type: () => String,
      createOnly: true,
      description: `The full text, which citations quote verbatim: at most ${MAX_SOURCE_TEXT_BYTES} bytes of UTF-8 (1 MiB). Fixed once created, so that quotes stay true.`,
    },
  ],
  slugFrom: bySlugOfTitle,
});

export const MeetingMutations = EntityMutations({
  type: 'Meeting',
  nodeClass: Meeting,
  noun: 'meeting',
  fields: [
    { name: 'title', type: () => String, required: true, description: 'A short descriptive title.' },
    { name: 'kind', type: () => MeetingKindEnum, required: true, description: 'What kind of event it is.' },
    {
      name: 'date',
      type: () => FuzzyDateInput,
      required: true,
      description:
        "When it took place, as the meeting's citations state it. The stored date is derived: this date (or `dateClaims`) narrowed by `relations` and `partOf`. On update, a date other than the stored one restates the meeting's one claim; a meeting with several `dateClaims` takes new claims instead.",
    },
    {
      name: 'dateClaims',
      type: () => [DateClaimInput],
      description: `Each source's statement of the date, with its quotes (at most ${MAX_INPUT_LIST_ITEMS}); replaces the stored claims. Omitted or empty on create: the one claim is \`date\`, cited by \`citations\`. The stored date is their intersection, or, when they disagree, the preferred ones.`,
    },
    { name: 'locationId', type: () => ID, description: 'The Place where it took place.' },
    { name: 'countryIds', type: () => [ID], required: true, description: `The Countries involved (at least one, at most ${MAX_COUNTRY_LIST_ITEMS}).` },
    { name: 'formatId', type: () => ID, description: 'The diplomatic format (an Organization) it was held in.' },
    { name: 'partOfId', type: () => ID, description: 'The larger event (a Meeting) it was part of: its date bounds this one\'s.' },
    {
      name: 'relations',
      type: () => [MeetingRelationInput],
      description: `Stated relations of its time to other meetings (at most ${MAX_INPUT_LIST_ITEMS}); they bound its date. Replaces the stored relations.`,
    },
    { name: 'coding', type: () => EventCodingInput, required: true, description: 'The event in CAMEO and PLOVER codes.' },
    { name: 'participants', type: () => [ParticipantInput], required: true, description: `Who took part (at least one, at most ${MAX_PARTICIPANTS}).` },
    { name: 'topics', type: () => [TopicMentionInput], description: `What was discussed, with the quotes that say so (at most ${MAX_INPUT_LIST_ITEMS}).` },
    { name: 'outcomes', type: () => [OutcomeInput], description: `What it produced (at most ${MAX_INPUT_LIST_ITEMS}).` },
    { name: 'summary', type: () => String, required: true, description: 'A neutral summary of what the sources report.' },
    citations('report the event', true),
  ],
  slugFrom: bySlugOfTitle,
});

export const ENTITY_MUTATIONS = [
  TopicMutations,
  CountryMutations,
  PlaceMutations,
  OrganizationMutations,
  PersonMutations,
  OfficeMutations,
  TenureMutations,
  SourceMutations,
  MeetingMutations,
];
