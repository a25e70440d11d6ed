/**
 * The first article's facts, queried over HTTP by a client that knows only DESIGN.md's
 * names: people with their countries and offices, Umarov's meetings, the C5+1, topics,
 * office holders over time and capitals.
 */
import { startTestServer, type TestServer } from '../helpers/test-server';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

describe('people', () => {
  test('lists every person the article names, with country and offices', async () => {
    const data = await api.data(`query PeopleWithOffices {
      people(first: 100) { totalCount nodes { name country { isoCode } offices { title country { isoCode } } } }
    }`);
    expect(data).toEqual({
      people: {
        totalCount: 6,
        nodes: [
          { name: 'Antony Blinken', country: { isoCode: 'US' }, offices: [{ title: 'Secretary of State', country: { isoCode: 'US' } }] },
          { name: 'Kairat Umarov', country: { isoCode: 'KZ' }, offices: [{ title: 'First Deputy Foreign Minister', country: { isoCode: 'KZ' } }] },
          { name: 'Kassym-Jomart Tokayev', country: { isoCode: 'KZ' }, offices: [{ title: 'President', country: { isoCode: 'KZ' } }] },
          {
            name: 'Mallory Stewart',
            country: { isoCode: 'US' },
            offices: [{ title: 'Assistant Secretary of State for Arms Control, Verification and Compliance', country: { isoCode: 'US' } }],
          },
          { name: 'Richard Verma', country: { isoCode: 'US' }, offices: [{ title: 'Deputy Secretary of State for Management and Resources', country: { isoCode: 'US' } }] },
          { name: 'Victoria Nuland', country: { isoCode: 'US' }, offices: [{ title: 'Under Secretary of State for Political Affairs', country: { isoCode: 'US' } }] },
        ],
      },
    });
  });

  test('a person by slug carries verbatim citations of the article', async () => {
    const data = await api.data(`query UmarovCitations {
      person(slug: "kairat-umarov") { name citations { quote source { slug kind publisher { name } } } }
    }`);
    const source = { slug: 'urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation', kind: 'NEWS_ARTICLE', publisher: { name: 'UrduPoint News' } };
    expect(data.person.name).toBe('Kairat Umarov');
    expect(data.person.citations).toContainEqual({ quote: "Kazakhstan's First Deputy Foreign Minister Kairat Umarov", source });
  });

  test('an unknown slug is null, not an error', async () => {
    expect(await api.query('query Nobody { person(slug: "no-such-person") { name } }')).toEqual({ data: { person: null } });
  });
});

