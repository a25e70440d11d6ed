/**
 * The relationship graph of a set of meetings: the meetings, and the people, offices,
 * organizations, formats and countries around them, with edges for participation,
 * holding an office, belonging to a country, being part of a visit, and a meeting's format.
 */
import type { EntityRef, EntityType } from './entity';
import type { ExplorerMeeting } from './meeting-pages';

/** How a node is drawn: a visit is a meeting that holds others, a format an organization meetings are held in. */
export type NodeKind = 'person' | 'office' | 'meeting' | 'visit' | 'organization' | 'format' | 'country';

/** How two nodes are related. */
export type EdgeKind = 'participation' | 'holds' | 'of-country' | 'part-of' | 'format';

export interface GraphNode {
  /** The entity's global id. */
  id: string;
  kind: NodeKind;
  ref: EntityRef;
  /** The name drawn: an office's title names its country too, since five offices may be "Foreign Minister". */
  label: string;
}

export interface GraphEdge {
  source: string;
  target: string;
  kind: EdgeKind;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** How many of the meetings given fit under the node limit. */
  meetingCount: number;
}

type Named = { id: string; slug: string; name?: string; title?: string; country?: { isoCode: string } | null };

/**
 * The graph of `meetings`' neighbourhood, adding whole meetings (with all their neighbours)
 * in order while the graph stays within `maxNodes`.
 */
export function buildGraph(meetings: readonly ExplorerMeeting[], maxNodes: number): Graph {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const shownMeetings = new Set(meetings.map((meeting) => meeting.id));
  let meetingCount = 0;

  for (const meeting of meetings) {
    const local = neighbourhood(meeting, shownMeetings);
    const added = local.nodes.filter((node) => !nodes.has(node.id)).length;
    if (meetingCount > 0 && nodes.size + added > maxNodes) {
      shownMeetings.delete(meeting.id);
      continue;
    }
    meetingCount++;
    for (const node of local.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
    for (const edge of local.edges) edges.set(`${edge.source} ${edge.target}`, edge);
  }
  // An office held by someone of the same country reaches that country through its holder:
  // drawing both would double every country's spokes without saying more.
  const holders = new Map<string, string[]>();
  for (const edge of edges.values()) if (edge.kind === 'holds') holders.set(edge.target, [...(holders.get(edge.target) ?? []), edge.source]);
  const redundant = (edge: GraphEdge) =>
    edge.kind === 'of-country' && (holders.get(edge.source) ?? []).some((person) => edges.has(`${person} ${edge.target}`));
  const kept = [...edges.values()].filter((edge) => nodes.has(edge.source) && nodes.has(edge.target) && !redundant(edge));
  return { nodes: [...nodes.values()], edges: kept, meetingCount };
}

/** One meeting with everything it links to directly. */
function neighbourhood(meeting: ExplorerMeeting, shownMeetings: ReadonlySet<string>): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const add = (kind: NodeKind, type: EntityType, entity: Named): string => {
    const name = entity.name ?? entity.title ?? entity.slug;
    const label = kind === 'office' && entity.country ? `${name} (${entity.country.isoCode})` : name;
    nodes.push({ id: entity.id, kind, label, ref: { type, id: entity.id, slug: entity.slug, name } });
    return entity.id;
  };
  const link = (source: string, target: string, kind: EdgeKind) => edges.push({ source, target, kind });

  const isVisit = meeting.kind === 'VISIT';
  const meetingId = add(isVisit ? 'visit' : 'meeting', 'Meeting', meeting);
  if (meeting.partOf && shownMeetings.has(meeting.partOf.id)) link(meetingId, meeting.partOf.id, 'part-of');
  if (meeting.format) {
    link(meetingId, add('format', 'Organization', meeting.format), 'format');
    if (meeting.format.country) link(meeting.format.id, add('country', 'Country', meeting.format.country), 'of-country');
  }
  for (const participant of meeting.participants) {
    const { person, office, organization } = participant;
    // The participant is its most specific entity; the office a person acted in is a "holds" edge.
    if (person) {
      link(add('person', 'Person', person), meetingId, 'participation');
      if (person.country) link(person.id, add('country', 'Country', person.country), 'of-country');
      if (office) link(person.id, add('office', 'Office', office), 'holds');
    } else if (office) {
      link(add('office', 'Office', office), meetingId, 'participation');
    } else if (organization) {
      link(add('organization', 'Organization', organization), meetingId, 'participation');
      if (organization.country) link(organization.id, add('country', 'Country', organization.country), 'of-country');
    }
    if (office) link(office.id, add('country', 'Country', office.country), 'of-country');
  }
  return { nodes, edges };
}
