/**
 * Fuzzing the HTTP surface with fast-check: thousands of operations generated from
 * schema.graphql (valid reads, mutations with a token, broken operations, garbage HTTP
 * bodies) are sent to a real test server. Whatever comes in, the server must keep
 * answering, answer JSON, never 5xx (bar a documented 503 REQUEST_TIMEOUT), give every
 * error a string `extensions.code` other than INTERNAL_SERVER_ERROR, and leak no stack
 * trace or path of ours.
 *
 * Ill-formed Unicode (lone surrogates) is generated among the strings, and injected into a
 * string of the variables of valid operations: it must be refused before execution with
 * BAD_USER_INPUT naming its path, on both stores.
 *
 * Deterministic: a fixed seed (FUZZ_SEED overrides it), printed at the start. FUZZ_SCALE
 * multiplies the number of runs (e.g. FUZZ_SCALE=10 for a longer local run).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { startTestServer, type TestServer } from '../helpers/test-server';

const SEED = Number(process.env.FUZZ_SEED ?? 20261128);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const TOKEN = 'fuzz-token-0123456789';

const schema: GraphQLSchema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8'));

// ---------------------------------------------------------------------------------------
// The operation tree, printed with fresh variable and fragment names.

type Value = { kind: 'literal'; text: string } | { kind: 'variable'; type: string; json: unknown };
interface Arg {
  name: string;
  value: Value;
}
type Selection =
  | { kind: 'field'; alias?: string; name: string; args: Arg[]; selections?: Selection[] }
  | { kind: 'inline'; on?: string; selections: Selection[] }
  | { kind: 'spread'; on: string; selections: Selection[] };
interface Operation {
  type: 'query' | 'mutation';
  selections: Selection[];
}

interface Printed {
  query: string;
  variables: Record<string, unknown>;
}

function print(op: Operation): Printed {
  const definitions: string[] = [];
  const variables: Record<string, unknown> = {};
  const fragments: string[] = [];
  const value = (v: Value): string => {
    if (v.kind === 'literal') return v.text;
    const name = `v${definitions.length}`;
    definitions.push(`$${name}: ${v.type}`);
    if (v.json !== undefined) variables[name] = v.json;
    return `$${name}`;
  };
  const selections = (list: Selection[]): string => `{ ${list.map(selection).join(' ')} }`;
  const selection = (s: Selection): string => {
    switch (s.kind) {
      case 'field': {
        const args = s.args.length ? `(${s.args.map((a) => `${a.name}: ${value(a.value)}`).join(', ')})` : '';
        return `${s.alias ? `${s.alias}: ` : ''}${s.name}${args}${s.selections ? ` ${selections(s.selections)}` : ''}`;
      }
      case 'inline':
        return `...${s.on ? ` on ${s.on}` : ''} ${selections(s.selections)}`;
      case 'spread': {
        const name = `F${fragments.length}`;
        fragments.push('');
        const index = fragments.length - 1;
        fragments[index] = `fragment ${name} on ${s.on} ${selections(s.selections)}`;
        return `...${name}`;
      }
    }
  };
  const body = selections(op.selections);
  const header = definitions.length ? `${op.type} Fuzz(${definitions.join(', ')}) ` : `${op.type} `;
  return { query: [header + body, ...fragments].join('\n'), variables };
}

// ---------------------------------------------------------------------------------------
// Values of input types, right and wrong.

interface Known {
  ids: string[];
  slugs: string[];
  cursors: string[];
}

const gqlString = (s: string) => JSON.stringify(s);
const dateArb = fc.oneof(
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2023-02-30', '2023-13-01', '0000-00-00', '2023-4-5', '', '2023-04-30T00:00:00Z', '99999-01-01'),
);
/** Lone surrogates: a high one without its low half, a low one alone, and a pair cut in two. */
const LONE_SURROGATES = ['\ud800', '\udfff', '\udc00', '\ud83d'];
const illFormedString = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...LONE_SURROGATES), fc.string({ maxLength: 8 }))
  .map(([before, lone, after]) => before + lone + after);
