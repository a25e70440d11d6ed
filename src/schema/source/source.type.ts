import { Field, ObjectType } from 'type-graphql';
import type { SourceKind } from '../../domain/vocabularies';
import { DateScalar } from '../common/date.scalar';
import { SourceKindEnum } from '../common/enums';
import { ConnectionType } from '../relay/connection.type';
import { Node } from '../relay/node.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A document facts come from: a news article, or an official statement it relies on.' })
export class Source implements Node {
  declare id: string;

  @Field({ description: 'A stable human-readable key, e.g. "urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation".' })
  slug!: string;

  @Field({ description: 'The title or headline.' })
  title!: string;

  @Field(() => SourceKindEnum, { description: 'What kind of document it is.' })
  kind!: SourceKind;

  @Field(() => DateScalar, { nullable: true, description: 'The day it was published; null when unknown.' })
  publishedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Where it can be read online; null when the source gives no address.' })
  url!: string | null;
}

export const SourceConnection = ConnectionType('Source', Source, 'sources');
