/**
 * The PostGraphile 5 peer of `npm run bench -- --store postgres`: its Node 22 binary and
 * packages (installed from the npm registry into .tmp/ on first use, never into the
 * project's dependencies: PostGraphile 5 needs Node 22), the corpus in plain relational
 * tables, its equivalents of the deep query and the filtered page, and the normalized
 * content its answers are checked against Entente's with.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { fromGlobalId } from '../../src/schema/relay/global-id';
import { ROOT } from './processes';

const run = promisify(execFile);

/** Node 22 from the `node` npm package (it ships the binary): pinned, as the peer's packages are. */
export const NODE22_VERSION = '22.23.3';
const NODE22_PREFIX = path.join(ROOT, '.tmp/node22');
const PEER_SOURCE = path.join(ROOT, 'bench/peers/postgraphile');
const PEER_PREFIX = path.join(ROOT, '.tmp/postgraphile');

export interface PostGraphilePeer {
  /** The Node 22 binary. */
  node: string;
  /** The server script, in the prefix where its packages are installed. */
  script: string;
}

/**
 * Installs (first use) or finds Node 22 and PostGraphile 5 under .tmp/: `npm install` of the
 * pinned `node` package, then `npm ci` of bench/peers/postgraphile's package.json and lock.
 * Throws with npm's output when the registry cannot provide them.
 */
export async function installPostGraphile(log: (line: string) => void): Promise<PostGraphilePeer> {
  const node = path.join(NODE22_PREFIX, 'node_modules/.bin/node');
  if ((await versionOf(node)) !== `v${NODE22_VERSION}`) {
    log(`  installing Node ${NODE22_VERSION} from the npm registry into .tmp/node22 …`);
    await npm(['install', '--prefix', NODE22_PREFIX, '--no-save', '--no-audit', '--no-fund', `node@${NODE22_VERSION}`]);
    const version = await versionOf(node);
    if (version !== `v${NODE22_VERSION}`) throw new Error(`the node@${NODE22_VERSION} package gave ${node} answering ${version ?? 'nothing'} to --version`);
  }
  // The packages are (re)installed when the committed lock differs from the installed one.
  const lock = await readFile(path.join(PEER_SOURCE, 'package-lock.json'), 'utf8');
  const installed = await readFile(path.join(PEER_PREFIX, 'package-lock.json'), 'utf8').catch(() => null);
  if (installed !== lock || !existsSync(path.join(PEER_PREFIX, 'node_modules/postgraphile'))) {
    log('  installing PostGraphile 5 (bench/peers/postgraphile/package-lock.json) into .tmp/postgraphile …');
    await mkdir(PEER_PREFIX, { recursive: true });
    for (const name of ['package.json', 'package-lock.json']) await copyFile(path.join(PEER_SOURCE, name), path.join(PEER_PREFIX, name));
    await npm(['ci', '--prefix', PEER_PREFIX, '--no-audit', '--no-fund']);
  }
  const script = path.join(PEER_PREFIX, 'server.mjs');
  await copyFile(path.join(PEER_SOURCE, 'server.mjs'), script);
  return { node, script };
}

async function versionOf(node: string): Promise<string | null> {
  if (!existsSync(node)) return null;
  return run(node, ['--version']).then(({ stdout }) => stdout.trim(), () => null);
}

async function npm(args: string[]): Promise<void> {
  try {
    await run('npm', args, { cwd: ROOT, timeout: 600_000, maxBuffer: 16 << 20 });
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    throw new Error(`npm ${args[0]} failed: ${(failed.stderr || failed.message).trim().split('\n').slice(-8).join('\n')}`);
  }
}

/**
 * The tables, tuned for the two queries: the meetings' sort key (Entente's DATE order:
 * earliest, latest, slug) indexed for the deep query's first page; the participant and
 * topic postings indexed by person and by topic for the filtered page; every foreign key
 * indexed on the side the nested fields look it up from.
 */
