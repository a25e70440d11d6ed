/**
 * The documentation's shape: a README a newcomer reads in minutes, links that lead
 * somewhere, and code blocks whose kind says how they are checked (docs/testing.md).
 * Running the examples is tests/http/doc-examples.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';
import { anchors, BLOCK_KINDS, codeBlocks, DOC_PAGES, readPage, relativeLinks, ROOT } from './markdown';

const QUERIES_DIR = path.join(ROOT, 'docs/queries');
const allBlocks = DOC_PAGES.flatMap(codeBlocks);
const where = (block: { page: string; line: number }) => `${block.page}:${block.line}`;

describe('the README', () => {
  test('is under 300 lines', () => {
    expect(readPage('README.md').split('\n').length).toBeLessThan(300);
  });

  test('links every page of docs/', () => {
    const linked = new Set(relativeLinks('README.md').map((link) => path.normalize(link.target.split('#')[0]!)));
    const pages = DOC_PAGES.filter((page) => page !== 'README.md');
    expect(pages.filter((page) => !linked.has(path.normalize(page)))).toEqual([]);
  });
});

describe('links', () => {
  const links = DOC_PAGES.flatMap(relativeLinks);

  test('there are some to check', () => {
    expect(links.length).toBeGreaterThan(20);
  });

  test('every relative link names a file or folder that exists, and a heading of it when it has an anchor', () => {
    const broken = links.flatMap((link) => {
      const [file, anchor] = link.target.split('#') as [string, string | undefined];
      const target = file === '' ? link.page : path.normalize(path.join(path.dirname(link.page), file));
      if (!existsSync(path.join(ROOT, target))) return [`${where(link)}: ${link.target}: no such file`];
      if (anchor !== undefined && (!target.endsWith('.md') || !anchors(target).has(anchor))) {
        return [`${where(link)}: ${link.target}: no heading with this anchor in ${target}`];
      }
      return [];
    });
    expect(broken).toEqual([]);
  });
});

describe('code blocks', () => {
  test('open at the start of a line, where the tests find them (not indented under a list item)', () => {
    const indented = DOC_PAGES.flatMap((page) =>
      readPage(page)
        .split('\n')
        .flatMap((line, index) => (/^\s+```/.test(line) ? [`${page}:${index + 1}`] : [])),
    );
    expect(indented).toEqual([]);
  });

  test('each says what it is: a kind the tests know', () => {
    const unknown = allBlocks.filter((block) => !(BLOCK_KINDS as readonly string[]).includes(block.kind));
    expect(unknown.map((block) => `${where(block)}: "${block.kind}"`)).toEqual([]);
  });

  test('TypeScript, which the tests do not run standalone, names the test that covers it', () => {
    const uncovered = allBlocks.filter((block) => block.kind === 'ts' && block.coveredBy === null);
    expect(uncovered.map(where)).toEqual([]);
  });

  test('a block not run here names a test file that exists', () => {
    const missing = allBlocks.filter((block) => block.coveredBy !== null && !(/^tests\/.+\.test\.ts$/.test(block.coveredBy) && existsSync(path.join(ROOT, block.coveredBy))));
    expect(missing.map((block) => `${where(block)}: ${block.coveredBy}`)).toEqual([]);
  });

  test('every graphql block parses, and every json block is JSON', () => {
    const bad = allBlocks.flatMap((block) => {
      try {
        if (block.kind === 'graphql') parse(block.text);
        if (block.kind === 'json') JSON.parse(block.text);
        return [];
      } catch (error) {
        return [`${where(block)}: ${(error as Error).message}`];
      }
    });
    expect(bad).toEqual([]);
  });

  test('a query named like a file of docs/queries (an IDE tab) is that file, word for word', () => {
    const files = new Map(
      readdirSync(QUERIES_DIR)
        .filter((file) => file.endsWith('.graphql'))
        .map((file) => {
          const text = readFileSync(path.join(QUERIES_DIR, file), 'utf8');
          return [/^(?:query|mutation)\s+(\w+)/m.exec(text)![1]!, text] as const;
        }),
    );
    const differing = allBlocks.filter((block) => {
      if (block.kind !== 'graphql') return false;
      const operation = parse(block.text).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
      const name = operation && 'name' in operation ? operation.name?.value : undefined;
      return name !== undefined && files.has(name) && files.get(name) !== block.text;
    });
    expect(differing.map(where)).toEqual([]);
  });
});
