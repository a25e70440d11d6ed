/**
 * How each kind of graph node and edge looks: a shape (so the types differ without colour
 * too), a size, and the legend's words. Colours live in explorer.css (`.kind-person`, ...).
 */
import type { EdgeKind, NodeKind } from './graph-model';

export interface NodeStyle {
  /** The legend's name of the kind. */
  label: string;
  /** Half the shape's size, in pixels. */
  radius: number;
  shape: 'circle' | 'diamond' | 'square' | 'triangle' | 'hexagon' | 'star';
  /** Labelled in bold: the landmarks a reader finds their way by. */
  bold?: boolean;
}

/** The node kinds, in legend order. */
export const NODE_STYLES: Record<NodeKind, NodeStyle> = {
  person: { label: 'Person', radius: 9, shape: 'circle' },
  office: { label: 'Office', radius: 9, shape: 'diamond' },
  meeting: { label: 'Meeting', radius: 8, shape: 'square' },
  visit: { label: 'Visit', radius: 11, shape: 'square', bold: true },
  organization: { label: 'Organization', radius: 9, shape: 'triangle' },
  format: { label: 'Format', radius: 10, shape: 'star' },
  country: { label: 'Country', radius: 10, shape: 'hexagon', bold: true },
};

/** The edge kinds, in legend order, with what the edge says. */
export const EDGE_LABELS: Record<EdgeKind, string> = {
  participation: 'took part in',
  holds: 'holds office',
  'of-country': 'of country',
  'part-of': 'part of visit',
  format: 'held in format',
};

/** The SVG path of a shape centred on (0, 0). */
export function shapePath(shape: NodeStyle['shape'], r: number): string {
  switch (shape) {
    case 'circle':
      return `M${-r},0a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0Z`;
    case 'square': {
      const s = r * 0.9;
      return `M${-s},${-s}H${s}V${s}H${-s}Z`;
    }
    case 'diamond':
      return polygon(4, r * 1.2, -Math.PI / 2);
    case 'triangle':
      return polygon(3, r * 1.25, -Math.PI / 2, r * 0.2);
    case 'hexagon':
      return polygon(6, r * 1.05, 0);
    case 'star':
      return star(5, r * 1.3, r * 0.6);
  }
}

function polygon(sides: number, r: number, rotation: number, dy = 0): string {
  const points = Array.from({ length: sides }, (_, i) => {
    const angle = rotation + (2 * Math.PI * i) / sides;
    return `${round(r * Math.cos(angle))},${round(r * Math.sin(angle) + dy)}`;
  });
  return `M${points.join('L')}Z`;
}

function star(points: number, outer: number, inner: number): string {
  const corners = Array.from({ length: points * 2 }, (_, i) => {
    const r = i % 2 === 0 ? outer : inner;
    const angle = -Math.PI / 2 + (Math.PI * i) / points;
    return `${round(r * Math.cos(angle))},${round(r * Math.sin(angle))}`;
  });
  return `M${corners.join('L')}Z`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
