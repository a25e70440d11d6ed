/**
 * Builds dist/ once before the tests, as `npm run build` does (the server, then the explorer
 * page's bundle), so process tests run the server exactly as `npm start` does.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async () => {
  const root = path.resolve(__dirname, '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(root, 'dist/scripts/build-web.js')], { cwd: root, stdio: 'inherit' });
};
