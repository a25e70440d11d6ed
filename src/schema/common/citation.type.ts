import { Field, ObjectType } from 'type-graphql';
import { Source } from '../source/source.type';

@ObjectType({ simpleResolvers: true, description: 'The provenance of one fact: the source that states it and its words, verbatim.' })
export class Citation {
  @Field(() => Source, { description: 'The source that states the fact.' })
  source!: Source;

  @Field({ description: "The source's own words, verbatim: the text can be found exactly in the source." })
  quote!: string;

  @Field(() => Source, {
    nullable: true,
    description:
      "The source whose claim the quote relays, e.g. the foreign ministry's statement that a news article quotes: the fact is that source's account, not the article's own finding. Null when the source speaks for itself.",
  })
  attributedTo!: Source | null;
}
