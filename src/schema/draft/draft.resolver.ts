/**
 * `draftBundle`: drafts an import bundle from a report's text (src/draft/draft-bundle.ts),
 * resolved against the records this request reads. Read-only: importing the reviewed
 * draft is a separate, authorized step (`importBundle`, src/schema/import). Input that
 * cannot be drafted (empty, over MAX_DRAFT_TEXT_BYTES, binary, a bad date or URL) is
 * BAD_USER_INPUT with the reason's `draftCode`.
 */
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context';
import { draftBundle, DraftInputError, MAX_DRAFT_TEXT_BYTES, type DraftResult } from '../../draft/draft-bundle';
import { BadUserInputError } from '../../errors/bad-user-input.error';
import { storedData } from '../../import/stored-data';
import { Cost } from '../../limits/field-cost';
import { DateScalar } from '../common/date.scalar';
import { requestReader } from '../import/request-data';
import { BundleDraft } from './draft.type';

/**
 * What a draft costs in the query cost model: reading a report and comparing its names
 * with every stored one is work of the order of a large page of entities, so the limit
 * (MAX_QUERY_COST, 20,000 by default) admits a few drafts per request, not dozens.
 */
export const DRAFT_COST = 2_000;

@Resolver()
export class DraftResolver {
  @Query(() => BundleDraft, {
    description: `Drafts an import bundle (format 2) from a report's text, without writing anything: the source, and the people (with the offices and countries the text gives them), organizations, places, countries, topics and meetings it states, each with the verbatim span of the text that states it, and the stored records each one is (preselected) or may be (near names, possible events: left for the reviewer). Once every near match is settled with \`sameAs\` or \`distinctFrom\`, the bundle imports with \`importBundle\` (\`importPlan\` shows what it would do) or \`npm run import\`. The text is at most ${MAX_DRAFT_TEXT_BYTES} bytes of UTF-8 (100 KiB); an empty, binary or larger text, or a date that is not a day, is BAD_USER_INPUT with \`extensions.draftCode\`. See docs/drafting.md.`,
  })
  @Cost(DRAFT_COST)
  async draftBundle(
    @Arg('text', { description: "The report's full text, as plain text (UTF-8). Its first line is the default title." }) text: string,
    @Ctx() { loaders }: Context,
    @Arg('publishedOn', () => DateScalar, { nullable: true, description: 'The publication date: relative dates ("on Tuesday", "last week") are read against it. Without it they are not read.' })
    publishedOn?: string | null,
    @Arg('title', () => String, { nullable: true, description: "The report's title; default: its first line." }) title?: string | null,
    @Arg('publisher', () => String, { nullable: true, description: 'The outlet that published it, e.g. "UrduPoint News": proposed as an organization.' }) publisher?: string | null,
    @Arg('url', () => String, { nullable: true, description: "The report's address (http or https): a stored source with this URL is the same source." }) url?: string | null,
  ): Promise<DraftResult> {
    const input = { text, publishedOn: publishedOn ?? null, ...(title != null ? { title } : {}), ...(publisher != null ? { publisher } : {}), ...(url != null ? { url } : {}) };
    try {
      return draftBundle(input, await storedData(requestReader(loaders)));
    } catch (error) {
      if (error instanceof DraftInputError) throw new BadUserInputError(error.message, error.field, { draftCode: error.code });
      throw error;
    }
  }
}
