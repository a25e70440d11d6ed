/**
 * Names in other languages and scripts, end to end on the store under test: imported from
 * a bundle (then loaded into PostgreSQL as a user loads a data directory) or written
 * through mutations, listed by `names`, and found by `search` and the text filters in
 * their own script and in Latin transliteration.
 */
import { rm } from 'node:fs/promises';
import { parseBundle } from '../../src/import/bundle';
import { importIntoStore } from '../../src/import/import-into-store';
import { JsonStore } from '../../src/store/json/json-store';
import { referenceNames } from '../../src/reference/country-names';
import { createTempDataDir } from '../helpers/temp-data-dir';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { writerTo } from '../helpers/writer';

const TOKEN = 'names-writer';

/** A short report written for this test, in our own words. */
const TEXT =
  'Kazakh Foreign Minister Mukhtar Tileuberdi received Russian Foreign Minister Sergey Lavrov in Astana on Monday. ' +
  'The two ministers spoke about nuclear safety and trade, the Kazakh foreign ministry said.';

const BUNDLE = {
  format: 1,
  source: { slug: 'names-test-report', title: 'A Russian minister in Astana', kind: 'NEWS_ARTICLE', text: TEXT },
  people: [
    {
      name: 'Mukhtar Tileuberdi',
      names: [
        { value: 'Мухтар Тлеуберди', lang: 'ru' },
        { value: 'Мұхтар Тілеуберді', lang: 'KK-cyrl' },
      ],
      country: 'Kazakhstan',
      citations: [{ quote: 'Kazakh Foreign Minister Mukhtar Tileuberdi' }],
    },
    {
      name: 'Sergey Lavrov',
      names: [{ value: 'Сергей Лавров', lang: 'ru' }],
      country: 'Russia',
      citations: [{ quote: 'Russian Foreign Minister Sergey Lavrov' }],
    },
  ],
  topics: [{ name: 'nuclear safety', names: [{ value: 'ядерная безопасность', lang: 'ru' }] }],
};

let api: TestServer;
let dataDir: string;
const writer = writerTo(() => api, TOKEN);

