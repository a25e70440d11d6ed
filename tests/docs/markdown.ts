/**
 * Reads the documentation (README.md and docs/*.md) into what its tests check: fenced
 * code blocks with their kind and marker, headings as GitHub anchors, and relative links.
 * The conventions it reads are described in docs/testing.md ("Examples in the docs").
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** Every page of the documentation, relative to the root: README.md, then docs/*.md by name. */
export const DOC_PAGES: string[] = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => `docs/${file}`),
];

/**
 * What a fence's info string says the block is. `graphql`, `sh` and `json` are examples
 * the tests run or compare; `ts` is code the tests cannot run standalone (it must name the
 * test that covers it); `jsonc`, `text` and `mermaid` are shapes, output and diagrams.
 */
export const BLOCK_KINDS = ['graphql', 'json', 'sh', 'ts', 'jsonc', 'text', 'mermaid'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** One fenced code block of a page. */
export interface CodeBlock {
  page: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The first word of the info string ('' when there is none). */
  kind: string;
  text: string;
  /**
   * The test file named by a `<!-- doc-test: skip, covered by tests/….test.ts -->` comment
   * on the line before the fence: the block is not run here, that test covers what it shows.
   */
  coveredBy: string | null;
  /** True when only blank lines separate this block from the previous one. */
  followsPrevious: boolean;
}

const SKIP_MARKER = /^<!--\s*doc-test:\s*skip,\s*covered by\s+(\S+)\s*-->$/;

/** The text of a page. */
export function readPage(page: string): string {
  return readFileSync(path.join(ROOT, page), 'utf8');
}

/** The fenced code blocks of a page, in order. */
export function codeBlocks(page: string): CodeBlock[] {
  const lines = readPage(page).split('\n');
  const blocks: CodeBlock[] = [];
  let lastEnd = -2;
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const start = i;
    let end = i + 1;
    while (end < lines.length && lines[end]!.trim() !== fence) end++;
    const between = lines.slice(lastEnd + 1, start);
    const marker = SKIP_MARKER.exec(lines[start - 1]?.trim() ?? '');
    blocks.push({
      page,
      line: start + 1,
      kind: open[2]!.trim().split(/\s+/)[0] ?? '',
      text: lines.slice(start + 1, end).join('\n') + '\n',
      coveredBy: marker ? marker[1]! : null,
      followsPrevious: lastEnd >= 0 && between.every((line) => line.trim() === ''),
    });
    lastEnd = end;
    i = end;
  }
  return blocks;
}

const SERVER_ENV_MARKER = /^<!--\s*doc-test:\s*server env\s+(.+?)\s*-->$/;

/**
 * The settings of the server a page's examples run against, from a
 * `<!-- doc-test: server env NAME=value ... -->` line (a page about FEDERATION=1, say).
 */
export function pageServerEnv(page: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { text } of proseLines(page)) {
    const marker = SERVER_ENV_MARKER.exec(text.trim());
    for (const pair of marker ? marker[1]!.split(/\s+/) : []) {
      const [name, value] = pair.split('=') as [string, string | undefined];
      if (value === undefined) throw new Error(`${page}: "${pair}" in a server env marker is not NAME=value`);
      env[name] = value;
    }
  }
  return env;
}

/** A page's lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(page: string): { line: number; text: string }[] {
  const result: { line: number; text: string }[] = [];
  let fence: string | null = null;
  readPage(page)
    .split('\n')
    .forEach((text, index) => {
      const open = /^(`{3,})/.exec(text);
      if (fence === null && open) fence = open[1]!;
      else if (fence !== null && text.trim() === fence) fence = null;
      else if (fence === null) result.push({ line: index + 1, text });
    });
  return result;
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a page's headings, numbered as GitHub numbers repeated ones (`x`, `x-1`). */
export function anchors(page: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const { text } of proseLines(page)) {
    const heading = /^#{1,6}\s+(.*)$/.exec(text);
    if (!heading) continue;
    const base = headingAnchor(heading[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** One relative link of a page: `[text](target)` outside code. */
export interface Link {
  page: string;
  line: number;
  target: string;
}

/** The links of a page that point into the repository (not `http:`, `https:` or `mailto:`). */
export function relativeLinks(page: string): Link[] {
  const links: Link[] = [];
  for (const { line, text } of proseLines(page)) {
    const withoutCode = text.replace(/`[^`]*`/g, '');
    for (const match of withoutCode.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1]!;
      if (!/^(https?:|mailto:)/.test(target)) links.push({ page, line, target });
    }
  }
  return links;
}

/** One command of a `sh` block and the output shown under it (its `# ` lines). */
export interface ShellStep {
  command: string;
  /** The lines shown as its output, or null when the block shows none (only its success is checked). */
  output: string[] | null;
}

/**
 * The steps of a `sh` block: each command (with `\` continuation lines), then the comment
 * lines directly under it, which show what it prints (`# ` taken off).
 */
export function shellSteps(text: string): ShellStep[] {
  const steps: ShellStep[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const step = steps.at(-1);
      if (!step) throw new Error(`a sh block starts with a comment line, which would be taken as output: ${line}`);
      (step.output ??= []).push(line.replace(/^# ?/, ''));
      continue;
    }
    let command = line;
    while (command.endsWith('\\') && i + 1 < lines.length) command += '\n' + lines[++i]!;
    steps.push({ command, output: null });
  }
  return steps;
}
