/**
 * The checks of each export format against the format's own definition, shared by the
 * format tests (popolo.test.ts, ftm.test.ts, tests/http/export.test.ts) and the corpus
 * validation (corpus-validation.test.ts): Popolo's JSON schemas (vendored, draft-03, read
 * with `jsonschema`), the FollowTheMoney model's own library, and the PLOVER record's
 * schema (plover-schema.ts, read with Ajv).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultModel, Entity, Model } from '@opensanctions/followthemoney';
import Ajv from 'ajv';
import { Validator, type Schema } from 'jsonschema';
import type { FtmEntity } from '../../src/export/formats/ftm';
import { PLOVER_EVENT_SCHEMA } from './plover-schema';

const SCHEMA_DIR = path.resolve(__dirname, '../fixtures/popolo-schemas');

/** A validator holding every vendored schema under its own id, so their `$ref`s resolve; and the schemas by file name. */
export function popoloValidator(): { validator: Validator; schemas: Map<string, Schema> } {
  const validator = new Validator();
  const schemas = new Map<string, Schema>();
  for (const file of readdirSync(SCHEMA_DIR).filter((name) => name.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8')) as Schema;
    validator.addSchema(schema, schema.id);
    schemas.set(file.replace(/\.json$/, ''), schema);
  }
  return { validator, schemas };
}

/** The schema each list of the document holds objects of. */
export const LIST_SCHEMAS = { events: 'event', persons: 'person', organizations: 'organization', posts: 'post', memberships: 'membership', areas: 'area' } as const;
export type ListName = keyof typeof LIST_SCHEMAS;
export type PopoloDocument = Record<ListName, any[]>;

export const model = new Model(defaultModel);

/** The model's date type: "2021", "2021-02", "2021-02-16", optionally with a time, in UTC. */
const FTM_DATE = /^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?)?)?$/;
const CODE_LIST_TYPES = new Set(['country', 'language', 'topic', 'gender']);

/** What is wrong with `entities` as FtM entities of the default model (empty when nothing). */
export function ftmProblems(entities: readonly FtmEntity[]): string[] {
  const problems: string[] = [];
  const schemaOf = new Map(entities.map((e) => [e.id, e.schema]));
  for (const e of entities) {
    let schema;
    try {
      schema = model.getSchema(e.schema);
    } catch (error) {
      problems.push(`${e.id}: ${(error as Error).message}`);
      continue;
    }
    if (schema.abstract) problems.push(`${e.id}: schema ${schema.name} is abstract`);
    for (const required of schema.required) if (!(required in e.properties)) problems.push(`${e.id}: required ${required} is missing`);
    for (const [name, values] of Object.entries(e.properties)) {
      if (!schema.hasProperty(name)) {
        problems.push(`${e.id}: ${schema.name} has no property ${name}`);
        continue;
      }
      const property = schema.getProperty(name);
      const type = property.type;
      if (!Array.isArray(values) || values.length === 0) problems.push(`${e.id}: ${name} is not a list of values`);
      for (const value of values) {
        if (typeof value !== 'string' || value === '') problems.push(`${e.id}: ${name} holds ${JSON.stringify(value)}`);
        else if (value.length > property.maxLength) problems.push(`${e.id}: ${name} is longer than ${property.maxLength}`);
        else if (CODE_LIST_TYPES.has(type.name) && !type.values.has(value)) problems.push(`${e.id}: ${name} ${JSON.stringify(value)} is not a ${type.name} of the model`);
        else if (type.name === 'date' && (!FTM_DATE.test(value) || Number.isNaN(Date.parse(value.slice(0, 10))))) problems.push(`${e.id}: ${name} ${JSON.stringify(value)} is not a date`);
        else if (type.name === 'url' && !/^https?:\/\/\S+$/.test(value)) problems.push(`${e.id}: ${name} ${JSON.stringify(value)} is not a URL`);
        else if (type.isEntity) {
          const target = schemaOf.get(value);
          if (target === undefined) problems.push(`${e.id}: ${name} names ${value}, which is not exported`);
          else if (!model.getSchema(target).isA(property.getRange())) problems.push(`${e.id}: ${name} names a ${target}, not a ${property.getRange().name}`);
        }
      }
    }
    try {
      if (JSON.stringify(Entity.fromJSON(model, e).toJSON()) !== JSON.stringify(e)) problems.push(`${e.id}: the library does not read it back unchanged`);
    } catch (error) {
      problems.push(`${e.id}: the library cannot read it: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** The references of `entities` to an entity on a later line (or on none), as "from -> to". */
export function forwardReferences(entities: readonly FtmEntity[]): string[] {
  const line = new Map(entities.map((e, i) => [e.id, i]));
  return entities.flatMap((e, i) => {
    const schema = model.getSchema(e.schema);
    return Object.entries(e.properties).flatMap(([name, values]) =>
      schema.getProperty(name).type.isEntity ? values.filter((ref) => !((line.get(ref) ?? Infinity) < i)).map((ref) => `${e.id} -> ${ref}`) : [],
    );
  });
}

/** A validator of one PLOVER event record: true when valid, else its errors in words. */
export function ploverValidator(): (event: unknown) => string | null {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(PLOVER_EVENT_SCHEMA);
  return (event) => (validate(event) ? null : JSON.stringify(validate.errors));
}
