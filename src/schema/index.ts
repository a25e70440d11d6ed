/** The one list of resolvers, and the schema built from it. */
import 'reflect-metadata';
import { GraphQLObjectType, GraphQLSchema, type GraphQLNamedType } from 'graphql';
import { buildSchemaSync, type PubSub } from 'type-graphql';
import { CitationResolver } from './common/citation.resolver';
import { CountryResolver } from './country/country.resolver';
import { EventCodingResolver, OutcomeResolver } from './meeting/cameo.resolver';
import { MeetingResolver } from './meeting/meeting.resolver';
import { DateBoundResolver, FuzzyDateResolver, RelatedMeetingResolver } from './meeting/meeting-date.resolver';
import { ParticipantResolver } from './meeting/participant.resolver';
import { TopicMentionResolver } from './meeting/topic-mention.resolver';
import { OfficeResolver } from './office/office.resolver';
import { OrganizationResolver } from './organization/organization.resolver';
import { PersonResolver } from './person/person.resolver';
import { PlaceResolver } from './place/place.resolver';
import { NodeResolver } from './relay/node.resolver';
import { SearchResolver } from './search/search.resolver';
import { DraftResolver } from './draft/draft.resolver';
import { MeetingStatsKeyResolver, MeetingStatsResolver } from './meeting-stats/meeting-stats.resolver';
import { ImportResolver } from './import/import.resolver';
import { SourceCitationResolver, SourceResolver } from './source/source.resolver';
import { ClaimResolver } from './common/conflict.resolver';
import { TenureResolver } from './tenure/tenure.resolver';
import { TopicResolver } from './topic/topic.resolver';
import { ENTITY_MUTATIONS } from './mutation/mutations';
import { ChangeResolver } from './change/change.resolver';
import { LiveChangesResolver } from './change/live-changes.resolver';
import { installDirectResolvers } from './direct-resolvers';

export const RESOLVERS = [
  NodeResolver,
  PersonResolver,
  OfficeResolver,
  TenureResolver,
  OrganizationResolver,
  CountryResolver,
  PlaceResolver,
  MeetingResolver,
  FuzzyDateResolver,
  DateBoundResolver,
  RelatedMeetingResolver,
  ParticipantResolver,
  TopicMentionResolver,
  EventCodingResolver,
  OutcomeResolver,
  TopicResolver,
  SourceResolver,
  SourceCitationResolver,
  CitationResolver,
  ClaimResolver,
  SearchResolver,
  MeetingStatsResolver,
  MeetingStatsKeyResolver,
  DraftResolver,
  ImportResolver,
  ChangeResolver,
  LiveChangesResolver,
  ...ENTITY_MUTATIONS,
] as const;

let schema: GraphQLSchema | undefined;

/**
 * type-graphql insists on a PubSub once a schema has a subscription, even when every
 * subscription brings its own `subscribe` (ours follow the store's change feed).
 */
const NO_PUB_SUB: PubSub = {
  publish() {
    throw new Error('Entente has no PubSub: subscriptions follow the store (src/subscriptions).');
  },
  subscribe() {
    throw new Error('Entente has no PubSub: subscriptions follow the store (src/subscriptions).');
  },
};

/** The API's schema, built once from the resolver classes' metadata. */
export function buildAppSchema(): GraphQLSchema {
  schema ??= withRootDescriptions(installDirectResolvers(buildSchemaSync({ resolvers: [...RESOLVERS], validate: false, pubSub: NO_PUB_SUB })));
  return schema;
}

const ROOT_DESCRIPTIONS = {
  query: 'The entry points of Entente: fetch any entity by global id (`node`), by slug, or list and filter them. Every list is a Relay connection.',
  mutation:
    'Writes: create, update and delete every entity type, and import a reviewed bundle (`importBundle`). Each needs `Authorization: Bearer <token>` with a token of API_TOKENS, and is acknowledged only once it is on disk.',
  subscription: 'Live updates, over WebSocket at /graphql (the graphql-transport-ws protocol of graphql-ws); reads are public, as over HTTP.',
};

/**
 * `built` with a description on each root type. type-graphql has no option for them, so the
 * schema is made again from its parts (graphql-js's `toConfig`) with the root types remade
 * described; every other type is the same object.
 */
function withRootDescriptions(built: GraphQLSchema): GraphQLSchema {
  const config = built.toConfig();
  const remade = new Map<GraphQLNamedType, GraphQLObjectType>();
  const described = (root: GraphQLObjectType | null | undefined, description: string) => {
    if (!root) return root;
    const type = new GraphQLObjectType({ ...root.toConfig(), description });
    remade.set(root, type);
    return type;
  };
  return new GraphQLSchema({
    ...config,
    query: described(config.query, ROOT_DESCRIPTIONS.query),
    mutation: described(config.mutation, ROOT_DESCRIPTIONS.mutation),
    subscription: described(config.subscription, ROOT_DESCRIPTIONS.subscription),
    // In place, so the printed schema keeps its order.
    types: config.types.map((type) => remade.get(type) ?? type),
  });
}