const tables = (schema: string) => `
CREATE TABLE countries (slug text COLLATE "C" PRIMARY KEY, name text NOT NULL, iso_code text NOT NULL);
CREATE TABLE organizations (slug text COLLATE "C" PRIMARY KEY, name text NOT NULL, kind text NOT NULL, country_slug text COLLATE "C" REFERENCES countries);
CREATE TABLE people (slug text COLLATE "C" PRIMARY KEY, name text NOT NULL, country_slug text COLLATE "C" REFERENCES countries);
CREATE TABLE offices (slug text COLLATE "C" PRIMARY KEY, title text NOT NULL, organization_slug text COLLATE "C" REFERENCES organizations, country_slug text COLLATE "C" NOT NULL REFERENCES countries);
CREATE TABLE tenures (
  slug text COLLATE "C" PRIMARY KEY,
  person_slug text COLLATE "C" NOT NULL REFERENCES people,
  office_slug text COLLATE "C" NOT NULL REFERENCES offices,
  start_label text, start_earliest date, start_latest date,
  end_label text, end_earliest date, end_latest date,
  -- Entente's START order: a missing start first.
  start_sort date NOT NULL GENERATED ALWAYS AS (COALESCE(start_earliest, start_latest, '-infinity')) STORED,
  start_sort_end date NOT NULL GENERATED ALWAYS AS (COALESCE(start_latest, start_earliest, '-infinity')) STORED
);
CREATE INDEX ON tenures (person_slug, start_sort, start_sort_end, slug);
CREATE INDEX ON tenures (office_slug);
CREATE TABLE topics (slug text COLLATE "C" PRIMARY KEY, name text NOT NULL);
CREATE TABLE meetings (
  slug text COLLATE "C" PRIMARY KEY,
  title text NOT NULL,
  kind text NOT NULL,
  date_label text NOT NULL, date_earliest date, date_latest date, date_precision text NOT NULL,
  sort_start date NOT NULL GENERATED ALWAYS AS (COALESCE(date_earliest, date_latest, '-infinity')) STORED,
  sort_end date NOT NULL GENERATED ALWAYS AS (COALESCE(date_latest, date_earliest, '-infinity')) STORED
);
CREATE INDEX meetings_by_date ON meetings (sort_start DESC, sort_end DESC, slug DESC);
CREATE TABLE meeting_participants (
  meeting_slug text COLLATE "C" NOT NULL REFERENCES meetings,
  position int NOT NULL,
  person_slug text COLLATE "C" REFERENCES people,
  office_slug text COLLATE "C" REFERENCES offices,
  organization_slug text COLLATE "C" REFERENCES organizations,
  country_slug text COLLATE "C" NOT NULL REFERENCES countries,
  role text NOT NULL,
  label text,
  PRIMARY KEY (meeting_slug, position)
);
CREATE INDEX ON meeting_participants (person_slug, meeting_slug);
CREATE INDEX ON meeting_participants (office_slug);
CREATE INDEX ON meeting_participants (organization_slug);
CREATE INDEX ON meeting_participants (country_slug);
CREATE TABLE meeting_topics (
  meeting_slug text COLLATE "C" NOT NULL REFERENCES meetings,
  position int NOT NULL,
  topic_slug text COLLATE "C" NOT NULL REFERENCES topics,
  PRIMARY KEY (meeting_slug, position)
);
CREATE INDEX ON meeting_topics (topic_slug, meeting_slug);
CREATE TABLE meeting_countries (
  meeting_slug text COLLATE "C" NOT NULL REFERENCES meetings,
  position int NOT NULL,
  country_slug text COLLATE "C" NOT NULL REFERENCES countries,
  PRIMARY KEY (meeting_slug, position)
);
CREATE INDEX ON meeting_countries (country_slug);
CREATE INDEX ON organizations (country_slug);
CREATE INDEX ON people (country_slug);
CREATE INDEX ON offices (organization_slug);
CREATE INDEX ON offices (country_slug);
-- The filtered page: meetings one person took part in, with a topic, whose date may fall in
-- [from, to] (Entente's OVERLAPS: an unknown bound is open). The +order behavior gives its
-- connection an orderBy argument, so it is ordered as the deep query is. Its tables are named
-- with the schema, as PostGraphile's connections have no search_path set (SET search_path on
-- the function would stop PostgreSQL inlining it into PostGraphile's query).
CREATE FUNCTION filtered_meetings(participant text, topic text, "from" date, "to" date) RETURNS SETOF meetings
LANGUAGE sql STABLE AS $$
  SELECT m.* FROM "${schema}".meetings m
  WHERE m.slug IN (SELECT p.meeting_slug FROM "${schema}".meeting_participants p WHERE p.person_slug = participant)
    AND m.slug IN (SELECT t.meeting_slug FROM "${schema}".meeting_topics t WHERE t.topic_slug = topic)
    AND ("to" IS NULL OR m.date_earliest IS NULL OR m.date_earliest <= "to")
    AND ("from" IS NULL OR m.date_latest IS NULL OR m.date_latest >= "from")
$$;
COMMENT ON FUNCTION filtered_meetings(text, text, date, date) IS E'@behavior +order';
`;

