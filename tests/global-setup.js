/**
 * Builds dist/ before the tests as `npm run build` does (the server and its scripts with
 * `tsc -b`, then the explorer page's bundle), plus the synthetic-corpus tool that
 * tests/synth runs, so process tests run the server exactly as `npm start` does. Both steps
 * are incremental: when nothing changed since the last build they take a fraction of a second.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async () => {
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json', 'tools/synth'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'dist/scripts/build-web.js')], { cwd: root, stdio: 'inherit' });
};
