import { Field, ObjectType } from 'type-graphql';
import { Source } from '../source/source.type';

@ObjectType({ simpleResolvers: true, description: 'The provenance of one fact: the source that states it and its words, verbatim.' })
export class Citation {
  @Field(() => Source, { description: 'The source that states the fact.' })
  source!: Source;

  @Field({ description: "The source's own words, verbatim: the text can be found exactly in the source." })
  quote!: string;
}
