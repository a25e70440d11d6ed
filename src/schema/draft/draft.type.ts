/** The types of the `draftBundle` query: a bundle draft, its proposals, their spans and candidates; the `BundleJSON` scalar, also the input of `importPlan` and `importBundle`. */
import { GraphQLError, GraphQLScalarType, Kind, valueFromASTUntyped, type ValueNode } from 'graphql';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { describedEnum } from '../common/enums';
import type { ProposalKind } from '../../draft/draft-bundle';

/** `BundleJSON`: an import bundle as a JSON object, in the format of docs/bundle-format.md. */
export const BundleJsonScalar = new GraphQLScalarType<object, object>({
  name: 'BundleJSON',
  description:
    'An import bundle (format 2) as a JSON object, exactly as `npm run import` reads it (docs/bundle-format.md): the source with its full text, then countries, places, organizations, people, offices, tenures, topics and meetings, each record citing verbatim quotes of the text. `draftBundle` answers with one; `importPlan` and `importBundle` take one (best as a variable), and report what is wrong inside it as problems at bundle paths. A value that is not a JSON object (null, an array, a string, a number) is refused before execution.',
  serialize: (value) => {
    if (value !== null && typeof value === 'object') return value;
    throw new GraphQLError('BundleJSON cannot represent a value that is not an object.');
  },
  parseValue: (value) => jsonObject(value),
  parseLiteral: (ast, variables) => {
    // Validation reads literals without variables (undefined); graphql-jit, once per document, with none ({}): a variable
    // without a value at execution is refused, not dropped.
    const unset = variables && variablesIn(ast).find((name) => variables[name] === undefined);
    if (unset !== undefined) throw new GraphQLError(`BundleJSON written in the query cannot use the variable $${unset}: pass the whole bundle as one variable`);
    return jsonObject(valueFromASTUntyped(ast, variables));
  },
});

function variablesIn(ast: ValueNode): string[] {
  if (ast.kind === Kind.VARIABLE) return [ast.name.value];
  if (ast.kind === Kind.LIST) return ast.values.flatMap(variablesIn);
  if (ast.kind === Kind.OBJECT) return ast.fields.flatMap((field) => variablesIn(field.value));
  return [];
}

function jsonObject(value: unknown): object {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  throw new GraphQLError('BundleJSON must be a JSON object');
}

export const DraftProposalKind = describedEnum<ProposalKind>('DraftProposalKind', 'What a proposal of a draft proposes: the entity type of its bundle record.', {
  SOURCE: 'The report itself (`bundle.source`).',
  COUNTRY: 'A country the report names (`bundle.countries`).',
  PLACE: 'A city or other place the report names (`bundle.places`).',
  ORGANIZATION: 'A ministry, government office, international organization or diplomatic format (`bundle.organizations`).',
  PERSON: 'A named person (`bundle.people`).',
  OFFICE: 'An office the report gives a person, e.g. "Secretary of State" of the United States (`bundle.offices`).',
  TENURE: 'A person holding an office (`bundle.tenures`).',
  TOPIC: 'A stored topic the report names (`bundle.topics`).',
  MEETING: 'A meeting, visit, call or summit the report states (`bundle.meetings`).',
});

@ObjectType({ description: 'A stretch of the drafted text: `quote` is the text from `start` to `end`.' })
export class DraftSpan {
  @Field(() => Int, { description: 'Offset of its first character in the text, in UTF-16 code units (as JavaScript string indices).' })
  start!: number;

  @Field(() => Int, { description: 'Offset just past its last character, in UTF-16 code units.' })
  end!: number;

  @Field({ description: 'The words of the text, verbatim.' })
  quote!: string;
}

@ObjectType({ description: 'A stored record that a proposed item is or may be, with how alike they are.' })
export class DraftCandidate {
  @Field({ description: 'The stored record\'s slug: what `sameAs` or `distinctFrom` names to settle the match.' })
  slug!: string;

  @Field({ description: 'Its name or title.' })
  name!: string;

  @Field(() => Float, { description: 'From 0 to 1: 1 for the record the import reuses (the same name, alias, title or event); below 1 a near name or a possible event (docs/many-sources.md).' })
  score!: number;

  @Field(() => [String], { description: 'What the score rests on, e.g. "name \\"Mukhtar Tleuberdi\\" is near \\"Mukhtar Tileuberdi\\"".' })
  reasons!: string[];
}

@ObjectType({ description: 'One item of a draft for a reviewer to accept, correct or reject: its bundle record, the words that state it, and the stored records it is or may be.' })
export class DraftProposal {
  @Field(() => DraftProposalKind, { description: 'What it proposes.' })
  kind!: ProposalKind;

  @Field({ description: 'The path of its record in `bundle`, e.g. `people[0]` or `meetings[2]`.' })
  path!: string;

  @Field(() => DraftSpan, { description: 'The words of the text that state it (its first mention; a meeting\'s sentence).' })
  span!: DraftSpan;

  @Field(() => [DraftCandidate], { description: 'Stored records it is or may be, best first; empty for a new record.' })
  candidates!: DraftCandidate[];

  @Field(() => String, {
    nullable: true,
    description:
      'The slug of the stored record it is, preselected when the match is certain (its record then says `sameAs`). Null for a new record, and for a near match (score below 1) left for the reviewer: the import stops on it until the record says `sameAs` or `distinctFrom`.',
  })
  chosen!: string | null;
}

@ObjectType({ description: 'A bundle drafted from a report\'s text, and a proposal per item: nothing is written until the reviewed bundle is imported.' })
export class BundleDraft {
  @Field(() => BundleJsonScalar, { description: 'The draft as an import bundle (format 2), each record cited by verbatim quotes of the text.' })
  bundle!: object;

  @Field(() => [DraftProposal], { description: 'One proposal per record of `bundle`, in bundle order.' })
  proposals!: DraftProposal[];
}