describe("Umarov's visit", () => {
  test('his meetings: the visit, three bilateral meetings and the talks with the US leadership', async () => {
    const data = await api.data(`query UmarovMeetings {
      person(slug: "kairat-umarov") {
        meetings(first: 10, orderBy: { field: TITLE, direction: ASC }) {
          totalCount
          nodes { title kind date { label earliest latest precision } partOf { slug } }
        }
      }
    }`);
    // "On or before 30 April 2023" (the statement's day), and after Blinken's late-February visit, whose outcomes the meetings discussed.
    const onOrBefore = { label: 'between 21 February and 30 April 2023', earliest: '2023-02-21', latest: '2023-04-30', precision: 'DAY_RANGE' };
    const visit = { slug: 'kairat-umarov-visit-to-the-united-states-2023' };
    expect(data.person.meetings).toEqual({
      totalCount: 5,
      nodes: [
        { title: 'Kairat Umarov meets Mallory Stewart', kind: 'BILATERAL_MEETING', date: onOrBefore, partOf: visit },
        { title: 'Kairat Umarov meets Richard Verma', kind: 'BILATERAL_MEETING', date: onOrBefore, partOf: visit },
        { title: 'Kairat Umarov meets Victoria Nuland', kind: 'BILATERAL_MEETING', date: onOrBefore, partOf: visit },
        { title: "Kairat Umarov's visit to the United States", kind: 'VISIT', date: onOrBefore, partOf: null },
        { title: 'Talks between Kairat Umarov and the US leadership', kind: 'TALKS', date: onOrBefore, partOf: visit },
      ],
    });
  });

  test('the visit contains its meetings and the talks', async () => {
    const data = await api.data(`query VisitParts {
      meeting(slug: "kairat-umarov-visit-to-the-united-states-2023") {
        coding { cameoCode cameoName ploverCategory ploverMode }
        parts { slug }
        participants { role label person { name } office { title } country { isoCode } }
      }
    }`);
    expect(data.meeting).toEqual({
      coding: { cameoCode: '042', cameoName: 'Make a visit', ploverCategory: 'CONSULT', ploverMode: 'VISIT' },
      parts: [
        { slug: 'kairat-umarov-mallory-stewart-meeting-2023' },
        { slug: 'kairat-umarov-richard-verma-meeting-2023' },
        { slug: 'kairat-umarov-talks-with-us-leadership-2023' },
        { slug: 'kairat-umarov-victoria-nuland-meeting-2023' },
      ],
      participants: [
        { role: 'VISITOR', label: null, person: { name: 'Kairat Umarov' }, office: { title: 'First Deputy Foreign Minister' }, country: { isoCode: 'KZ' } },
        // "among other US officials": unnamed, so only their country and the article's words.
        { role: 'HOST', label: 'other US officials', person: null, office: null, country: { isoCode: 'US' } },
      ],
    });
  });

  test('the talks name bodies, not people, in the article\'s words', async () => {
    const data = await api.data(`query Talks {
      meeting(slug: "kairat-umarov-talks-with-us-leadership-2023") {
        participants { role label person { name } organization { name } }
        topics { slug }
        outcomes { cameoCode cameoName ploverCategory citations { quote } }
      }
    }`);
    expect(data.meeting.participants).toEqual([
      { role: 'VISITOR', label: null, person: { name: 'Kairat Umarov' }, organization: null },
      { role: 'HOST', label: 'the leadership of the White House', person: null, organization: { name: 'White House' } },
      { role: 'HOST', label: 'the State Department', person: null, organization: { name: 'State Department' } },
      { role: 'HOST', label: 'the Department of Defense', person: null, organization: { name: 'Department of Defense' } },
      { role: 'HOST', label: 'members of the US Congress', person: null, organization: { name: 'US Congress' } },
    ]);
    expect(data.meeting.topics).toEqual([{ slug: 'politics' }, { slug: 'security' }, { slug: 'trade' }]);
    expect(data.meeting.outcomes).toHaveLength(1);
    expect(data.meeting.outcomes[0]).toMatchObject({ cameoCode: '030', ploverCategory: 'AGREE' });
  });

  test('energy, regional security and political cooperation, said of the meetings together, are stated once, on the visit', async () => {
    const data = await api.data(`query BilateralTopics {
      meetings(first: 20) { nodes { slug coding { cameoCode ploverCategory ploverMode } topicMentions { topic { slug } citations { quote } } } }
      energy: topic(slug: "energy") { meetings(first: 10) { totalCount nodes { slug } } }
    }`);
    type Node = { slug: string; coding: object; topicMentions: { topic: { slug: string }; citations: { quote: string }[] }[] };
    const nodes: Node[] = data.meetings.nodes;
    const bySlug = new Map(nodes.map((node) => [node.slug, node]));
    for (const slug of ['kairat-umarov-richard-verma-meeting-2023', 'kairat-umarov-victoria-nuland-meeting-2023', 'kairat-umarov-mallory-stewart-meeting-2023']) {
      // The article says what was discussed of the meetings together, not of each: none is copied onto a meeting.
      expect(bySlug.get(slug)).toEqual({ slug, coding: { cameoCode: '040', ploverCategory: 'CONSULT', ploverMode: null }, topicMentions: [] });
    }
    const statement = 'with the sides discussing energy, regional security and political cooperation';
    const stating = nodes.flatMap((node) => node.topicMentions.filter((mention) => mention.citations.some(({ quote }) => quote === statement)).map((mention) => `${node.slug}: ${mention.topic.slug}`));
    expect(stating).toEqual([
      'kairat-umarov-visit-to-the-united-states-2023: energy',
      'kairat-umarov-visit-to-the-united-states-2023: regional-security',
      'kairat-umarov-visit-to-the-united-states-2023: political-cooperation',
    ]);
    // Energy is stated twice in the article: of Umarov's meetings, and of Blinken and Tokayev's.
    expect(data.energy.meetings).toEqual({
      totalCount: 2,
      nodes: expect.arrayContaining([{ slug: 'kairat-umarov-visit-to-the-united-states-2023' }, { slug: 'antony-blinken-kassym-jomart-tokayev-meeting-2023' }]),
    });
  });
});

