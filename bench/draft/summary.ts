/**
 * The figures of a drafting bench run (bench/draft.ts): per category TP/FP/FN, precision and recall
 * against the targets of issue #15, and drafting times, as an object (`--json`) and as the table
 * `npm run bench:draft` prints. Pure.
 */
import { CATEGORIES, LONG_REPORT_TARGET_MS, checkTargets, precision, recall, totalCounts, type Category, type Counts, type ReportScore } from './score';

/** One report's run: its score, how long its draft took, or the error that stopped it (scored as an empty draft). */
export interface ReportRun {
  file: string;
  words: number;
  ms: number;
  score: ReportScore;
  error?: string;
}

/** A whole run's figures. */
export interface BenchSummary {
  reports: number;
  categories: Record<Category, Counts & { precision: number; recall: number }>;
  targets: { category: Category; measure: 'precision' | 'recall'; min: number; value: number; met: boolean }[];
  time: {
    /** The first draft of the run, before any warm-up: module and model loading included. */
    coldMs: number;
    meanMs: number;
    maxMs: number;
    long: { file: string; words: number; ms: number; targetMs: number; met: boolean };
  };
  errors: { file: string; error: string }[];
  perReport: ReportRun[];
}

/** Sums up a run. `coldMs`: the first, unwarmed draft; the long report is the run's longest by words (its target is missed if its draft failed). */
export function summarize(runs: readonly ReportRun[], coldMs: number): BenchSummary {
  if (runs.length === 0) throw new Error('no report was run');
  const totals = totalCounts(runs.map((run) => run.score));
  const categories = Object.fromEntries(
    CATEGORIES.map((category) => [category, { ...totals[category], precision: precision(totals[category]), recall: recall(totals[category]) }]),
  ) as BenchSummary['categories'];
  const long = runs.reduce((longest, run) => (run.words > longest.words ? run : longest));
  const times = runs.map((run) => run.ms);
  return {
    reports: runs.length,
    categories,
    targets: checkTargets(totals),
    time: {
      coldMs,
      meanMs: times.reduce((sum, ms) => sum + ms, 0) / times.length,
      maxMs: Math.max(...times),
      long: { file: long.file, words: long.words, ms: long.ms, targetMs: LONG_REPORT_TARGET_MS, met: long.error === undefined && long.ms < LONG_REPORT_TARGET_MS },
    },
    errors: runs.flatMap((run) => (run.error === undefined ? [] : [{ file: run.file, error: run.error }])),
    perReport: [...runs],
  };
}

const LABELS: Record<Category, string> = {
  people: 'people',
  organizations: 'organizations',
  places: 'places',
  dates: 'dates (exact bounds)',
  meetings: 'meetings (kind, date, participants)',
};

/** The target text of one category's measure, e.g. "≥ 0.90 ok" or "≥ 0.80 MISSED"; empty without a target. */
function targetCell(summary: BenchSummary, category: Category, measure: 'precision' | 'recall'): string {
  const target = summary.targets.find((t) => t.category === category && t.measure === measure);
  return target ? `≥ ${target.min.toFixed(2)} ${target.met ? 'ok' : 'MISSED'}` : '';
}

/** The table of a run, with each report's misses and extras when `details`. */
export function formatSummary(summary: BenchSummary, details = false): string {
  const rows = CATEGORIES.map((category) => {
    const c = summary.categories[category];
    return [LABELS[category], String(c.tp), String(c.fp), String(c.fn), c.precision.toFixed(3), targetCell(summary, category, 'precision'), c.recall.toFixed(3), targetCell(summary, category, 'recall')];
  });
  const header = ['category', 'TP', 'FP', 'FN', 'precision', 'target', 'recall', 'target'];
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => row[index]!.length)));
  const line = (cells: string[]) => cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!))).join('  ');
  const { time } = summary;
  const out = [
    `Drafting bench: ${summary.reports} reports (bench/draft)`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    `time per report: mean ${time.meanMs.toFixed(1)} ms, max ${time.maxMs.toFixed(1)} ms (first, cold draft: ${time.coldMs.toFixed(1)} ms)`,
    `long report ${time.long.file} (${time.long.words} words): ${time.long.ms.toFixed(1)} ms, target < ${time.long.targetMs} ms ${time.long.met ? 'ok' : 'MISSED'}`,
    `targets met: ${summary.targets.filter((t) => t.met).length + (time.long.met ? 1 : 0)} of ${summary.targets.length + 1}`,
  ];
  for (const { file, error } of summary.errors) out.push(`error in ${file} (scored as an empty draft): ${error}`);
  if (details) {
    for (const run of summary.perReport) {
      const notes = CATEGORIES.flatMap((category) => [
        ...run.score[category].missed.map((item) => `  missed ${category}: ${item}`),
        ...run.score[category].extra.map((item) => `  extra ${category}: ${item}`),
      ]);
      out.push('', `${run.file} (${run.words} words, ${run.ms.toFixed(1)} ms)${notes.length === 0 ? ': all as expected' : ''}`, ...notes);
    }
  }
  return out.join('\n');
}
