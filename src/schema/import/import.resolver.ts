/**
 * `importPlan` and `importBundle`: a reviewed bundle (docs/bundle-format.md) planned and
 * imported through the API, by the same functions as `npm run import`
 * (src/import/import-into-store.ts). The plan is read-only, against the records this
 * request reads; the import needs a writer's token and writes every change or none. A
 * bundle that cannot be imported is BAD_USER_INPUT with every problem at its bundle path
 * in `extensions.problems`.
 */
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { assertCanWrite } from '../../auth/viewer';
import type { Context } from '../../context';
import { KIND_OF_TYPE } from '../../draft/draft-bundle';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { StorageFullError } from '../../errors/storage-full.error';
import { parseBundle, type Bundle } from '../../import/bundle';
import { bundleEntries } from '../../import/bundle-entry';
import { planBundle, type PlannedRecord, type RecordAction } from '../../import/import-bundle';
import { importInto } from '../../import/import-into-store';
import type { ImportProblem } from '../../import/import-problem';
import type { ImportSummary } from '../../import/import-summary';
import { storedData } from '../../import/stored-data';
import { Cost } from '../../limits/field-cost';
import type { Entity } from '../../store/contract/store';
import { ENTITY_TYPES } from '../../store/contract/records';
import { NoSpaceLeftError } from '../../store/contract/write-errors';
import { DRAFT_COST } from '../draft/draft.resolver';
import { BundleJsonScalar } from '../draft/draft.type';
import { COMMITS_ALONE } from '../mutation/entity-mutations';
import { loadNode } from '../relay/node.resolver';
import { ImportBundlePayload, ImportPlan, type ImportProblemType, type ImportRecordPlan } from './import-plan.type';
import { requestReader, requestTarget } from './request-data';

/** How many problems the message of a refused import names (all are in `extensions.problems`). */
const PROBLEMS_IN_MESSAGE = 3;

@Resolver()
export class ImportResolver {
  @Query(() => ImportPlan, {
    description:
      'What importing `bundle` would do, without writing anything: for each bundle record whether it would be created, reused or merged into (and the stored records a near match may be), and every problem that stops the import, each at its bundle path. Read-only: a bundle of the wrong shape is not an error but a plan with `importable: false`. See docs/drafting.md.',
  })
  @Cost(DRAFT_COST)
  async importPlan(@Arg('bundle', () => BundleJsonScalar, { description: 'The bundle (format 2) as a JSON object, e.g. the reviewed `draftBundle.bundle`.' }) bundle: object, @Ctx() { loaders }: Context): Promise<ImportPlan> {
    const parsed = parseBundle(bundle);
    if (!parsed.ok) return { importable: false, records: [], problems: parsed.problems.map(problemOf), created: 0, reused: 0, merged: 0 };
    const { planned, records: outcomes } = planBundle(parsed.bundle, await storedData(requestReader(loaders), parsed.bundle));
    const records = recordPlans(parsed.bundle, outcomes);
    if (planned.ok) return { importable: true, records, problems: [], ...totals(planned.plan.summary) };
    const count = (action: RecordAction) => records.filter((record) => record.action === action).length;
    return { importable: false, records, problems: planned.problems.map(problemOf), created: count('create'), reused: count('reuse'), merged: 0 };
  }

  @Mutation(() => ImportBundlePayload, {
    nullable: true,
    description: `Imports \`bundle\` as \`npm run import\` does: every record it creates, reuses or adds to, all or nothing. A bundle that cannot be imported (its shape, an unknown name, an unsettled near match, a quote not in its source, or a store refusing the write) changes nothing and is BAD_USER_INPUT with every problem in \`extensions.problems\` (\`importPlan\` shows them beforehand). ${COMMITS_ALONE}`,
  })
  @Cost(DRAFT_COST)
  async importBundle(@Arg('bundle', () => BundleJsonScalar, { description: 'The reviewed bundle (format 2) as a JSON object.' }) bundle: object, @Ctx() context: Context): Promise<ImportBundlePayload> {
    assertCanWrite(context.viewer, context.tokens);
    const parsed = parseBundle(bundle);
    if (!parsed.ok) throw notImported(parsed.problems);
    const result = await importInto(requestTarget(context), parsed.bundle).catch((error: unknown) => {
      throw error instanceof NoSpaceLeftError ? new StorageFullError() : error;
    });
    if (!result.ok) throw notImported(result.problems);
    const nodes = await Promise.all(result.records.map((record) => loadNode(context.loaders, record)));
    const records = result.records.map((record, i) => {
      const node = nodes[i];
      if (!node) throw new Error(`the imported ${record.type} ${JSON.stringify(record.slug)} is not in the data just written`);
      return { path: record.path, action: record.action, node };
    });
    const source = records.find((record) => record.path === 'source')!.node as Entity<'Source'>;
    return { records, source, ...totals(result.summary) };
  }
}

/** The plan of each bundle record, with the name the bundle gives it. */
function recordPlans(bundle: Bundle, records: readonly PlannedRecord[]): ImportRecordPlan[] {
  const inputs = new Map(bundleEntries(bundle).map((entry) => [entry.path, entry.input as { name?: string; title?: string; person?: string; office?: string }]));
  return records.map(({ type, path, slug, action, candidates }) => {
    const input = inputs.get(path)!;
    return { path, kind: KIND_OF_TYPE[type], slug, name: input.name ?? input.title ?? `${input.person}, ${input.office}`, action, candidates };
  });
}

function totals(summary: ImportSummary): { created: number; reused: number; merged: number } {
  const sum = (counts: ImportSummary['created']) => ENTITY_TYPES.reduce((total, type) => total + counts[type], 0);
  return { created: sum(summary.created), reused: sum(summary.reused), merged: sum(summary.merged) };
}

function problemOf(problem: ImportProblem): ImportProblemType {
  return { path: problem.path, message: problem.message, candidates: problem.candidates ?? [] };
}

/** BAD_USER_INPUT naming the first problems, with every one in `extensions.problems`. */
function notImported(problems: readonly ImportProblem[]): BadUserInputError {
  const lines = problems.slice(0, PROBLEMS_IN_MESSAGE).map((problem) => (problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`));
  const more = problems.length > PROBLEMS_IN_MESSAGE ? '; ...' : '';
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return new BadUserInputError(`The bundle was not imported; nothing changed (${count}): ${lines.join('; ')}${more}`, 'bundle', { problems: problems.map(problemOf) });
}
