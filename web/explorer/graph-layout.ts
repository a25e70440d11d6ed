/**
 * The force layout of the relationship graph (d3-force): links pull related entities
 * together, charge spreads them, and a box-collision force keeps each node's shape and
 * label clear of every other's, so that labels never overlap.
 */
import { forceLink, forceManyBody, forceSimulation, forceX, forceY, type Simulation, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';
import type { EdgeKind, GraphEdge, GraphNode } from './graph-model';

/** A node being laid out: its box covers its shape and its label, centred `dy` below the node. */
export interface LayoutNode extends GraphNode, SimulationNodeDatum {
  x: number;
  y: number;
  width: number;
  height: number;
  dy: number;
}

export interface LayoutEdge extends SimulationLinkDatum<LayoutNode> {
  kind: EdgeKind;
  source: LayoutNode;
  target: LayoutNode;
}

const DISTANCE: Record<EdgeKind, number> = { participation: 55, holds: 35, 'of-country': 80, 'part-of': 45, format: 45 };
const STRENGTH: Record<EdgeKind, number> = { participation: 0.5, holds: 0.9, 'of-country': 0.35, 'part-of': 0.7, format: 0.7 };

/**
 * A simulation of `nodes` and `edges`, already run to rest (so the first drawing is the
 * final one) and stopped; dragging restarts it. `aspect` (width / height) shapes the layout
 * like its panel.
 */
export function layoutGraph(nodes: LayoutNode[], edges: GraphEdge[], aspect: number): { simulation: Simulation<LayoutNode, LayoutEdge>; edges: LayoutEdge[] } {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const links: LayoutEdge[] = edges.map((edge) => ({ kind: edge.kind, source: byId.get(edge.source)!, target: byId.get(edge.target)! }));
  // A deterministic start (a spiral, as d3 would) so that the same data always draws the same picture.
  nodes.forEach((node, i) => {
    const radius = 12 * Math.sqrt(0.5 + i);
    const angle = i * Math.PI * (3 - Math.sqrt(5));
    node.x = radius * Math.cos(angle) * Math.sqrt(aspect);
    node.y = radius * Math.sin(angle) / Math.sqrt(aspect);
  });
  const pull = 0.06;
  const simulation = forceSimulation<LayoutNode, LayoutEdge>(nodes)
    .force('link', forceLink<LayoutNode, LayoutEdge>(links).distance((link) => DISTANCE[link.kind]).strength((link) => STRENGTH[link.kind]))
    .force('charge', forceManyBody<LayoutNode>().strength(-220).distanceMax(320))
    .force('x', forceX<LayoutNode>(0).strength(pull / Math.max(1, aspect)))
    .force('y', forceY<LayoutNode>(0).strength(pull * Math.min(2.5, Math.max(1, aspect))))
    .force('boxes', forceBoxCollide(4, aspect))
    .alphaDecay(0.012)
    .stop();
  const ticks = Math.ceil(Math.log(simulation.alphaMin()) / Math.log(1 - simulation.alphaDecay()));
  simulation.tick(ticks);
  stretchToAspect(nodes, aspect);
  // Settle what overlap is left with the boxes alone, the other forces at rest.
  const boxes = forceBoxCollide(4, aspect);
  boxes.initialize(nodes);
  for (let i = 0; i < 60; i++) {
    boxes(0);
    for (const node of nodes) {
      node.x += node.vx ?? 0;
      node.y += node.vy ?? 0;
      node.vx = 0;
      node.vy = 0;
    }
  }
  return { simulation, edges: links };
}

/**
 * Spreads the nodes (not their labels) along the layout's narrower side, by up to a third,
 * so that it fills a panel of `aspect` instead of leaving a band empty. Spreading only
 * moves nodes apart, so it makes no new overlap.
 */
function stretchToAspect(nodes: LayoutNode[], aspect: number): void {
  const xs = nodes.map((node) => node.x);
  const ys = nodes.map((node) => node.y);
  const width = Math.max(...xs) - Math.min(...xs);
  const height = Math.max(...ys) - Math.min(...ys);
  if (width <= 0 || height <= 0) return;
  const ratio = aspect / (width / height);
  const [axis, factor] = ratio > 1 ? (['x', Math.min(ratio, 4 / 3)] as const) : (['y', Math.min(1 / ratio, 4 / 3)] as const);
  for (const node of nodes) node[axis] *= factor;
}

/**
 * Pushes apart any two nodes whose boxes (shape plus label, with `padding`) overlap, along
 * the axis where they overlap least, horizontal overlaps counting `aspect` times less (a
 * wide panel has room sideways). Sweep and prune on x keeps it near-linear.
 */
function forceBoxCollide(padding: number, aspect: number) {
  let nodes: LayoutNode[] = [];
  const force = (alpha: number) => {
    const strength = 0.5 + 0.5 * (1 - alpha);
    const sorted = [...nodes].sort((a, b) => left(a) - left(b));
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i]!;
      const aRight = left(a) + a.width + padding;
      for (let j = i + 1; j < sorted.length && left(sorted[j]!) < aRight; j++) {
        const b = sorted[j]!;
        const dx = next(b, 'x') - next(a, 'x');
        const dy = next(b, 'y') + b.dy - (next(a, 'y') + a.dy);
        const overlapX = (a.width + b.width) / 2 + padding - Math.abs(dx);
        const overlapY = (a.height + b.height) / 2 + padding - Math.abs(dy);
        if (overlapX <= 0 || overlapY <= 0) continue;
        if (overlapX < overlapY * aspect) {
          const shift = (overlapX / 2) * strength * (dx < 0 ? -1 : 1);
          a.vx = (a.vx ?? 0) - shift;
          b.vx = (b.vx ?? 0) + shift;
        } else {
          const shift = (overlapY / 2) * strength * (dy < 0 ? -1 : 1);
          a.vy = (a.vy ?? 0) - shift;
          b.vy = (b.vy ?? 0) + shift;
        }
      }
    }
  };
  force.initialize = (all: LayoutNode[]) => {
    nodes = all;
  };
  return force;
}

function left(node: LayoutNode): number {
  return next(node, 'x') - node.width / 2;
}

/** Where the node is heading this tick: its position plus its velocity. */
function next(node: LayoutNode, axis: 'x' | 'y'): number {
  return axis === 'x' ? node.x + (node.vx ?? 0) : node.y + (node.vy ?? 0);
}
