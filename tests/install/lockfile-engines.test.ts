/**
 * A fresh `npm install` / `npm ci` on the oldest Node that package.json's `engines` admits
 * prints no EBADENGINE warning: every package the lockfile installs admits that Node too.
 *
 * Several dependencies moved to Node 22 inside a semver range their parents accept
 * (@graphql-tools/utils 12.0.3+, @whatwg-node/* 0.12, sync-fetch 0.7, light-my-request 6.8).
 * The lockfile pins the last releases before that, each inside its parents' declared range;
 * when this fails after a lockfile update, pin the named package back the same way.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lockfile = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: unknown }>;
};

describe('the lockfile and the Node the project supports', () => {
  const oldest = semver.minVersion(manifest.engines.node)!.version;

  test('package.json states Node 20.19 or later', () => {
    expect(manifest.engines.node).toBe('>=20.19');
    expect(oldest).toBe('20.19.0');
  });

  test('every locked package admits the oldest supported Node', () => {
    const refusing = Object.entries(lockfile.packages).flatMap(([location, entry]) => {
      const engines = entry.engines;
      // npm checks only the object form of `engines` (an old array form is ignored).
      if (typeof engines !== 'object' || engines === null || Array.isArray(engines)) return [];
      const node = (engines as { node?: unknown }).node;
      if (typeof node !== 'string' || semver.satisfies(oldest, node)) return [];
      return [`${location} ${entry.version}: engines.node ${node}`];
    });
    expect(refusing).toEqual([]);
  });
});
