/**
 * Builds @entente/sdk from src/: dist/esm (ES modules) and dist/cjs (CommonJS), each with
 * its declarations, with the TypeScript compiler (the repository's, when built in it).
 * Run by `npm run build` and by `npm pack` (prepack).
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('.', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(new URL('dist', import.meta.url), { recursive: true, force: true });
for (const project of ['tsconfig.json', 'tsconfig.cjs.json']) {
  execFileSync(process.execPath, [tsc, '-p', project], { cwd: packageDir, stdio: 'inherit' });
}
// The package is "type": "module": without this, Node would load dist/cjs/*.js as ES modules
// and TypeScript would read dist/cjs/*.d.ts as ES-module declarations.
writeFileSync(new URL('dist/cjs/package.json', import.meta.url), '{ "type": "commonjs" }\n');
