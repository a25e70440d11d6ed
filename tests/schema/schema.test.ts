/** The committed schema.graphql is the schema the code builds, and it documents itself. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { buildAppSchema } from '../../src/schema/index';
import { printAppSchema } from '../../src/schema/print-schema';
import { startTestServer } from '../helpers/test-server';
import { getIntrospectionQuery, buildClientSchema, printSchema } from 'graphql';

const committed = readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8');

describe('schema.graphql', () => {
  test('equals the schema the code builds (run `npm run schema` after changing it)', () => {
    expect(printAppSchema()).toBe(committed);
  });

  test('equals the schema the server serves, read by introspection', async () => {
    const api = await startTestServer();
    try {
      const data = await api.data(getIntrospectionQuery({ descriptions: true }));
      expect(`${printSchema(buildClientSchema(data as never))}\n`).toBe(committed);
    } finally {
      await api.stop();
    }
  });
});

/** Every type, field, argument and enum value of the schema, with whether it has a description. */
function describedElements(schema: GraphQLSchema): [name: string, described: boolean][] {
  const elements: [string, boolean][] = [];
  const has = (description: string | null | undefined) => typeof description === 'string' && description.trim().length > 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    elements.push([type.name, has(type.description)]);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        elements.push([`${type.name}.${field.name}`, has(field.description)]);
        for (const arg of 'args' in field ? field.args : []) elements.push([`${type.name}.${field.name}(${arg.name})`, has(arg.description)]);
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) elements.push([`${type.name}.${value.name}`, has(value.description)]);
    }
  }
  return elements;
}

describe('descriptions', () => {
  test('every type, field, argument and enum value is described', () => {
    const elements = describedElements(buildAppSchema());
    expect(elements.length).toBeGreaterThan(300);
    // Built-in scalars (String, Int, Boolean, ID) come described by graphql-js.
    expect(elements.filter(([, described]) => !described).map(([name]) => name)).toEqual([]);
  });
});