interface FuzzyDate {
  label: string;
  earliest: string | null;
  latest: string | null;
  precision: string;
}

/** Rows per INSERT: each column goes as one array parameter, unnested. */
const BATCH = 5000;

/** Creates `schema` with the plain tables and loads a data directory's JSON files into them; returns the milliseconds it took. */
export async function loadPlainTables(dataDir: string, databaseUrl: string, schema: string): Promise<number> {
  const started = Date.now();
  const read = async <T>(name: string): Promise<T[]> => JSON.parse(await readFile(path.join(dataDir, `${name}.json`), 'utf8')) as T[];
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    await client.query(tables(schema));
    const insert = async (table: string, columns: [string, string][], rows: unknown[][]) => {
      for (let at = 0; at < rows.length; at += BATCH) {
        const batch = rows.slice(at, at + BATCH);
        const list = columns.map(([name]) => name).join(', ');
        const unnest = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
        await client.query(`INSERT INTO ${table} (${list}) SELECT * FROM unnest(${unnest})`, columns.map((_, i) => batch.map((row) => row[i] ?? null)));
      }
    };
    type Named = { slug: string; name: string };
    const countries = await read<Named & { isoCode: string }>('countries');
    await insert('countries', [['slug', 'text'], ['name', 'text'], ['iso_code', 'text']], countries.map((c) => [c.slug, c.name, c.isoCode]));
    const organizations = await read<Named & { kind: string; country?: string | null }>('organizations');
    await insert('organizations', [['slug', 'text'], ['name', 'text'], ['kind', 'text'], ['country_slug', 'text']], organizations.map((o) => [o.slug, o.name, o.kind, o.country]));
    const people = await read<Named & { country?: string | null }>('people');
    await insert('people', [['slug', 'text'], ['name', 'text'], ['country_slug', 'text']], people.map((p) => [p.slug, p.name, p.country]));
    const offices = await read<{ slug: string; title: string; organization?: string | null; country: string }>('offices');
    await insert('offices', [['slug', 'text'], ['title', 'text'], ['organization_slug', 'text'], ['country_slug', 'text']], offices.map((o) => [o.slug, o.title, o.organization, o.country]));
    const tenures = await read<{ slug: string; person: string; office: string; start?: FuzzyDate | null; end?: FuzzyDate | null }>('tenures');
    await insert(
      'tenures',
      [['slug', 'text'], ['person_slug', 'text'], ['office_slug', 'text'], ['start_label', 'text'], ['start_earliest', 'date'], ['start_latest', 'date'], ['end_label', 'text'], ['end_earliest', 'date'], ['end_latest', 'date']],
      tenures.map((t) => [t.slug, t.person, t.office, t.start?.label, t.start?.earliest, t.start?.latest, t.end?.label, t.end?.earliest, t.end?.latest]),
    );
    const topics = await read<Named>('topics');
    await insert('topics', [['slug', 'text'], ['name', 'text']], topics.map((t) => [t.slug, t.name]));
    type Participant = { person?: string | null; office?: string | null; organization?: string | null; country: string; role: string; label?: string | null };
    const meetings = await read<{ slug: string; title: string; kind: string; date: FuzzyDate; countries: string[]; participants: Participant[]; topics: { topic: string }[] }>('meetings');
    await insert(
      'meetings',
      [['slug', 'text'], ['title', 'text'], ['kind', 'text'], ['date_label', 'text'], ['date_earliest', 'date'], ['date_latest', 'date'], ['date_precision', 'text']],
      meetings.map((m) => [m.slug, m.title, m.kind, m.date.label, m.date.earliest, m.date.latest, m.date.precision]),
    );
    await insert(
      'meeting_participants',
      [['meeting_slug', 'text'], ['position', 'int'], ['person_slug', 'text'], ['office_slug', 'text'], ['organization_slug', 'text'], ['country_slug', 'text'], ['role', 'text'], ['label', 'text']],
      meetings.flatMap((m) => m.participants.map((p, i) => [m.slug, i, p.person, p.office, p.organization, p.country, p.role, p.label])),
    );
    await insert('meeting_topics', [['meeting_slug', 'text'], ['position', 'int'], ['topic_slug', 'text']], meetings.flatMap((m) => m.topics.map((t, i) => [m.slug, i, t.topic])));
    await insert('meeting_countries', [['meeting_slug', 'text'], ['position', 'int'], ['country_slug', 'text']], meetings.flatMap((m) => m.countries.map((c, i) => [m.slug, i, c])));
    // This schema's tables only: a bare ANALYZE would go through every schema of the database.
    for (const table of ['countries', 'organizations', 'people', 'offices', 'tenures', 'topics', 'meetings', 'meeting_participants', 'meeting_topics', 'meeting_countries']) await client.query(`ANALYZE ${table}`);
  } finally {
    await client.end();
  }
  return Date.now() - started;
}