const weirdString = fc.oneof(
  fc.string({ maxLength: 12 }),
  illFormedString,
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', '%00', 'null', '__proto__', 'constructor', 'x'.repeat(300), 'Ω≈ç√', '😀'),
  fc.base64String({ maxLength: 40 }),
);
const intArb = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 100 }), weight: 10 },
  { arbitrary: fc.integer({ min: -1000, max: 1000 }), weight: 2 },
  { arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), weight: 1 },
  { arbitrary: fc.constantFrom(-1, 101, 2 ** 31 - 1, -(2 ** 31)), weight: 1 },
);

/** A JSON value and the matching GraphQL literal for `type`, mostly of the right type. */
function inputArb(type: GraphQLInputType, argName: string, known: Known, depth: number): fc.Arbitrary<{ json: unknown; text: string }> {
  if (isNonNullType(type)) return inputArb(type.ofType, argName, known, depth);
  const nullable = (arb: fc.Arbitrary<{ json: unknown; text: string }>) =>
    fc.oneof({ arbitrary: arb, weight: 12 }, { arbitrary: fc.constant({ json: null as unknown, text: 'null' }), weight: 1 });
  if (isListType(type)) {
    const item = inputArb(type.ofType as GraphQLInputType, argName, known, depth + 1);
    return nullable(
      fc.array(item, { maxLength: depth > 2 ? 1 : 3 }).map((items) => ({ json: items.map((i) => i.json), text: `[${items.map((i) => i.text).join(', ')}]` })),
    );
  }
  if (isEnumType(type)) {
    return nullable(fc.constantFrom(...type.getValues().map((v) => v.name)).map((name) => ({ json: name, text: name })));
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    if (depth > 4) return fc.constant({ json: null, text: 'null' });
    const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    const optional = fields.filter((f) => !required.includes(f));
    return nullable(
      fc.subarray(optional, { maxLength: Math.min(4, optional.length) }).chain((chosen) =>
        fc.tuple(...[...required, ...chosen].map((f) => inputArb(f.type, f.name, known, depth + 1).map((v) => [f.name, v] as const))).map((entries) => ({
          json: Object.fromEntries(entries.map(([name, v]) => [name, v.json])),
          text: `{ ${entries.map(([name, v]) => `${name}: ${v.text}`).join(', ')} }`,
        })),
      ),
    );
  }
  const str = (arb: fc.Arbitrary<string>) => arb.map((s) => ({ json: s as unknown, text: gqlString(s) }));
  switch (type.name) {
    case 'Int':
      return nullable(intArb.map((n) => ({ json: n, text: String(n) })));
    case 'Float':
      return nullable(fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => ({ json: n, text: Number.isInteger(n) ? `${n}.0` : String(n) })));
    case 'Boolean':
      return nullable(fc.boolean().map((b) => ({ json: b, text: String(b) })));
    case 'ID':
      // Every entity reference takes a global id or a slug.
      return nullable(str(known.ids.length ? fc.oneof({ arbitrary: fc.constantFrom(...known.ids), weight: 3 }, { arbitrary: fc.constantFrom(...known.slugs), weight: 1 }, weirdString) : weirdString));
    case 'Date':
      return nullable(str(dateArb));
    case 'DateTime':
      return nullable(str(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), weirdString)));
    case 'String': {
      if (/slug/i.test(argName) && known.slugs.length) return nullable(str(fc.oneof({ arbitrary: fc.constantFrom(...known.slugs), weight: 3 }, weirdString)));
      if ((argName === 'after' || argName === 'before') && known.cursors.length) {
        return nullable(str(fc.oneof({ arbitrary: fc.constantFrom(...known.cursors), weight: 4 }, weirdString)));
      }
      if (/iso/i.test(argName)) return nullable(str(fc.oneof(fc.constantFrom('KZ', 'US', 'RU', 'kz', 'XX', ''), weirdString)));
      if (/countries|topics/i.test(argName)) {
        return nullable(str(fc.oneof(fc.constantFrom('KZ', 'US', 'RU', 'UZ', 'ZZ', 'k', 'kazakhstan', 'energy'), fc.constantFrom(...known.ids, ...known.slugs), weirdString)));
      }
      return nullable(str(weirdString));
    }
    default:
      return nullable(str(weirdString));
  }
}

