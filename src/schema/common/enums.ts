/**
 * Every enum of the schema, registered once with a description for the type and
 * each value. The values are the vocabularies of `domain/vocabularies.ts`.
 */
import { registerEnumType } from 'type-graphql';
import type { DateMatch } from '../../store/contract/store';
import {
  DATE_BOUND_KIND_DESCRIPTIONS,
  DATE_COUNTING_DESCRIPTIONS,
  DATE_PRECISION_DESCRIPTIONS,
  MEETING_KIND_DESCRIPTIONS,
  MEETING_RELATION_DESCRIPTIONS,
  MEETING_STATS_DIMENSION_DESCRIPTIONS,
  ORGANIZATION_KIND_DESCRIPTIONS,
  PARTICIPANT_ROLE_DESCRIPTIONS,
  PLACE_KIND_DESCRIPTIONS,
  PLOVER_CATEGORY_DESCRIPTIONS,
  PLOVER_MODE_DESCRIPTIONS,
  SOURCE_KIND_DESCRIPTIONS,
} from '../../domain/vocabularies';
import { HOLDER_CERTAINTY_DESCRIPTIONS, TENURE_STATUS_DESCRIPTIONS } from '../../domain/attestation';

/** Registers `descriptions`' keys as a GraphQL enum and returns the enum object to reference in decorators. */
export function describedEnum<K extends string>(name: string, description: string, descriptions: Record<K, string>): Record<K, K> {
  const values = Object.fromEntries(Object.keys(descriptions).map((key) => [key, key])) as Record<K, K>;
  registerEnumType(values, {
    name,
    description,
    valuesConfig: Object.fromEntries(Object.entries(descriptions).map(([key, text]) => [key, { description: text as string }])) as Partial<Record<K, { description: string }>>,
  });
  return values;
}

/** Registers a GraphQL enum whose values stand for other internal values: `{ CREATE: ['create', 'Created.'] }`. */
export function mappedEnum<V extends string>(name: string, description: string, values: Record<string, readonly [V, string]>): Record<string, V> {
  const map = Object.fromEntries(Object.entries(values).map(([key, [value]]) => [key, value])) as Record<string, V>;
  registerEnumType(map, {
    name,
    description,
    valuesConfig: Object.fromEntries(Object.entries(values).map(([key, [, text]]) => [key, { description: text }])),
  });
  return map;
}

export const DatePrecisionEnum = describedEnum('DatePrecision', 'How precisely a source gives a date.', DATE_PRECISION_DESCRIPTIONS);
export const MeetingKindEnum = describedEnum('MeetingKind', 'The kind of a diplomatic event.', MEETING_KIND_DESCRIPTIONS);
export const MeetingRelationEnum = describedEnum('MeetingRelation', "How a meeting's time relates to another meeting's, as a source states it.", MEETING_RELATION_DESCRIPTIONS);
export const DateBoundKindEnum = describedEnum('DateBoundKind', "What kind of statement sets a bound of a meeting's date.", DATE_BOUND_KIND_DESCRIPTIONS);
export const ParticipantRoleEnum = describedEnum('ParticipantRole', 'The part a participant played in a meeting.', PARTICIPANT_ROLE_DESCRIPTIONS);
export const OrganizationKindEnum = describedEnum('OrganizationKind', 'What kind of body an organization is.', ORGANIZATION_KIND_DESCRIPTIONS);
export const PlaceKindEnum = describedEnum('PlaceKind', 'What kind of place a place is.', PLACE_KIND_DESCRIPTIONS);
export const SourceKindEnum = describedEnum('SourceKind', 'What kind of document a source is.', SOURCE_KIND_DESCRIPTIONS);
export const PloverCategoryEnum = describedEnum(
  'PloverCategory',
  'The event type in PLOVER (Political Language Ontology for Verifiable Event Records), the successor of CAMEO used by POLECAT.',
  PLOVER_CATEGORY_DESCRIPTIONS,
);
export const PloverModeEnum = describedEnum('PloverMode', 'The mode of a PLOVER CONSULT event: how the sides met.', PLOVER_MODE_DESCRIPTIONS);
export const TenureStatusEnum = describedEnum('TenureStatus', 'Whether the sources say a tenure ended.', TENURE_STATUS_DESCRIPTIONS);
export const HolderCertaintyEnum = describedEnum('HolderCertainty', 'How sure the sources make a candidate holder of an office on a day.', HOLDER_CERTAINTY_DESCRIPTIONS);
export const OrderDirectionEnum = describedEnum('OrderDirection', 'The direction of an order.', {
  ASC: 'Ascending: A to Z, oldest first.',
  DESC: 'Descending: Z to A, newest first.',
});
export const DateMatchEnum = describedEnum('DateMatch', 'How a fuzzy date must relate to a date window [from, to].', {
  OVERLAPS: 'The date may fall within the window: its range of possible days meets it (the default).',
  WITHIN: 'The date certainly falls within the window: every possible day lies inside it, so a date open on one side never matches a window bound given on that side.',
} satisfies Record<DateMatch, string>);
export const MeetingStatsDimensionEnum = describedEnum('MeetingStatsDimension', 'What `meetingStats` groups meetings by.', MEETING_STATS_DIMENSION_DESCRIPTIONS);
export const DateCountingEnum = describedEnum('DateCounting', 'How `meetingStats` counts a fuzzy date in a month or a year.', DATE_COUNTING_DESCRIPTIONS);
