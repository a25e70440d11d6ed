/** Writes the schema the code builds to `schema.graphql` at the project root (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printAppSchema } from '../src/schema/print-schema';

const target = path.resolve(__dirname, '..', '..', 'schema.graphql');
writeFileSync(target, printAppSchema());
console.log(`wrote ${path.relative(process.cwd(), target) || target}`);