/** A value of a different kind than `type` expects. */
const wrongLiteral = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom('true', 'null', '1.5', 'NOT_AN_ENUM', '[1, 2]', '{ nope: 1 }', '"str"', '[[[]]]', '99999999999999999999', '{}'),
  weirdString.map(gqlString),
);

function argArb(arg: GraphQLArgument, known: Known, asVariableAllowed: boolean): fc.Arbitrary<Arg> {
  const right = inputArb(arg.type, arg.name, known, 0);
  const typeName = String(arg.type);
  const options: fc.Arbitrary<Value>[] = [right.map((v) => ({ kind: 'literal' as const, text: v.text }))];
  if (asVariableAllowed) options.push(right.map((v) => ({ kind: 'variable' as const, type: typeName, json: v.json })));
  return fc.oneof(...options).map((value) => ({ name: arg.name, value }));
}

// ---------------------------------------------------------------------------------------
// Selections walked from the schema.

const MAX_DEPTH = 5;
const ALIAS = fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,6}$/);

function fieldArb(field: GraphQLField<unknown, unknown>, known: Known, depth: number): fc.Arbitrary<Selection> {
  const required = field.args.filter((a) => isNonNullType(a.type));
  const optional = field.args.filter((a) => !isNonNullType(a.type));
  const argsArb = fc
    .subarray(optional, { maxLength: Math.min(3, optional.length) })
    .chain((chosen) => (required.length + chosen.length ? fc.tuple(...[...required, ...chosen].map((a) => argArb(a, known, true))) : fc.constant([] as Arg[])));
  const named = getNamedType(field.type);
  const sub: fc.Arbitrary<Selection[] | undefined> =
    isObjectType(named) || isAbstractType(named) ? fc.constant(null).chain(() => selectionsArb(named, known, depth + 1)) : fc.constant(undefined);
  return fc
    .record({ alias: fc.option(ALIAS, { freq: 6, nil: undefined }), args: argsArb, selections: sub })
    .map(({ alias, args, selections }) => ({ kind: 'field' as const, ...(alias ? { alias } : {}), name: field.name, args, ...(selections ? { selections } : {}) }));
}

const selectionsCache = new Map<string, fc.Arbitrary<Selection[]>>();

function selectionsArb(type: GraphQLNamedType, known: Known, depth: number): fc.Arbitrary<Selection[]> {
  const key = `${type.name}@${depth}`;
  const cached = selectionsCache.get(key);
  if (cached) return cached;
  const typename: Selection = { kind: 'field', name: '__typename', args: [] };
  let arb: fc.Arbitrary<Selection[]>;
  if (isAbstractType(type)) {
    const possible = schema.getPossibleTypes(type);
    const common = 'getFields' in type ? Object.values(type.getFields()).filter((f) => isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type))) : [];
    const parts: fc.Arbitrary<Selection>[] = [fc.constant(typename), ...common.map((f) => fieldArb(f, known, depth))];
    if (depth < MAX_DEPTH) {
      parts.push(
        fc.constantFrom(...possible).chain((t) => selectionsArb(t, known, depth).map((selections) => ({ kind: 'inline' as const, on: t.name, selections }))),
      );
    }
    arb = fc.array(fc.oneof(...parts), { minLength: 1, maxLength: 3 });
  } else if (isObjectType(type)) {
    const fields = Object.values(type.getFields());
    const leaves = fields.filter((f) => !isObjectType(getNamedType(f.type)) && !isAbstractType(getNamedType(f.type)));
    const choices = depth >= MAX_DEPTH ? leaves : fields;
    const pick = (choices.length ? choices : [null]).map((f) => (f ? fieldArb(f, known, depth) : fc.constant(typename)));
    const one = fc.oneof({ arbitrary: fc.oneof(...pick), weight: 8 }, { arbitrary: fc.constant(typename), weight: 1 });
    const wrapped: fc.Arbitrary<Selection> =
      depth >= MAX_DEPTH
        ? one
        : fc.oneof(
            { arbitrary: one, weight: 10 },
            { arbitrary: fc.array(one, { minLength: 1, maxLength: 2 }).map((selections) => ({ kind: 'inline' as const, on: type.name, selections })), weight: 1 },
            { arbitrary: fc.array(one, { minLength: 1, maxLength: 2 }).map((selections) => ({ kind: 'inline' as const, selections })), weight: 1 },
            { arbitrary: fc.array(one, { minLength: 1, maxLength: 2 }).map((selections) => ({ kind: 'spread' as const, on: type.name, selections })), weight: 1 },
          );
    arb = fc.array(wrapped, { minLength: 1, maxLength: depth === 0 ? 3 : 2 });
  } else {
    arb = fc.constant([typename]);
  }
  selectionsCache.set(key, arb);
  return arb;
}

