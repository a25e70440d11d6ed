/**
 * Reads the drafting bench's labelled set: each report of bench/draft/reports with its expected
 * file of bench/draft/expected (same name, `.json`), checked by `parseExpectedReport`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseExpectedReport, type ExpectedReport } from './score';

/** One report of the set: its file name, full text (headline first), headline and what is expected of its draft. */
export interface LabelledReport {
  file: string;
  text: string;
  title: string;
  words: number;
  report: ExpectedReport;
}

/** The report files (`NN-slug.txt`) of `directory`/reports, in order, each with its expected file; throws on a missing or invalid one. */
export function loadLabelledSet(directory: string): LabelledReport[] {
  const reports = readdirSync(path.join(directory, 'reports'))
    .filter((file) => file.endsWith('.txt'))
    .sort();
  return reports.map((file) => {
    const text = readFileSync(path.join(directory, 'reports', file), 'utf8');
    const expectedFile = path.join(directory, 'expected', file.replace(/\.txt$/, '.json'));
    const report = parseExpectedReport(JSON.parse(readFileSync(expectedFile, 'utf8')) as unknown, path.relative(directory, expectedFile));
    return { file, text, title: text.split('\n')[0]!.trim(), words: countWords(text), report };
  });
}

/** Words of a text: runs of non-space characters. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
