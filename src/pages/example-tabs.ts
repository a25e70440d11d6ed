/**
 * The example operations of docs/queries, read once at start-up, become the IDE's
 * preloaded tabs. Each file's leading comment lines stay in its tab as its description.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root';

/** One preloaded tab: GraphiQL's `TabDefinition` shape. */
export interface ExampleTab {
  query: string;
}

/** docs/queries of the project this module belongs to, found from here in both `src/` and `dist/src/`. */
export const EXAMPLE_QUERIES_DIR = path.join(projectRoot(__dirname), 'docs', 'queries');

/** Every `.graphql` file of `dir`, in file-name order; none when the directory does not exist. */
export function readExampleTabs(dir: string): ExampleTab[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => ({ query: readFileSync(path.join(dir, file), 'utf8').trimEnd() + '\n' }));
}