const MEETING_ORDER = '[SORT_START_DESC, SORT_END_DESC, SLUG_DESC]';

/** The deep query in PostGraphile's schema: Person.offices is the person's tenures by start, each office once (see normalizeDeep). */
export const PGL_DEEP_QUERY = `query Deep {
  allMeetings(first: 20, orderBy: ${MEETING_ORDER}) {
    nodes {
      slug
      title
      dateLabel dateEarliest dateLatest datePrecision
      meetingTopicsByMeetingSlug(orderBy: POSITION_ASC) { nodes { topicByTopicSlug { slug name } } }
      meetingParticipantsByMeetingSlug(orderBy: POSITION_ASC) {
        nodes {
          role
          personByPersonSlug {
            slug
            name
            tenuresByPersonSlug(orderBy: [START_SORT_ASC, START_SORT_END_ASC, SLUG_ASC]) {
              nodes {
                officeByOfficeSlug {
                  slug
                  title
                  organizationByOrganizationSlug {
                    name
                    countryByCountrySlug { name isoCode }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}`;

export const PGL_FILTERED_QUERY = `query Filtered($participant: String!, $topic: String!, $from: Date, $to: Date) {
  filteredMeetings(participant: $participant, topic: $topic, from: $from, to: $to, first: 20, orderBy: ${MEETING_ORDER}) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      slug
      title
      dateLabel
      meetingCountriesByMeetingSlug(orderBy: POSITION_ASC) { nodes { countryByCountrySlug { isoCode } } }
      meetingTopicsByMeetingSlug(orderBy: POSITION_ASC) { nodes { topicSlug } }
    }
  }
}`;

/** PostGraphile's request body for one of Entente's bench queries (its variables' global ids as slugs); null for a query it has no equivalent of. */
export function postGraphileBody(name: string, enteteBody: string): string | null {
  if (name === 'deep') return JSON.stringify({ query: PGL_DEEP_QUERY });
  if (name !== 'filtered') return null;
  const { variables } = JSON.parse(enteteBody) as { variables: { participant: string; topic: string; from: string | null; to: string | null } };
  return JSON.stringify({ query: PGL_FILTERED_QUERY, variables: { ...variables, participant: slugOf(variables.participant) } });
}

function slugOf(id: string): string {
  const decoded = fromGlobalId(id);
  if (!decoded) throw new Error(`not a global id: ${id}`);
  return decoded.slug;
}

type Nodes<T> = { nodes: T[] };

/**
 * The content both servers' answers must agree on, in order: slugs, names, titles, dates,
 * roles, ISO codes (not ids or cursors, which each encodes its own way). Throws on errors.
 */
export function normalizedAnswer(name: string, server: 'entente' | 'postgraphile', text: string): unknown {
  const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown };
  if (body.errors !== undefined || !body.data) throw new Error(`${server} answered ${name} with errors: ${text.slice(0, 500)}`);
  const data = body.data as never;
  return name === 'deep' ? (server === 'entente' ? deepOfEntente(data) : deepOfPostGraphile(data)) : server === 'entente' ? filteredOfEntente(data) : filteredOfPostGraphile(data);
}

