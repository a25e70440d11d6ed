/**
 * The import rules of .dependency-cruiser.cjs hold for src/, scripts/, bench/, tools/ and web/ (no import
 * circle; each store folder imports only in its allowed directions), and the rules do catch
 * what they forbid. The cruise runs the CLI, as `npm run lint:deps` does.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { validationRules } from '../../src/store/json/load-dataset';

const ROOT = path.resolve(__dirname, '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
  cycle?: { name: string }[];
}

/** The violations dependency-cruiser reports for `paths`, cruised from `cwd` with the project's rules. */
function cruise(cwd: string, paths: string[]): Promise<Violation[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [DEPCRUISE, ...paths, '--config', CONFIG, '--output-type', 'json'], { cwd, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      // The CLI exits non-zero when it finds violations; the JSON on stdout lists them.
      try {
        resolve((JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations);
      } catch {
        reject(new Error(`dependency-cruiser gave no report: ${error?.message ?? ''}\n${stderr}`));
      }
    });
  });
}

/** One line per violation, readable in a failing test's diff. */
function formatViolation(violation: Violation): string {
  const cycle = violation.cycle?.length ? ` (${[violation.from, ...violation.cycle.map((step) => step.name)].join(' → ')})` : '';
  return `${violation.rule.name}: ${violation.from} → ${violation.to}${cycle}`;
}

describe('import rules', () => {
  test('src, scripts, bench, tools and web have no import circle and no forbidden import between store folders', async () => {
    const violations = await cruise(ROOT, ['src', 'scripts', 'bench', 'tools', 'web']);
    expect(violations.map(formatViolation)).toEqual([]);
  }, 120_000);

  test('the rules report a circle, a store importing another store, and the contract or outside code importing internals', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'entente-structure-'));
    try {
      const files: Record<string, string> = {
        'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }),
        // A circle, and the PostgreSQL store importing the JSON store's journal.
        'src/store/postgres/find.ts': "import { line } from '../json/journal';\nexport const find = () => line;\n",
        'src/store/json/journal.ts': "import type { find } from '../postgres/find';\nexport const line = 1;\nexport type Find = typeof find;\n",
        // The contract importing the memory engine, which imports the JSON store.
        'src/store/contract/store.ts': "import { Table } from '../memory/table';\nexport const store = Table;\n",
        'src/store/memory/table.ts': "import { line } from '../json/journal';\nexport class Table { line = line; }\n",
        // Key helpers importing the engine; outside code importing the key helpers and a test.
        'src/store/keys/compare.ts': "import { Table } from '../memory/table';\nexport const compare = Table;\n",
        'src/schema/list.ts': "import { compare } from '../store/keys/compare';\nimport { helper } from '../../tests/helper';\nexport const list = [compare, helper];\n",
        'tests/helper.ts': 'export const helper = 1;\n',
      };
      for (const [file, text] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
        await writeFile(path.join(dir, file), text);
      }
      const violations = await cruise(dir, ['src']);
      expect(new Set(violations.map((violation) => violation.rule.name))).toEqual(
        new Set([
          'no-circular',
          'postgres-store-imports-not-json',
          'json-store-imports-not-postgres',
          'contract-imports-no-store',
          'memory-engine-imports-no-store',
          'keys-import-only-the-contract',
          'store-internals-stay-inside',
          'src-imports-no-tests-or-bench',
        ]),
      );
      expect(violations.map(formatViolation)).toContain('postgres-store-imports-not-json: src/store/postgres/find.ts → src/store/json/journal.ts');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('moved modules', () => {
  test('the validation-rules fingerprint reads every module it names (a moved module would silently disable trusted starts)', () => {
    expect(validationRules()).toMatch(/^[0-9a-f]+$/);
  });
});