describe('the C5+1 ministerial', () => {
  test('has six countries, Blinken and five foreign ministers the article does not name', async () => {
    const data = await api.data(`query C5Plus1 {
      meeting(slug: "c5-plus-1-ministerial-astana-2023") {
        title kind location { name country { name } } format { name kind }
        date { label earliest latest precision }
        countries { isoCode }
        coding { cameoCode ploverCategory ploverMode }
        participants { role label person { name } office { title } country { isoCode } }
        partOf { title }
      }
    }`);
    const minister = (isoCode: string, name: string) => ({ role: 'PARTICIPANT', label: `foreign minister of ${name}`, person: null, office: { title: 'Foreign Minister' }, country: { isoCode } });
    expect(data).toEqual({
      meeting: {
        title: 'C5+1 ministerial meeting in Astana',
        kind: 'MINISTERIAL',
        location: { name: 'Astana', country: { name: 'Kazakhstan' } },
        format: { name: 'C5+1', kind: 'DIPLOMATIC_FORMAT' },
        date: { label: 'late February 2023', earliest: '2023-02-21', latest: '2023-02-28', precision: 'PART_OF_MONTH' },
        countries: [{ isoCode: 'KZ' }, { isoCode: 'KG' }, { isoCode: 'TJ' }, { isoCode: 'TM' }, { isoCode: 'UZ' }, { isoCode: 'US' }],
        coding: { cameoCode: '040', ploverCategory: 'CONSULT', ploverMode: null },
        participants: [
          { role: 'PARTICIPANT', label: null, person: { name: 'Antony Blinken' }, office: { title: 'Secretary of State' }, country: { isoCode: 'US' } },
          minister('KZ', 'Kazakhstan'),
          minister('KG', 'Kyrgyzstan'),
          minister('TJ', 'Tajikistan'),
          minister('TM', 'Turkmenistan'),
          minister('UZ', 'Uzbekistan'),
        ],
        partOf: { title: "Antony Blinken's visit to Kazakhstan" },
      },
    });
  });

  test('the format lists its member countries', async () => {
    const data = await api.data('query Format { organization(slug: "c5-plus-1") { memberCountries { name } meetings { nodes { slug } } } }');
    expect(data.organization).toEqual({
      memberCountries: [{ name: 'Kazakhstan' }, { name: 'Kyrgyzstan' }, { name: 'Tajikistan' }, { name: 'Turkmenistan' }, { name: 'Uzbekistan' }, { name: 'United States' }],
      meetings: { nodes: [{ slug: 'c5-plus-1-ministerial-astana-2023' }] },
    });
  });
});