interface Office {
  title: string;
  organization: { name: string; country: { name: string; isoCode: string } | null } | null;
}

function deepOfEntente(data: {
  meetings: Nodes<{
    id: string;
    title: string;
    date: { label: string; earliest: string | null; latest: string | null; precision: string };
    topics: { slug: string; name: string }[];
    participants: { role: string; person: { id: string; name: string; offices: Office[] } | null }[];
  }>;
}): unknown {
  return data.meetings.nodes.map((m) => ({
    slug: slugOf(m.id),
    title: m.title,
    date: [m.date.label, m.date.earliest, m.date.latest, m.date.precision],
    topics: m.topics.map((t) => [t.slug, t.name]),
    participants: m.participants.map((p) => ({ role: p.role, person: p.person && { slug: slugOf(p.person.id), name: p.person.name, offices: p.person.offices } })),
  }));
}

type PglOffice = {
  slug: string;
  title: string;
  organizationByOrganizationSlug: { name: string; countryByCountrySlug: { name: string; isoCode: string } | null } | null;
};

function deepOfPostGraphile(data: {
  allMeetings: Nodes<{
    slug: string;
    title: string;
    dateLabel: string;
    dateEarliest: string | null;
    dateLatest: string | null;
    datePrecision: string;
    meetingTopicsByMeetingSlug: Nodes<{ topicByTopicSlug: { slug: string; name: string } }>;
    meetingParticipantsByMeetingSlug: Nodes<{ role: string; personByPersonSlug: { slug: string; name: string; tenuresByPersonSlug: Nodes<{ officeByOfficeSlug: PglOffice }> } | null }>;
  }>;
}): unknown {
  return data.allMeetings.nodes.map((m) => ({
    slug: m.slug,
    title: m.title,
    date: [m.dateLabel, m.dateEarliest, m.dateLatest, m.datePrecision],
    topics: m.meetingTopicsByMeetingSlug.nodes.map((t) => [t.topicByTopicSlug.slug, t.topicByTopicSlug.name]),
    participants: m.meetingParticipantsByMeetingSlug.nodes.map(({ role, personByPersonSlug: person }) => ({
      role,
      person: person && { slug: person.slug, name: person.name, offices: officesOf(person.tenuresByPersonSlug.nodes.map((t) => t.officeByOfficeSlug)) },
    })),
  }));
}

/** Entente's Person.offices from tenures by start: each office once, where first held. */
function officesOf(held: PglOffice[]): Office[] {
  const seen = new Set<string>();
  return held
    .filter((office) => !seen.has(office.slug) && seen.add(office.slug))
    .map((office) => ({
      title: office.title,
      organization: office.organizationByOrganizationSlug && {
        name: office.organizationByOrganizationSlug.name,
        country: office.organizationByOrganizationSlug.countryByCountrySlug,
      },
    }));
}

function filteredOfEntente(data: {
  meetings: { totalCount: number; pageInfo: { hasNextPage: boolean }; nodes: { id: string; title: string; date: { label: string }; countries: { isoCode: string }[]; topics: { slug: string }[] }[] };
}): unknown {
  const page = data.meetings;
  return {
    totalCount: page.totalCount,
    hasNextPage: page.pageInfo.hasNextPage,
    nodes: page.nodes.map((m) => [slugOf(m.id), m.title, m.date.label, m.countries.map((c) => c.isoCode), m.topics.map((t) => t.slug)]),
  };
}

function filteredOfPostGraphile(data: {
  filteredMeetings: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean };
    nodes: { slug: string; title: string; dateLabel: string; meetingCountriesByMeetingSlug: Nodes<{ countryByCountrySlug: { isoCode: string } }>; meetingTopicsByMeetingSlug: Nodes<{ topicSlug: string }> }[];
  };
}): unknown {
  const page = data.filteredMeetings;
  return {
    totalCount: page.totalCount,
    hasNextPage: page.pageInfo.hasNextPage,
    nodes: page.nodes.map((m) => [m.slug, m.title, m.dateLabel, m.meetingCountriesByMeetingSlug.nodes.map((c) => c.countryByCountrySlug.isoCode), m.meetingTopicsByMeetingSlug.nodes.map((t) => t.topicSlug)]),
  };
}
