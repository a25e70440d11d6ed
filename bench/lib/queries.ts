/** The benchmark's three queries, with arguments picked from the data the server holds. */
import { graphql } from './processes';

export interface BenchQuery {
  name: 'deep' | 'filtered' | 'nodes';
  description: string;
  /** The exact POST body sent. */
  body: string;
}

export const DEEP_QUERY = `query Deep {
  meetings(first: 20) {
    nodes {
      id
      title
      date { label earliest latest precision }
      topics { slug name }
      participants {
        role
        person {
          id
          name
          offices {
            title
            organization {
              name
              country { name isoCode }
            }
          }
        }
      }
    }
  }
}`;

export const FILTERED_QUERY = `query Filtered($participant: ID!, $topic: String!, $from: Date, $to: Date) {
  meetings(first: 20, filter: { participants: [$participant], topics: [$topic], from: $from, to: $to }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id title date { label } countries { isoCode } topics { slug } }
  }
}`;

export const NODES_QUERY = `query Nodes($ids: [ID!]!) {
  nodes(ids: $ids) {
    id
    ... on Meeting { title date { label } }
    ... on Person { name }
    ... on Organization { name }
    ... on Office { title }
    ... on Country { name isoCode }
    ... on Place { name }
    ... on Topic { name }
    ... on Source { title }
    ... on Tenure { start { label } }
  }
}`;

export async function benchQueries(url: string): Promise<BenchQuery[]> {
  const filtered = await filteredPageLike(url);
  return [
    { name: 'deep', description: '20 meetings → participants → person → offices → organization → country, plus topics', body: JSON.stringify({ query: DEEP_QUERY }) },
    { name: 'filtered', description: `a page of 20 meetings filtered by participant + date range + topic, with totalCount (${filtered.totalCount} match)`, body: filtered.body },
    { name: 'nodes', description: 'nodes(ids) with 50 global ids of several types', body: JSON.stringify({ query: NODES_QUERY, variables: { ids: await fiftyIds(url) } }) },
  ];
}

/**
 * A filtered page whose filters all bite: the person with the most meetings (among the
 * first 40 by name), the topic most of those meetings share, and the dates they span.
 */
export async function filteredPageLike(url: string): Promise<{ body: string; totalCount: number }> {
  type Meeting = { date: { earliest: string | null; latest: string | null }; topics: { slug: string }[] };
  const data = await graphql<{ people: { nodes: { id: string; meetings: { totalCount: number; nodes: Meeting[] } }[] } }>(
    url,
    'query PickFiltered { people(first: 40) { nodes { id meetings(first: 40) { totalCount nodes { date { earliest latest } topics { slug } } } } } }',
  );
  const person = [...data.people.nodes].sort((a, b) => b.meetings.totalCount - a.meetings.totalCount)[0];
  if (!person || person.meetings.totalCount === 0) throw new Error('no person with meetings to build the filtered query from');
  const topicCounts = new Map<string, number>();
  for (const meeting of person.meetings.nodes) for (const { slug } of meeting.topics) topicCounts.set(slug, (topicCounts.get(slug) ?? 0) + 1);
  const topic = [...topicCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  if (!topic) throw new Error('the busiest person has no meeting with a topic');
  const dates = person.meetings.nodes.filter((m) => m.topics.some((t) => t.slug === topic)).flatMap((m) => [m.date.earliest, m.date.latest]).filter((d): d is string => d !== null).sort();
  const variables = { participant: person.id, topic, from: dates[0] ?? null, to: dates[dates.length - 1] ?? null };
  const body = JSON.stringify({ query: FILTERED_QUERY, variables });
  const page = await graphql<{ meetings: { totalCount: number } }>(url, FILTERED_QUERY, variables);
  return { body, totalCount: page.meetings.totalCount };
}

/** 50 global ids spread over the types (repeating when the data holds fewer). */
async function fiftyIds(url: string): Promise<string[]> {
  const types = ['meetings', 'people', 'organizations', 'offices', 'countries', 'places', 'topics', 'sources'];
  const data = await graphql<Record<string, { nodes: { id: string }[] }>>(url, `query PickIds { ${types.map((type) => `${type}(first: 20) { nodes { id } }`).join(' ')} }`);
  const lists = types.map((type) => data[type]!.nodes.map((node) => node.id));
  const ids: string[] = [];
  // Round robin over the types, so every type is looked up.
  for (let i = 0; ids.length < 50 && lists.some((list) => i < list.length); i++) for (const list of lists) if (i < list.length && ids.length < 50) ids.push(list[i]!);
  for (let i = 0; ids.length < 50; i++) ids.push(ids[i]!);
  return ids;
}
