/**
 * Builds the create, update and delete mutations of one entity type from a list of its
 * input fields: `createTopic(input: CreateTopicInput!)`, `updateTopic(id, input:
 * UpdateTopicInput!)`, `deleteTopic(id)`. Every one needs a writer's bearer token; the
 * store validates with the same rules as loading, and its problems come back as
 * BAD_USER_INPUT with the input path of each invalid field.
 *
 * Every payload is nullable, as GitHub's API has it: the fields of one mutation operation
 * run in order, each its own transaction, so a field that fails answers null with its error
 * (`path: ["b"]`) while the fields before and after it keep their results.
 */
import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Resolver, type ClassType } from 'type-graphql';
import { assertCanWrite } from '../../auth/viewer';
import type { Context } from '../../context';
import { BadUserInputError, type InvalidField } from '../../errors/bad-user-input.error';
import { NotFoundError } from '../../errors/not-found.error';
import { StorageFullError } from '../../errors/storage-full.error';
import type { EntityType, RecordOf } from '../../store/contract/records';
import type { ChangeRequest } from '../../store/contract/store';
import type { FieldProblem } from '../../store/contract/validate';
import { EntityNotFoundError, NoSpaceLeftError, WriteRejectedError } from '../../store/contract/write-errors';
import { readReference, resolveReferences } from '../common/entity-reference';
import { toGlobalId } from '../relay/global-id';
import { loadNode } from '../relay/node.resolver';
import { oversizedLists } from './input-lists';
import { inputPath, recordOfInput } from './input-to-record';

/** One field of an entity's create and update inputs. */
export interface InputFieldSpec {
  name: string;
  /**
   * The field's GraphQL type, as type-graphql's `@Field` takes it. The fields come from this
   * list, not from a class body, so `Field(...)` is applied as the function a decorator is.
   */
  type: NonNullable<Parameters<typeof Field>[0]>;
  description: string;
  /** Required when creating (all fields are optional when updating). */
  required?: boolean;
  /** Only when creating: fixed afterwards. */
  createOnly?: boolean;
}

export interface EntityMutationsSpec<T extends EntityType> {
  type: T;
  nodeClass: ClassType;
  /** The noun in descriptions, e.g. "topic". */
  noun: string;
  fields: InputFieldSpec[];
  /** The slug to give a new record when the input names none. */
  slugFrom(record: Partial<RecordOf[T]>): string;
}

/** What every mutation's description says of tokens and of several mutations in one operation. */
export const COMMITS_ALONE =
  "Needs a writer's bearer token. Commits on its own: the mutation fields of one operation run in order, each its own write, " +
  'so when this one fails it answers null with its error (see `errors[].path`), undoing none of the fields before it and stopping none after it.';

/** The resolver class holding the three mutations of `spec.type`. */
export function EntityMutations<T extends EntityType>(spec: EntityMutationsSpec<T>): ClassType {
  const { type, noun } = spec;
  const field = type.charAt(0).toLowerCase() + type.slice(1);

  @InputType(`Create${type}Input`, { description: `A new ${noun}. References take a global id or a slug (countries also an ISO code); a slug is derived from the name when omitted.` })
  class CreateInput {}
  @InputType(`Update${type}Input`, { description: `Changes to a ${noun}: only the fields given change; null clears an optional field. The slug never changes.` })
  class UpdateInput {}
  Field(() => String, { nullable: true, description: `A slug for the new ${noun} (lower-case words joined by "-"); derived from its name when omitted. Fixed once created.` })(CreateInput.prototype, 'slug');
  for (const input of spec.fields) {
    Field(input.type, { nullable: !input.required, description: input.description })(CreateInput.prototype, input.name);
    if (!input.createOnly) Field(input.type, { nullable: true, description: input.description })(UpdateInput.prototype, input.name);
  }

  @ObjectType(`Create${type}Payload`, { simpleResolvers: true, description: `The result of create${type}.` })
  class CreatePayload {}
  @ObjectType(`Update${type}Payload`, { simpleResolvers: true, description: `The result of update${type}.` })
  class UpdatePayload {}
  for (const Payload of [CreatePayload, UpdatePayload]) {
    Field(() => spec.nodeClass, { description: `The ${noun} as it now is.` })(Payload.prototype, field);
  }
  @ObjectType(`Delete${type}Payload`, { simpleResolvers: true, description: `The result of delete${type}.` })
  class DeletePayload {
    @Field(() => ID, { description: `The global id the deleted ${noun} had.` })
    deletedId!: string;
  }

  @Resolver()
  class Mutations {
    @Mutation(() => CreatePayload, { name: `create${type}`, nullable: true, description: `Creates a ${noun}. ${COMMITS_ALONE}` })
    async create(@Arg('input', () => CreateInput, { description: `The new ${noun}.` }) input: object, @Ctx() context: Context): Promise<object> {
      assertCanWrite(context.viewer, context.tokens);
      assertListsWithinBounds(input);
      const problems: FieldProblem[] = [];
      const { slug, text, ...fields } = input as { slug?: string | null; text?: string | null };
      const record = await recordOfInput(context.loaders, fields, type, problems);
      record.slug = slug ?? spec.slugFrom(record as Partial<RecordOf[T]>);
      if (problems.length > 0) throw invalidInput(problems);
      const derived = slug == null;
      const [event] = await write(context, [{ operation: 'create', type, record, ...(typeof text === 'string' ? { text } : {}) }], 'input', (problem, all) =>
        // An empty derived slug only repeats a bad name's problem; alone, it means the name has no letters a slug can use.
        derived && record.slug === '' && problem.field === 'slug'
          ? all.length > 1
            ? null
            : { field: 'slug', message: `cannot be derived from the name ${JSON.stringify(record.name ?? record.title)}: give a slug` }
          : problem,
      );
      return { [field]: await loadNode(context.loaders, { type, slug: event!.slug }) };
    }

    @Mutation(() => UpdatePayload, { name: `update${type}`, nullable: true, description: `Changes a ${noun}. ${COMMITS_ALONE}` })
    async update(
      // Declared after `id` in the schema: type-graphql registers parameters last to first.
      @Arg('input', () => UpdateInput, { description: 'The fields to change.' }) input: object,
      @Arg('id', () => ID, { description: `The ${noun}'s global id or slug.` }) id: string,
      @Ctx() context: Context,
    ): Promise<object> {
      assertCanWrite(context.viewer, context.tokens);
      assertListsWithinBounds(input);
      const slug = await slugOfId(context, id, type);
      const problems: FieldProblem[] = [];
      const patch = await recordOfInput(context.loaders, input, type, problems);
      if (problems.length > 0) throw invalidInput(problems);
      if (Object.keys(patch).length > 0) await write(context, [{ operation: 'update', type, slug, patch }], 'input', undefined, id);
      const entity = await loadNode(context.loaders, { type, slug });
      if (!entity) throw notFound(type, id);
      return { [field]: entity };
    }

    @Mutation(() => DeletePayload, {
      name: `delete${type}`,
      nullable: true,
      description: `Deletes a ${noun}. Refused, changing nothing, while other records refer to it. ${COMMITS_ALONE}`,
    })
    async delete(@Arg('id', () => ID, { description: `The ${noun}'s global id or slug.` }) id: string, @Ctx() context: Context): Promise<DeletePayload> {
      assertCanWrite(context.viewer, context.tokens);
      const slug = await slugOfId(context, id, type);
      await write(context, [{ operation: 'delete', type, slug }], 'id', undefined, id);
      return { deletedId: toGlobalId(type, slug) };
    }
  }
  return Mutations;
}

