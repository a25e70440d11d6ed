import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a page lies in its connection (Relay cursor connections).', simpleResolvers: true })
export class PageInfo {
  @Field({ description: 'True when items follow this page (in the connection, cursors aside).' })
  hasNextPage!: boolean;

  @Field({ description: 'True when items precede this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null on an empty page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "The last edge's cursor; null on an empty page." })
  endCursor!: string | null;
}