function operationArb(root: GraphQLObjectType, type: 'query' | 'mutation', known: Known): fc.Arbitrary<Operation> {
  const fields = Object.values(root.getFields());
  const field = fc.oneof(...fields.map((f) => fieldArb(f, known, 1)));
  return fc.array(field, { minLength: 1, maxLength: type === 'mutation' ? 1 : 3 }).map((selections) => ({ type, selections }));
}

// ---------------------------------------------------------------------------------------
// Broken operations: mutations of valid ones, and noise.

const TOKENS = ['{', '}', '(', ')', '[', ']', ':', '$', '...', '!', '=', '@', '|', '&', 'query', 'mutation', 'fragment', 'on', 'subscription', 'meetings', 'nodes', 'id', '"', '"""', '#', ',', '0', '-1', '1e999', 'true', 'null', '\\u0000', '\u2028', 'a'];

function brokenArb(valid: fc.Arbitrary<Printed>): fc.Arbitrary<Printed> {
  const cut = fc.tuple(valid, fc.nat()).map(([p, n]) => ({ ...p, query: p.query.slice(0, n % (p.query.length + 1)) }));
  const insert = fc.tuple(valid, fc.nat(), fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 4 })).map(([p, n, tokens]) => {
    const at = n % (p.query.length + 1);
    return { ...p, query: `${p.query.slice(0, at)} ${tokens.join(' ')} ${p.query.slice(at)}` };
  });
  const unknownField = fc.tuple(valid, ALIAS).map(([p, name]) => ({ ...p, query: p.query.replace(/\{ /, `{ zz${name} `) }));
  const wrongArg = fc.tuple(valid, wrongLiteral).map(([p, lit]) => ({ ...p, query: p.query.replace(/\(([A-Za-z]+): [^,)]+/, `($1: ${lit}`) }));
  const wrongVariables = fc
    .tuple(valid, fc.oneof(fc.constant(null), fc.anything({ maxDepth: 2 }), fc.dictionary(fc.constantFrom('v0', 'v1', 'v2'), fc.anything({ maxDepth: 2 }))))
    .map(([p, variables]) => ({ query: p.query, variables: variables as Record<string, unknown> }));
  const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => ({ query: t.join(' '), variables: {} }));
  const deep = fc.tuple(fc.integer({ min: 10, max: 400 }), fc.constantFrom('meetings { nodes { partOf', 'countries { nodes { meetings { nodes { parts', '__typename {', 'a {'))
    .map(([n, open]) => {
      const close = '}'.repeat((open.match(/\{/g) ?? []).length);
      return { query: `{ ${`${open} { `.repeat(n)}id${` } ${close}`.repeat(n)} }`, variables: {} };
    });
  const manyAliases = fc.integer({ min: 25, max: 60 }).map((n) => ({ query: `{ ${Array.from({ length: n }, (_, i) => `a${i}: meetings(first: 1) { totalCount }`).join(' ')} }`, variables: {} }));
  const manyTokens = fc.integer({ min: 1990, max: 2100 }).map((n) => ({ query: `{ meetings(filter: { kinds: [${' VISIT'.repeat(n)} ] }) { totalCount } }`, variables: {} }));
  const costly = fc.tuple(intArb, intArb).map(([a, b]) => ({
    query: `query ($a: Int, $b: Int) { people(first: $a) { nodes { meetings(last: $b) { nodes { title participants { person { name } } } } } } }`,
    variables: { a, b },
  }));
  const fragmentCycle = fc.constant({ query: `{ meetings { nodes { ...A } } } fragment A on Meeting { partOf { ...B } } fragment B on Meeting { parts { ...A } }`, variables: {} });
  // Not here: a subscription operation (tested on its own, below).
  return fc.oneof(cut, insert, unknownField, wrongArg, wrongVariables, tokenSoup, deep, manyAliases, manyTokens, costly, fragmentCycle);
}

