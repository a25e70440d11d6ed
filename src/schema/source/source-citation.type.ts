import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../relay/connection.type';
import { Node } from '../relay/node.type';
import { Source } from './source.type';

@ObjectType({ simpleResolvers: true, description: 'One fact a source supports: the entity (and the part of it) that cites the source, with the quote.' })
export class SourceCitation {
  @Field(() => Node, { description: 'The entity whose citation it is: a meeting, a person, an office, a tenure, an organization, or (citing a reference dataset) a country or a place.' })
  entity!: Node;

  @Field(() => String, {
    nullable: true,
    description:
      'The part of the entity the quote supports, as a path of its record: "participants.0" (its first participant), "topics.1", "outcomes.0"; null when the quote supports the entity itself.',
  })
  field!: string | null;

  @Field({ description: "The source's words, verbatim." })
  quote!: string;

  @Field(() => Source, { nullable: true, description: 'The source whose claim the quote relays (e.g. the ministry statement the article quotes); null when the source speaks for itself.' })
  attributedTo!: Source | null;
}

export const SourceCitationConnection = ConnectionType('SourceCitation', SourceCitation, 'citations');
