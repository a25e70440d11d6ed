/** Writes the schema as an Apollo Federation 2 subgraph to `subgraph.graphql` at the project root (`npm run schema:subgraph`). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printAppSubgraphSchema } from '../src/federation/index';

const target = path.resolve(__dirname, '..', '..', 'subgraph.graphql');
writeFileSync(target, printAppSubgraphSchema());
console.log(`wrote ${path.relative(process.cwd(), target) || target}`);