// ---------------------------------------------------------------------------------------
// Raw HTTP: garbage bodies, content types, methods.

interface RawRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const rawArb: fc.Arbitrary<RawRequest> = (() => {
  const contentType = fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/graphql',
    'application/graphql-response+json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/json; charset=latin1',
    '',
    'garbage/;;;',
  );
  const jsonBody = fc.oneof(
    fc.json({ maxDepth: 3 }),
    fc.string({ maxLength: 60 }),
    fc.constantFrom('{"query": ', '[]', '[{}]', 'null', '"x"', '{"query": 1}', '{"query": null}', '{"query": ["{ __typename }"]}', '{"query": "{ __typename }", "variables": []}',
      '{"query": "{ __typename }", "variables": "x"}', '{"query": "{ __typename }", "variables": 1}', '{"query": "{ __typename }", "operationName": 7}',
      '{"query": "{ __typename }", "extensions": "x"}', '{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
      // Not here: a persistedQuery hash that does not match the query, or a version other than 1 (tested on their own, below).

      '[{"query": "{ __typename }"}, {"query": "{"}]', '{"__proto__": {"query": "{ __typename }"}}', '{"query": "query A { __typename } query B { __typename }"}',
      '{"query": "query A { __typename }", "operationName": "B"}', '\uFEFF{"query": "{ __typename }"}'),
    fc.tuple(fc.anything({ maxDepth: 2 }), fc.anything({ maxDepth: 2 })).map(([query, variables]) => JSON.stringify({ query, variables }) ?? 'x'),
  );
  const post = fc.record({
    method: fc.constant('POST' as const),
    path: fc.constantFrom('/graphql', '/graphql/', '/graphql?x=1'),
    headers: fc.record({ 'content-type': contentType }),
    body: jsonBody,
  });
  const get = fc.record({
    method: fc.constantFrom('GET' as const, 'PUT' as const, 'DELETE' as const, 'PATCH' as const, 'OPTIONS' as const),
    path: fc
      .tuple(fc.constantFrom('/graphql', '/health', '/nowhere', '/graphql/x', '/%', '/graphql?'), fc.string({ maxLength: 30 }), fc.json({ maxDepth: 1 }))
      .map(([p, q, v]) => `${p}?query=${encodeURIComponent(q)}&variables=${encodeURIComponent(v)}`),
    headers: fc.constantFrom({} as Record<string, string>, { 'apollo-require-preflight': 'true' }, { 'content-type': 'application/json' }, { accept: 'application/json' }),
  });
  return fc.oneof({ arbitrary: post, weight: 3 }, { arbitrary: get, weight: 1 });
})();

// ---------------------------------------------------------------------------------------
// The invariants.