describe('offices over time', () => {
  test("the Secretary of State's holder: latest known, and as of a day", async () => {
    const data = await api.data(`query SecretaryOfState {
      office(slug: "united-states-secretary-of-state") {
        title country { name } organization { name }
        holder { name }
        afterVisit: holder(asOf: "2023-03-15") { name }
        beforeAttested: holder(asOf: "2023-01-01") { name }
        tenures { start { label earliest latest precision } end { label } person { name } }
      }
    }`);
    expect(data.office).toEqual({
      title: 'Secretary of State',
      country: { name: 'United States' },
      organization: { name: 'State Department' },
      holder: { name: 'Antony Blinken' },
      afterVisit: { name: 'Antony Blinken' },
      beforeAttested: null,
      tenures: [
        {
          start: { label: 'on or before late February 2023', earliest: null, latest: '2023-02-28', precision: 'ON_OR_BEFORE' },
          end: null,
          person: { name: 'Antony Blinken' },
        },
      ],
    });
  });

  test('an open end is not stated, not still in office: 2040 has no attested holder, only a possible one', async () => {
    const data = await api.data(`query SecretaryIn2040 {
      office(slug: "united-states-secretary-of-state") {
        holder(asOf: "2040-01-01") { name }
        holders(asOf: "2040-01-01") { person { name } tenure { slug } certainty }
      }
    }`);
    expect(data.office).toEqual({
      holder: null,
      holders: [{ person: { name: 'Antony Blinken' }, tenure: { slug: 'antony-blinken-as-secretary-of-state' }, certainty: 'POSSIBLE' }],
    });
  });

  test("Blinken's tenure is attested from the last day of the late-February meetings to the article's date", async () => {
    const data = await api.data(`query SecretaryAttested {
      office(slug: "united-states-secretary-of-state") {
        tenures { attestedFrom attestedUntil status }
        duringC5: holders(asOf: "2023-02-25") { person { name } certainty }
        duringC5Holder: holder(asOf: "2023-02-25") { name }
        lastDayOfC5: holders(asOf: "2023-02-28") { person { name } certainty }
        lastDayOfC5Holder: holder(asOf: "2023-02-28") { name }
        articleDay: holder(asOf: "2023-04-30") { name }
        dayAfter: holders(asOf: "2023-05-01") { certainty }
        dayAfterHolder: holder(asOf: "2023-05-01") { name }
      }
    }`);
    expect(data.office).toEqual({
      tenures: [{ attestedFrom: '2023-02-28', attestedUntil: '2023-04-30', status: 'STATED_CURRENT' }],
      // The C5+1 meeting lies somewhere in 21-28 February: the 25th is possible, not attested.
      duringC5: [{ person: { name: 'Antony Blinken' }, certainty: 'POSSIBLE' }],
      duringC5Holder: null,
      lastDayOfC5: [{ person: { name: 'Antony Blinken' }, certainty: 'ATTESTED' }],
      lastDayOfC5Holder: { name: 'Antony Blinken' },
      articleDay: { name: 'Antony Blinken' },
      dayAfter: [{ certainty: 'POSSIBLE' }],
      dayAfterHolder: null,
    });
  });

  test("Umarov's tenure: no end given, named First Deputy Foreign Minister as of the statement's day", async () => {
    const data = await api.data(`query UmarovTenure {
      person(slug: "kairat-umarov") { tenures { office { title } end { label } attestedFrom attestedUntil status } }
    }`);
    expect(data.person.tenures).toEqual([
      { office: { title: 'First Deputy Foreign Minister' }, end: null, attestedFrom: '2023-04-30', attestedUntil: '2023-04-30', status: 'STATED_CURRENT' },
    ]);
  });

  test('holders needs a day', async () => {
    const result = await api.query('query NoDay { office(slug: "united-states-secretary-of-state") { holders { certainty } } }');
    expect(result.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test("a person's offices as of a day honour fuzzy tenure dates", async () => {
    const data = await api.data(`query UmarovOffices {
      person(slug: "kairat-umarov") {
        all: offices { title }
        onStatementDay: offices(asOf: "2023-04-30") { title }
        before: offices(asOf: "2023-04-29") { title }
      }
    }`);
    expect(data.person).toEqual({
      all: [{ title: 'First Deputy Foreign Minister' }],
      onStatementDay: [{ title: 'First Deputy Foreign Minister' }],
      before: [],
    });
  });
});

describe('countries and places', () => {
  test("Kazakhstan's capital, by slug and by ISO code in any case", async () => {
    const data = await api.data(`query Capital {
      bySlug: country(slug: "kazakhstan") { name isoCode capital { name kind } }
      byCode: country(isoCode: "kz") { name }
      unknown: country(isoCode: "ZZ") { name }
    }`);
    expect(data).toEqual({
      bySlug: { name: 'Kazakhstan', isoCode: 'KZ', capital: { name: 'Astana', kind: 'CITY' } },
      byCode: { name: 'Kazakhstan' },
      unknown: null,
    });
  });

  test("a country's people, organizations and meetings", async () => {
    const data = await api.data(`query KazakhstanGraph {
      country(isoCode: "KZ") {
        people { nodes { name } }
        organizations { nodes { name parent { name } } }
        meetings { totalCount }
      }
    }`);
    expect(data.country).toEqual({
      people: { nodes: [{ name: 'Kairat Umarov' }, { name: 'Kassym-Jomart Tokayev' }] },
      organizations: { nodes: [{ name: 'Kazakh Foreign Ministry', parent: { name: 'Kazakh government' } }, { name: 'Kazakh government', parent: null }] },
      meetings: { totalCount: 8 },
    });
  });

  test('meetings held in Astana', async () => {
    const data = await api.data('query Astana { place(slug: "astana") { name country { isoCode } meetings(orderBy: { field: TITLE, direction: ASC }) { nodes { title } } } }');
    expect(data.place).toEqual({
      name: 'Astana',
      country: { isoCode: 'KZ' },
      meetings: { nodes: [{ title: "Antony Blinken's visit to Kazakhstan" }, { title: 'C5+1 ministerial meeting in Astana' }] },
    });
  });
});

describe('topics and sources', () => {
  test('topics form a tree and list their meetings', async () => {
    const data = await api.data(`query Security {
      topic(slug: "security") { name parent { slug } children { slug } meetings(orderBy: { field: TITLE, direction: ASC }) { nodes { title } } }
      regional: topic(slug: "regional-security") { parent { slug } }
    }`);
    expect(data).toEqual({
      topic: {
        name: 'security',
        parent: null,
        children: [{ slug: 'regional-security' }],
        meetings: { nodes: [{ title: 'Antony Blinken meets Kassym-Jomart Tokayev' }, { title: 'Talks between Kairat Umarov and the US leadership' }] },
      },
      regional: { parent: { slug: 'security' } },
    });
  });

  test('the article cites the ministry statement it reports', async () => {
    const data = await api.data(`query Article {
      source(slug: "urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation") {
        title kind publishedOn url dateline { name } publisher { name kind }
        cites { title kind publishedOn publisher { name } }
      }
    }`);
    expect(data.source).toEqual({
      title: 'Kazakhstan, US Outline Prospects For Development Of Strategic Cooperation - Astana',
      kind: 'NEWS_ARTICLE',
      publishedOn: '2023-04-30',
      url: null,
      dateline: { name: 'Moscow' },
      publisher: { name: 'UrduPoint News', kind: 'NEWS_OUTLET' },
      cites: [
        {
          title: 'Statement by the Kazakh Foreign Ministry, 30 April 2023',
          kind: 'OFFICIAL_STATEMENT',
          publishedOn: '2023-04-30',
          publisher: { name: 'Kazakh Foreign Ministry' },
        },
      ],
    });
  });
});

describe('search', () => {
  test('finds entities by name, case- and accent-insensitive, best match first', async () => {
    const data = await api.data(`query Search {
      nuland: search(query: "NÚLAND") { __typename ... on Person { slug } ... on Meeting { slug } }
      c5: search(query: "c5+1", first: 1) { __typename ... on Organization { slug } }
      office: search(query: "secretary of state", first: 1) { ... on Office { slug } }
      empty: search(query: "   ") { __typename }
    }`);
    expect(data).toEqual({
      nuland: [
        { __typename: 'Person', slug: 'victoria-nuland' },
        { __typename: 'Meeting', slug: 'kairat-umarov-victoria-nuland-meeting-2023' },
      ],
      c5: [{ __typename: 'Organization', slug: 'c5-plus-1' }],
      office: [{ slug: 'united-states-secretary-of-state' }],
      empty: [],
    });
  });
});

describe('provenance', () => {
  test('every person is named in the article, and every quote of theirs occurs in it verbatim', async () => {
    const { readFileSync } = await import('node:fs');
    const article = readFileSync(require.resolve('../../data/sources/urdupoint-2023-04-30-kazakhstan-us-strategic-cooperation.txt'), 'utf8');
    const data = await api.data('query People { people(first: 100) { nodes { name citations { quote } } } }');
    expect(data.people.nodes).toHaveLength(6);
    for (const person of data.people.nodes) {
      expect(article).toContain(person.name);
      expect(person.citations.length).toBeGreaterThan(0);
      for (const citation of person.citations) expect(article).toContain(citation.quote);
    }
  });
});