type ProblemFilter = (problem: FieldProblem, all: readonly FieldProblem[]) => FieldProblem | null;

/**
 * Writes through the context, turning the store's refusals into GraphQL errors with
 * codes; `root` is the argument the problems' paths start from, `id` the value the client
 * named the changed entity by.
 */
async function write(context: Context, changes: ChangeRequest[], root = 'input', filter?: ProblemFilter, id?: string) {
  try {
    return await context.write(changes);
  } catch (error) {
    if (error instanceof EntityNotFoundError) throw notFound(error.type, id ?? toGlobalId(error.type, error.slug));
    if (error instanceof NoSpaceLeftError) throw new StorageFullError();
    if (error instanceof WriteRejectedError) {
      const problems = filter ? error.problems.map((problem) => filter(problem, error.problems)).filter((problem) => problem !== null) : error.problems;
      const referencedBy = error.referencedBy.map((ref) => toGlobalId(ref.type, ref.slug));
      throw invalidInput(problems, referencedBy.length > 0 ? [...new Set(referencedBy)] : undefined, root);
    }
    throw error;
  }
}

function invalidInput(problems: readonly FieldProblem[], referencedBy?: string[], root = 'input'): BadUserInputError {
  return inputError(
    problems.map((problem) => ({ path: inputPath(problem.field, root), message: problem.message })),
    referencedBy,
  );
}

/** Refuses an input whose lists hold more items than their maxima, before anything is loaded. */
function assertListsWithinBounds(input: object): void {
  const problems = oversizedLists(input);
  if (problems.length > 0) throw inputError(problems.map((problem) => ({ path: `input.${problem.field}`, message: problem.message })));
}

/** BAD_USER_INPUT naming the first problem, with every one in `extensions.fields`. */
function inputError(fields: InvalidField[], referencedBy?: string[]): BadUserInputError {
  const [first] = fields;
  const more = fields.length > 1 ? ` (and ${fields.length - 1} more problem${fields.length > 2 ? 's' : ''}: see extensions.fields)` : '';
  return new BadUserInputError(`${first!.path}: ${first!.message}${more}`, undefined, { fields, ...(referencedBy ? { referencedBy } : {}) });
}

function notFound(type: EntityType, given: string): NotFoundError {
  return new NotFoundError(`No ${type} has the id or slug ${JSON.stringify(given.slice(0, 200))}.`, 'id');
}

/** The slug of the entity an `id` argument names (a global id or a slug; a country also an ISO code). */
async function slugOfId({ loaders }: Context, id: string, type: EntityType): Promise<string> {
  const reference = readReference(id, type);
  if ('problem' in reference) throw new BadUserInputError(`"id": ${reference.problem}.`, 'id');
  const [slug] = await resolveReferences(loaders, [reference]);
  if (slug == null) throw notFound(type, id);
  return slug;
}