// The server runs outside development: no stack, no path of ours, no storage names, no
// schema suggestions, no type the schema does not have.
const LEAKS = ['    at ', '/work/', 'node_modules', 'dist/', '.json', 'journal', 'Did you mean', 'LocalDate'];
let sent = 0;
/** Responses with data and no errors, by kind of request. */
const clean = new Map<string, number>();
const codes = new Map<string, number>();

async function checkResponse(response: Response, what: string): Promise<void> {
  const text = await response.text();
  const context = `${what}\n=> ${response.status} ${text.slice(0, 500)}`;
  const status = response.status;
  if (status === 204 || (response.status === 200 && text === '' && /OPTIONS/.test(what))) return; // a CORS preflight answer has no body
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`body is not JSON: ${context}`);
  }
  const results = Array.isArray(body) ? body : [body];
  const allCodes: string[] = [];
  if (results.every((r) => typeof r === 'object' && r !== null && !('errors' in r) && 'data' in r)) {
    const kind = what.includes('"query":"mutation') ? 'mutation' : 'query';
    clean.set(kind, (clean.get(kind) ?? 0) + 1);
  }
  for (const result of results) {
    if (typeof result !== 'object' || result === null) continue;
    const errors = (result as { errors?: unknown }).errors;
    if (errors === undefined) continue;
    if (!Array.isArray(errors)) throw new Error(`errors is not a list: ${context}`);
    for (const error of errors as { message?: unknown; extensions?: { code?: unknown } }[]) {
      const code = error?.extensions?.code;
      if (typeof code !== 'string') throw new Error(`an error has no string extensions.code: ${context}`);
      allCodes.push(code);
      codes.set(code, (codes.get(code) ?? 0) + 1);
      if (code === 'INTERNAL_SERVER_ERROR') throw new Error(`INTERNAL_SERVER_ERROR: ${context}`);
      const message = String(error.message);
      for (const leak of LEAKS) if (message.includes(leak)) throw new Error(`error message leaks ${JSON.stringify(leak)}: ${context}`);
      if (JSON.stringify(error).includes('    at ')) throw new Error(`error leaks a stack trace: ${context}`);
    }
  }
  if (status >= 500 && !(status === 503 && allCodes.length > 0 && allCodes.every((c) => c === 'REQUEST_TIMEOUT'))) {
    throw new Error(`status ${status}: ${context}`);
  }
}

let api: TestServer;
let known: Known = { ids: [], slugs: [], cursors: [] };

