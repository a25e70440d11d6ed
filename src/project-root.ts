/** The project's root directory (the nearest holding package.json), found from a module's directory in both `src/` and `dist/src/`. */
import { existsSync } from 'node:fs';
import path from 'node:path';

export function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return from;
  }
}
