/**
 * `npm run bench:draft`: how well and how fast the drafting (src/draft/draft-bundle.ts) reads the
 * labelled set of bench/draft: drafts every report against the shipped data (data/), scores each
 * draft (bench/draft/score.ts, rules in bench/draft/README.md) and prints per category TP/FP/FN,
 * precision and recall against the targets of issue #15, the time per report and the time of the
 * ~1,000-word report.
 *
 *   npm run bench:draft [-- --json] [-- --details] [-- --only 05]
 *
 * `--json`: the figures as JSON (bench/draft/summary.ts's BenchSummary); `--details`: each report's
 * missed and extra items; `--only NN`: the reports whose file names start with NN. Every report is
 * drafted once untimed first (warm-up), then timed. It measures: the exit code is 0 whatever the
 * figures, and a draft that throws is reported and scored as an empty one.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { draftBundle } from '../src/draft/draft-bundle';
import { loadDataset } from '../src/store/json/load-dataset';
import { loadLabelledSet } from './draft/labelled-set';
import { scoreDraft, type DraftedBundle } from './draft/score';
import { formatSummary, summarize, type ReportRun } from './draft/summary';

/** The repository root: this file runs as dist/bench/draft.js. */
const ROOT = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      details: { type: 'boolean', default: false },
      only: { type: 'string' },
    },
  });
  const dataset = await loadDataset(path.join(ROOT, 'data'));
  const storedPeople = dataset.Person.map((person) => ({ slug: person.slug, name: person.name }));
  const set = loadLabelledSet(path.join(ROOT, 'bench', 'draft')).filter((item) => values.only === undefined || item.file.startsWith(values.only));
  if (set.length === 0) {
    console.error(`no report matches --only ${values.only}`);
    return;
  }

  const draft = (item: (typeof set)[number]): { bundle: DraftedBundle; ms: number; error?: string } => {
    const started = performance.now();
    try {
      const result = draftBundle({ text: item.text, publishedOn: item.report.publishedOn, title: item.title }, dataset);
      return { bundle: result.bundle, ms: performance.now() - started };
    } catch (error) {
      return { bundle: {}, ms: performance.now() - started, error: error instanceof Error ? error.message : String(error) };
    }
  };

  // The first draft pays for loading modules and models: timed on its own, then everything warmed up.
  const coldMs = draft(set[0]!).ms;
  for (const item of set.slice(1)) draft(item);
  const runs: ReportRun[] = set.map((item) => {
    const { bundle, ms, error } = draft(item);
    return { file: item.file, words: item.words, ms, score: scoreDraft(bundle, item.report, storedPeople), ...(error === undefined ? {} : { error }) };
  });

  const summary = summarize(runs, coldMs);
  console.log(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary, values.details));
}

main().catch((error: unknown) => {
  // It measures: a failure to run is reported, not turned into a failing exit code.
  console.error('bench:draft could not run:', error instanceof Error ? error.message : error);
});