async function send(printed: Printed, token: boolean): Promise<void> {
  sent++;
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${TOKEN}` } : {}) },
    body: JSON.stringify(printed),
  });
  await checkResponse(response, `POST /graphql ${JSON.stringify(printed)}`);
  if (sent % 100 === 0) await expectHealthy();
}

async function expectHealthy(): Promise<void> {
  const response = await fetch(`${api.url}/health`);
  if (response.status !== 200) throw new Error(`/health answered ${response.status}`);
  expect(((await response.json()) as { status: string }).status).toBe('ok');
}

beforeAll(async () => {
  // eslint-disable-next-line no-console
  console.log(`operations fuzz: seed ${SEED} (set FUZZ_SEED to replay, FUZZ_SCALE to run longer)`);
  api = await startTestServer({ env: { API_TOKENS: TOKEN } });
  // Real ids and slugs, so that generated look-ups and writes reach existing entities.
  const query = schema.getQueryType()!;
  const lists = Object.values(query.getFields()).filter((f) => getNamedType(f.type).name.endsWith('Connection') && 'getFields' in getNamedType(f.type));
  const parts = lists.map((f) => {
    const node = getNamedType((getNullableType(getNamedType(f.type)) as GraphQLObjectType).getFields().nodes!.type) as GraphQLObjectType;
    return `${f.name}(first: 100) { edges { cursor } nodes { ${'id' in node.getFields() ? 'id' : ''} ${'slug' in node.getFields() ? 'slug' : ''} __typename } }`;
  });
  const data = await api.data<Record<string, { edges: { cursor: string }[]; nodes: { id?: string; slug?: string }[] }>>(`{ ${parts.join(' ')} }`);
  const ids = new Set<string>();
  const slugs = new Set<string>();
  const cursors = new Set<string>();
  for (const list of Object.values(data)) {
    for (const edge of list.edges) cursors.add(edge.cursor);
    for (const node of list.nodes) {
      if (node.id) ids.add(node.id);
      if (node.slug) slugs.add(node.slug);
    }
  }
  known = { ids: [...ids], slugs: [...slugs], cursors: [...cursors] };
}, 60_000);

afterAll(async () => {
  // eslint-disable-next-line no-console
  console.log(`operations fuzz: ${sent} requests; without errors: ${JSON.stringify(Object.fromEntries(clean))}; error codes seen: ${JSON.stringify(Object.fromEntries([...codes].sort()))}`);
  await api?.stop();
});

const parameters = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: false, interruptAfterTimeLimit: 120_000 });

describe('fuzzed operations from the schema', () => {
  test('valid queries (fields, arguments, aliases, fragments, variables) never fail the server', async () => {
    const arb = operationArb(schema.getQueryType()!, 'query', known).map(print);
    await fc.assert(fc.asyncProperty(arb, fc.boolean(), (p, token) => send(p, token)), parameters(runs(1300)));
    await expectHealthy();
  }, 120_000);

  test('mutations, with and without a token, never fail the server', async () => {
    const arb = operationArb(schema.getMutationType()!, 'mutation', known).map(print);
    await fc.assert(fc.asyncProperty(arb, fc.integer({ min: 0, max: 4 }), (p, n) => send(p, n !== 0)), parameters(runs(500)));
    await expectHealthy();
  }, 120_000);

  test('broken operations (syntax, unknown fields, wrong types, limits, bad variables) are client errors with codes', async () => {
    const valid = fc.oneof(operationArb(schema.getQueryType()!, 'query', known), operationArb(schema.getMutationType()!, 'mutation', known)).map(print);
    await fc.assert(fc.asyncProperty(brokenArb(valid), fc.boolean(), (p, token) => send(p, token)), parameters(runs(800)));
    await expectHealthy();
  }, 120_000);

  test('garbage HTTP requests (bodies, content types, methods) are answered with JSON and codes', async () => {
    await fc.assert(
      fc.asyncProperty(rawArb, async (request) => {
        sent++;
        const response = await fetch(`${api.url}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
        await checkResponse(response, `${request.method} ${request.path} ${JSON.stringify(request.headers)} ${request.body ?? ''}`);
      }),
      parameters(runs(400)),
    );
    await expectHealthy();
  }, 120_000);
});

/** Every string leaf of a JSON value, by path of keys and indexes. */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
  return [];
}

/** `value` with the string at `path` replaced by `replace(it)`. */
function replaceAt(value: unknown, path: (string | number)[], replace: (s: string) => string): unknown {
  if (path.length === 0) return replace(value as string);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((item, i) => (i === head ? replaceAt(item, rest, replace) : item));
  return { ...(value as Record<string, unknown>), [head!]: replaceAt((value as Record<string, unknown>)[head!], rest, replace) };
}