beforeAll(async () => {
  dataDir = await createTempDataDir();
  const parsed = parseBundle(BUNDLE);
  if (!parsed.ok) throw new Error(`invalid test bundle: ${JSON.stringify(parsed.problems)}`);
  const store = await JsonStore.open(dataDir);
  try {
    const result = await importIntoStore(store, parsed.bundle);
    if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result)}`);
  } finally {
    await store.close();
  }
  api = await startTestServer({ dataDir, env: { API_TOKENS: TOKEN } });
});

afterAll(async () => {
  await api?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const SEARCH = `query Search($query: String!, $first: Int) {
  search(query: $query, first: $first) { __typename ... on Person { slug } ... on Topic { slug } ... on Meeting { slug } }
}`;
const search = async (query: string, first?: number) => (await api.data(SEARCH, { query, first })).search;

describe('names', () => {
  test('lists the names stated with their language (tags in canonical case), then the name and aliases not among them', async () => {
    const data = await api.data(`query Names {
      tileuberdi: person(slug: "mukhtar-tileuberdi") { name names { value lang } }
      umarov: person(slug: "kairat-umarov") { names { value lang } }
      us: country(slug: "united-states") { aliases names { value lang } }
    }`);
    expect(data).toEqual({
      tileuberdi: {
        name: 'Mukhtar Tileuberdi',
        names: [
          { value: 'Мухтар Тлеуберди', lang: 'ru' },
          { value: 'Мұхтар Тілеуберді', lang: 'kk-Cyrl' },
          { value: 'Mukhtar Tileuberdi', lang: null },
        ],
      },
      umarov: { names: [{ value: 'Kairat Umarov', lang: null }] },
      // The country's names in other languages are the reference dataset's (i18n-iso-countries); its English one is also an alias, listed once.
      us: {
        aliases: data.us.aliases,
        names: [
          ...referenceNames('US'),
          { value: 'United States', lang: null },
          ...data.us.aliases.filter((value: string) => !referenceNames('US').some((name) => name.value === value)).map((value: string) => ({ value, lang: null })),
        ],
      },
    });
    expect(referenceNames('US')).toContainEqual({ value: 'United States of America', lang: 'en' });
    expect(data.us.aliases.length).toBeGreaterThan(0);
  });
});

describe('search across scripts', () => {
  test('finds a person by a name in another script, in any case, and by each of its words', async () => {
    const best = async (query: string) => search(query, 1);
    expect([await best('Тлеуберди'), await best('ТІЛЕУБЕРДІ'), await best('Мұхтар Тілеуберді'), await best('Сергей'), await best('лавров')]).toEqual([
      [{ __typename: 'Person', slug: 'mukhtar-tileuberdi' }],
      [{ __typename: 'Person', slug: 'mukhtar-tileuberdi' }],
      [{ __typename: 'Person', slug: 'mukhtar-tileuberdi' }],
      [{ __typename: 'Person', slug: 'sergey-lavrov' }],
      [{ __typename: 'Person', slug: 'sergey-lavrov' }],
    ]);
  });

  test('finds "Токаев" once his record holds that name', async () => {
    const UPDATE = `mutation Update($input: UpdatePersonInput!) { updatePerson(id: "kassym-jomart-tokayev", input: $input) { person { names { value lang } } } }`;
    const updated = await writer.written(UPDATE, { input: { names: [{ value: 'Токаев', lang: 'ru' }] } });
    expect(updated.updatePerson.person.names).toEqual([
      { value: 'Токаев', lang: 'ru' },
      { value: 'Kassym-Jomart Tokayev', lang: null },
    ]);
    const data = await api.data(`query ByCyrillicName { people(filter: { text: "Токаев" }) { nodes { slug } } }`);
    expect(data.people.nodes).toEqual([{ slug: 'kassym-jomart-tokayev' }]);
    expect(await search('Токаев', 1)).toEqual([{ __typename: 'Person', slug: 'kassym-jomart-tokayev' }]);
  });

  test('finds a name written only in another script by its Latin transliteration', async () => {
    // No Latin name of the topic resembles "yadernaya": only the transliteration of "ядерная безопасность" does.
    expect(await search('yadernaya bezopasnost')).toEqual([{ __typename: 'Topic', slug: 'nuclear-safety' }]);
  });

  test('finds a Latin-only name by a query in another script, transliterated', async () => {
    expect(await search('Блинкен', 1)).toEqual([{ __typename: 'Person', slug: 'antony-blinken' }]);
  });

  test('the text filters match names in other languages too', async () => {
    const data = await api.data(`query Filters {
      people(filter: { text: "Лавров" }) { nodes { slug } }
      kazakh: people(filter: { text: "тілеуберді" }) { nodes { slug } }
      topics(filter: { text: "ядерная" }) { nodes { slug } }
      latin: topics(filter: { text: "yadernaya" }) { nodes { slug } }
    }`);
    expect(data).toEqual({
      people: { nodes: [{ slug: 'sergey-lavrov' }] },
      kazakh: { nodes: [{ slug: 'mukhtar-tileuberdi' }] },
      topics: { nodes: [{ slug: 'nuclear-safety' }] },
      latin: { nodes: [{ slug: 'nuclear-safety' }] },
    });
  });

  test('matches "ё" and "е" alike, in any case, on both stores', async () => {
    expect([await search('СЕРГЕЙ', 1), await search('Сергёй', 1)]).toEqual([
      [{ __typename: 'Person', slug: 'sergey-lavrov' }],
      [{ __typename: 'Person', slug: 'sergey-lavrov' }],
    ]);
  });
});

describe('writing names', () => {
  const CREATE = `mutation Create($input: CreateTopicInput!) { createTopic(input: $input) { topic { slug names { value lang } } } }`;
  const UPDATE = `mutation Update($id: ID!, $input: UpdateTopicInput!) { updateTopic(id: $id, input: $input) { topic { slug names { value lang } } } }`;

  test('a created topic is found by its names at once; null clears them', async () => {
    const created = await writer.written(CREATE, { input: { name: 'grain exports', names: [{ value: 'экспорт зерна', lang: 'ru' }] } });
    expect(created.createTopic.topic).toEqual({
      slug: 'grain-exports',
      names: [
        { value: 'экспорт зерна', lang: 'ru' },
        { value: 'grain exports', lang: null },
      ],
    });
    expect([await search('зерна'), await search('eksport zerna')]).toEqual([[{ __typename: 'Topic', slug: 'grain-exports' }], [{ __typename: 'Topic', slug: 'grain-exports' }]]);

    const cleared = await writer.written(UPDATE, { id: 'grain-exports', input: { names: null } });
    expect(cleared.updateTopic.topic.names).toEqual([{ value: 'grain exports', lang: null }]);
    expect(await search('зерна')).toEqual([]);
  });

  test('a name without a well-formed language tag, or with white space around it, is refused at its input path', async () => {
    const body = await writer.write(CREATE, {
      input: {
        name: 'wheat',
        names: [
          { value: 'пшеница', lang: 'russian language' },
          { value: 'бидай', lang: 'kk' },
          { value: ' бидай', lang: 'kk' },
        ],
      },
    });
    expect(body.data).toEqual({ createTopic: null });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [
        { path: 'input.names.0.lang', message: 'must be a BCP 47 language tag such as "en", "ru" or "kk-Cyrl"' },
        { path: 'input.names.2.value', message: 'must not start or end with white space' },
      ],
    });
  });

  test('a name repeated in the same language is refused', async () => {
    const body = await writer.write(CREATE, { input: { name: 'wheat', names: [{ value: 'бидай', lang: 'kk' }, { value: 'бидай', lang: 'KK' }] } });
    expect(body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ path: 'input.names.1', message: 'repeats the name "бидай" in kk' }] });
  });
});
