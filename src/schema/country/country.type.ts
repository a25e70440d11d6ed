import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../relay/connection.type';
import { Node } from '../relay/node.type';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'A sovereign state. Its names, ISO codes and capital are public reference data, cited from a reference dataset (`citations`).' })
export class Country implements Node {
  declare id: string;

  @Field({ description: 'A stable human-readable key, e.g. "kazakhstan".' })
  slug!: string;

  @Field({ description: 'The common English short name, e.g. "United States".' })
  name!: string;

  @Field(() => [String], { description: 'Other names and abbreviations, e.g. "US", "U.S.".' })
  aliases!: string[];

  @Field({ description: 'The ISO 3166-1 alpha-2 code, e.g. "KZ".' })
  isoCode!: string;

  @Field(() => String, { nullable: true, description: 'The ISO 3166-1 alpha-3 code, e.g. "KAZ", cited with the alpha-2 code from the reference dataset (countries-list); null when not known.' })
  isoCode3?: string | null;
}

export const CountryConnection = ConnectionType('Country', Country, 'countries');
