/**
 * Builds the Relay connection and edge types of a node type, e.g. `MeetingConnection`
 * and `MeetingEdge`; connection values are plain objects made by `resolveConnection`.
 */
import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from './page-info.type';

export interface ConnectionValue<N> {
  totalCount: number;
  edges: { cursor: string; node: N }[];
  nodes: N[];
  pageInfo: PageInfo;
}

/** The `<Name>Connection` type listing nodes of `NodeClass`. */
export function ConnectionType(name: string, NodeClass: ClassType, plural: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a list, with its cursor.`, simpleResolvers: true })
  class Edge {
    @Field({ description: `An opaque cursor: pass it as \`after\` or \`before\` to page from this ${name}.` })
    cursor!: string;

    @Field(() => NodeClass, { description: `The ${name}.` })
    node!: unknown;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${plural} (a Relay cursor connection).`, simpleResolvers: true })
  class Connection {
    @Field(() => Int, { description: `How many ${plural} match the filter in all, across every page.` })
    totalCount!: number;

    @Field(() => [Edge], { description: `The ${plural} of this page, each with its cursor.` })
    edges!: Edge[];

    @Field(() => [NodeClass], { description: `The ${plural} of this page, without cursors.` })
    nodes!: unknown[];

    @Field(() => PageInfo, { description: 'Where this page lies in the list.' })
    pageInfo!: PageInfo;
  }
  return Connection;
}
