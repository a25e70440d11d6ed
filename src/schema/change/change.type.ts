import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { ChangeOperation } from '../../store/contract/store';
import type { EntityType } from '../../store/contract/records';
import { mappedEnum } from '../common/enums';
import { ConnectionType } from '../relay/connection.type';

export const ChangeOperationEnum = mappedEnum<ChangeOperation>('ChangeOperation', 'What a change did.', {
  CREATE: ['create', 'The entity was created.'],
  UPDATE: ['update', 'The entity was changed.'],
  DELETE: ['delete', 'The entity was deleted.'],
});

export const EntityTypeEnum = mappedEnum<EntityType>('EntityType', 'The types of entity Entente holds.', {
  COUNTRY: ['Country', 'A Country.'],
  PLACE: ['Place', 'A Place.'],
  ORGANIZATION: ['Organization', 'An Organization.'],
  PERSON: ['Person', 'A Person.'],
  OFFICE: ['Office', 'An Office.'],
  TENURE: ['Tenure', 'A Tenure.'],
  TOPIC: ['Topic', 'A Topic.'],
  SOURCE: ['Source', 'A Source.'],
  MEETING: ['Meeting', 'A Meeting.'],
});

@ObjectType({ simpleResolvers: true, description: 'One write, in the order the store applied it: what a client or cache needs to sync incrementally.' })
export class Change {
  @Field(() => Int, { description: 'The sequence number: 1, 2, 3, ... with no gaps; the data version after this change.' })
  seq!: number;

  @Field(() => ChangeOperationEnum, { description: 'What the change did.' })
  operation!: ChangeOperation;

  @Field(() => EntityTypeEnum, { description: 'The type of the entity changed.' })
  entityType!: EntityType;

  @Field(() => ID, { description: 'The global id of the entity changed.' })
  entityId!: string;

  @Field(() => String, { description: 'The slug of the entity changed (it never changes, and stays known after a delete).' })
  entitySlug!: string;

  @Field(() => GraphQLDateTime, { description: 'When the change was applied.' })
  at!: string;
}

export const ChangeConnection = ConnectionType('Change', Change, 'changes');