describe('ill-formed Unicode in string inputs', () => {
  /** Refusals that come before the variables are looked at, or beside them: the operation itself was refused. */
  const EARLIER_REFUSALS = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX', 'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_TOKENS'];

  test('a lone surrogate in any string of the variables is refused before execution: BAD_USER_INPUT naming its path', async () => {
    const operations = fc.oneof(operationArb(schema.getQueryType()!, 'query', known), operationArb(schema.getMutationType()!, 'mutation', known)).map(print);
    const withStrings = operations.map((p) => ({ p, paths: stringPaths(p.variables) })).filter(({ paths }) => paths.length > 0);
    let named = 0;
    const arb = fc.tuple(withStrings, fc.nat(), fc.nat(), fc.constantFrom(...LONE_SURROGATES));
    await fc.assert(
      fc.asyncProperty(arb, async ([{ p, paths }, pick, at, lone]) => {
        const path = paths[pick % paths.length]!;
        // Fenced by "x" so that it cannot pair with a surrogate next to it.
        const insert = (s: string) => `${s.slice(0, at % (s.length + 1))}x${lone}x${s.slice(at % (s.length + 1))}`;
        const variables = replaceAt(p.variables, path, insert) as Record<string, unknown>;
        sent++;
        const response = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify({ query: p.query, variables }),
        });
        const body = (await response.json()) as { data?: unknown; errors?: { extensions: { code: string; fields?: { path: string }[] } }[] };
        const context = `${JSON.stringify({ query: p.query, variables })} => ${response.status} ${JSON.stringify(body).slice(0, 400)}`;
        // Nothing executed: no data, not even a partial answer.
        if ('data' in body) throw new Error(`executed with ill-formed variables: ${context}`);
        const [error] = body.errors ?? [];
        if (error?.extensions.code === 'BAD_USER_INPUT') {
          if (!error.extensions.fields?.some((field) => field.path === path.join('.'))) throw new Error(`the refusal does not name ${path.join('.')}: ${context}`);
          named++;
        } else if (!EARLIER_REFUSALS.includes(error?.extensions.code ?? '')) {
          throw new Error(`not refused as ill-formed: ${context}`);
        }
      }),
      parameters(runs(400)),
    );
    // Most generated operations are valid, so most refusals are the variables' own.
    expect(named).toBeGreaterThan(runs(400) / 2);
    await expectHealthy();
  }, 120_000);

  test("the issue's repro: createSource with text \"Alpha \\ud800 beta\" is BAD_USER_INPUT naming input.text, and nothing is written", async () => {
    const before = await api.data<{ changes: { totalCount: number } }>('{ changes { totalCount } }');
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        query: 'mutation CreateSource($input: CreateSourceInput!) { createSource(input: $input) { source { slug } } }',
        variables: { input: { title: 'Lone surrogate', kind: 'NEWS_ARTICLE', text: 'Alpha \ud800 beta' } },
      }),
    });
    const message = 'is not well-formed Unicode: lone surrogate U+D800 at character 7; send text as UTF-8, with every surrogate in a pair';
    // 200: a request error in an application/json answer, as the GraphQL-over-HTTP spec asks (src/http/graphql-handler.ts).
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 200,
      body: { errors: [{ message: `Variable "$input" at input.text ${message}`, extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'input.text', message }] } }] },
    });
    expect(await api.data('{ changes { totalCount } }')).toEqual(before);
  });
});

/**
 * Found by this fuzzer. Apollo Server and graphql-js raise these for a client's mistake
 * without an `extensions.code`; formatError gives them BAD_REQUEST, not
 * INTERNAL_SERVER_ERROR. The generators above leave these shapes out, so they are tested here.
 */
describe('request-level client errors that graphql-js and Apollo raise without a code', () => {
  const codesOf = async (body: unknown) => {
    const response = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return { status: response.status, codes: (json.errors ?? []).map((e) => e.extensions?.code) };
  };

  test('a subscription operation (the schema has none) is not an internal error', async () => {
    const { codes: seen } = await codesOf({ query: 'subscription { meetings { totalCount } }' });
    expect(seen).not.toContain('INTERNAL_SERVER_ERROR');
  });

  test('a persistedQuery hash that does not match the query is not an internal error', async () => {
    const { status, codes: seen } = await codesOf({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } });
    expect(status).toBe(400);
    expect(seen).not.toContain('INTERNAL_SERVER_ERROR');
  });

  test('an unsupported persistedQuery version is not an internal error', async () => {
    const { status, codes: seen } = await codesOf({ query: '{ __typename }', extensions: { persistedQuery: { version: 2 } } });
    expect(status).toBe(400);
    expect(seen).not.toContain('INTERNAL_SERVER_ERROR');
  });
});
