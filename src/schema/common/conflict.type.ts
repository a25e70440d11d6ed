import { Field, ObjectType } from 'type-graphql';
import { Citation } from './citation.type';
import { FuzzyDate } from './fuzzy-date.type';

@ObjectType({
  simpleResolvers: true,
  description:
    "One value the sources state for a fact they disagree on, with the citations that state it. Exactly one claim of a conflict is `preferred`: the value the entity's own field shows, chosen by the documented rule (official statements over news, then more sources over fewer, then the more specific, then the first stored; docs/many-sources.md).",
})
export class Claim {
  @Field(() => String, {
    nullable: true,
    description: 'The value as the API names it: an enum value (e.g. "TALKS") for a closed vocabulary, the slug of the entity for a reference (see `node`), the label of a date; null when a source states none.',
  })
  value!: string | null;

  @Field({ description: "True for the claim the entity's field shows." })
  preferred!: boolean;

  @Field(() => [Citation], { description: 'The quotes that state this value, each with its source.' })
  citations!: Citation[];

  @Field(() => FuzzyDate, { nullable: true, description: "For a date (a meeting's `date`, a tenure's `start` or `end`): the range this claim states; null for other fields." })
  date!: unknown;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A fact the sources disagree on: every value stated, each with its citations, none dropped. No disagreement ever creates a second person, tenure or meeting; it is kept here.',
})
export class Conflict {
  @Field({ description: 'The field disputed, as the API names it: a meeting\'s "date", "kind", "location" or "format"; a participant\'s "office" or "role"; a tenure\'s "office", "start" or "end".' })
  field!: string;

  @Field(() => [Claim], { description: 'Each value stated, the preferred one first.' })
  claims!: Claim[];
}
