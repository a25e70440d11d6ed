/** The graph's legend: each node kind's shape and colour, each edge kind's stroke. */
import { el, svg } from './dom';
import type { EdgeKind, NodeKind } from './graph-model';
import { EDGE_LABELS, NODE_STYLES, shapePath } from './node-styles';

/** Fills `list` with one item per node kind and edge kind present in the graph. */
export function renderLegend(list: HTMLElement, nodeKinds: ReadonlySet<NodeKind>, edgeKinds: ReadonlySet<EdgeKind>): void {
  const nodes = (Object.keys(NODE_STYLES) as NodeKind[]).filter((kind) => nodeKinds.has(kind)).map((kind) => {
    const style = NODE_STYLES[kind];
    const swatch = svg('svg', { class: 'legend-swatch', width: 18, height: 18, viewBox: '-9 -9 18 18', 'aria-hidden': 'true' }, [
      svg('path', { class: `node-shape kind-${kind}`, d: shapePath(style.shape, Math.min(7, style.radius * 0.7)) }),
    ]);
    return el('li', {}, [swatch, style.label]);
  });
  const edges = (Object.keys(EDGE_LABELS) as EdgeKind[]).filter((kind) => edgeKinds.has(kind)).map((kind) => {
    const swatch = svg('svg', { class: 'legend-swatch', width: 26, height: 18, 'aria-hidden': 'true' }, [svg('line', { class: `edge edge-${kind}`, x1: 1, x2: 25, y1: 9, y2: 9 })]);
    return el('li', { class: 'legend-edge' }, [swatch, EDGE_LABELS[kind]]);
  });
  list.replaceChildren(...nodes, ...edges);
}
