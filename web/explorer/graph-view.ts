/**
 * The relationship graph as SVG: shapes and colours by kind, labels that wrap to two lines,
 * nodes that can be dragged, focused and activated (click, Enter or Space opens details),
 * hover or focus lighting a node's neighbourhood, and wheel zoom and drag to pan.
 */
import type { Simulation } from 'd3-force';
import { onActivate, svg } from './dom';
import type { EntityRef } from './entity';
import type { Graph } from './graph-model';
import { layoutGraph, type LayoutEdge, type LayoutNode } from './graph-layout';
import { NODE_STYLES, shapePath } from './node-styles';
import { textWidth, wrap } from './text-fit';

const LABEL_SIZE = 12;
const LINE_HEIGHT = 14;
const LABEL_WIDTH = 124;
/** A label wraps to at most this many lines (a meeting's title needs three), then ends in an ellipsis. */
const MAX_LABEL_LINES = 3;
/** How far the first drawing may magnify a small graph. */
const MAX_FIT_SCALE = 1.15;
/** Below this scale labels would be too small to read: only landmarks keep theirs (see explorer.css). */
const SPARSE_LABEL_SCALE = 0.6;

interface ViewBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A node with its label broken into lines. */
interface LabelledNode extends LayoutNode {
  lines: string[];
}

interface Drawn {
  node: LabelledNode;
  element: SVGGElement;
}

/** The graph panel's drawing. */
export class GraphView {
  readonly element: SVGSVGElement;
  private readonly edgeLayer = svg('g', { class: 'edges' });
  private readonly nodeLayer = svg('g', { class: 'nodes' });
  private drawn = new Map<string, Drawn>();
  private lines: { edge: LayoutEdge; element: SVGLineElement }[] = [];
  private simulation: Simulation<LayoutNode, LayoutEdge> | null = null;
  private view: ViewBox = { x: 0, y: 0, width: 1, height: 1 };
  private selectedId: string | null = null;
  /** Whether the reader zoomed or panned since the last fit; if not, a resize fits again. */
  private moved = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly onSelect: (ref: EntityRef) => void,
  ) {
    this.element = svg('svg', { class: 'graph-svg', role: 'group', 'aria-label': 'Relationship graph' }, [this.edgeLayer, this.nodeLayer]);
    container.append(this.element);
    this.enablePanAndZoom();
    new ResizeObserver(() => (this.moved ? this.applyViewBox() : this.fit())).observe(container);
  }

  /** Lays out and draws `graph`, replacing what was drawn. */
  render(graph: Graph, description: string): void {
    this.simulation?.stop();
    const family = getComputedStyle(this.container).fontFamily;
    const nodes = graph.nodes.map((node): LabelledNode => {
      const { radius, bold } = NODE_STYLES[node.kind];
      const font = `${bold ? '600 ' : ''}${LABEL_SIZE}px ${family}`;
      const lines = wrap(node.label, LABEL_WIDTH, MAX_LABEL_LINES, font);
      const width = Math.max(2 * radius, ...lines.map((line) => textWidth(line, font)));
      const height = 2 * radius + 4 + lines.length * LINE_HEIGHT;
      return { ...node, x: 0, y: 0, width, height, dy: height / 2 - radius, lines };
    });
    const aspect = Math.max(0.5, Math.min(3, this.container.clientWidth / Math.max(1, this.container.clientHeight)));
    const { simulation, edges } = layoutGraph(nodes, graph.edges, aspect);
    this.simulation = simulation;

    this.lines = edges.map((edge) => ({ edge, element: svg('line', { class: `edge edge-${edge.kind}` }) }));
    this.edgeLayer.replaceChildren(...this.lines.map((line) => line.element));
    this.drawn = new Map(nodes.map((node) => [node.id, { node, element: this.drawNode(node) }]));
    this.nodeLayer.replaceChildren(...[...this.drawn.values()].map((drawn) => drawn.element));
    this.element.setAttribute('aria-label', description);
    simulation.on('tick', () => this.place());
    this.place();
    this.fit();
    this.select(this.selectedId);
  }

  /** Marks the node of `id` (if drawn) and its links as selected. */
  select(id: string | null): void {
    this.selectedId = id;
    for (const { node, element } of this.drawn.values()) element.classList.toggle('is-selected', node.id === id);
    for (const { edge, element } of this.lines) element.classList.toggle('is-selected', edge.source.id === id || edge.target.id === id);
  }

  /** Zooms by `factor` (below 1 zooms in) around the centre. */
  zoom(factor: number): void {
    this.zoomAt(factor, this.view.x + this.view.width / 2, this.view.y + this.view.height / 2);
  }

  /** Frames the whole graph. */
  fit(): void {
    const nodes = [...this.drawn.values()].map((drawn) => drawn.node);
    if (nodes.length === 0) return;
    const minX = Math.min(...nodes.map((node) => node.x - node.width / 2));
    const maxX = Math.max(...nodes.map((node) => node.x + node.width / 2));
    const minY = Math.min(...nodes.map((node) => node.y + node.dy - node.height / 2));
    const maxY = Math.max(...nodes.map((node) => node.y + node.dy + node.height / 2));
    const pad = 16;
    let width = maxX - minX + 2 * pad;
    let height = maxY - minY + 2 * pad;
    const { clientWidth, clientHeight } = this.container;
    // Never blow a small graph up past MAX_FIT_SCALE: labels would look shouted.
    const scale = Math.min(clientWidth / width, clientHeight / height);
    if (scale > MAX_FIT_SCALE) {
      width = clientWidth / MAX_FIT_SCALE;
      height = clientHeight / MAX_FIT_SCALE;
    }
    this.view = { x: (minX + maxX) / 2 - width / 2, y: (minY + maxY) / 2 - height / 2, width, height };
    this.moved = false;
    this.applyViewBox();
  }

  private drawNode(node: LabelledNode): SVGGElement {
    const style = NODE_STYLES[node.kind];
    const label = svg(
      'text',
      { class: 'node-label', y: style.radius + 4 },
      node.lines.map((line) => svg('tspan', { x: 0, dy: LINE_HEIGHT - 1 }, [line])),
    );
    // A pale card behind the label: edges that cross it pass under the words, not through them.
    const labelWidth = Math.max(...node.lines.map((line) => textWidth(line, `${style.bold ? '600 ' : ''}${LABEL_SIZE}px ${getComputedStyle(this.container).fontFamily}`)));
    // It starts where the shape ends, so that the node (shape, card, words) is one target for the pointer.
    const back = svg('rect', { class: 'node-label-back', x: -labelWidth / 2 - 3, y: style.radius, width: labelWidth + 6, height: node.lines.length * LINE_HEIGHT + 6, rx: 3 });
    const element = svg('g', { class: `node kind-${node.kind}${style.bold ? ' is-bold' : ''}`, tabindex: 0, role: 'button', 'aria-label': `${node.label}, ${style.label.toLowerCase()}`, 'data-id': node.id }, [
      svg('title', {}, [`${node.label} · ${style.label}`]),
      svg('path', { class: 'node-shape', d: shapePath(style.shape, style.radius) }),
      back,
      label,
    ]);
    let dragged = false;
    onActivate(element, () => {
      if (dragged) dragged = false;
      else this.onSelect(node.ref);
    });
    element.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      event.stopPropagation();
      const start = { x: event.clientX, y: event.clientY };
      dragged = false;
      element.setPointerCapture(event.pointerId);
      const move = (moveEvent: PointerEvent) => {
        if (!dragged && Math.hypot(moveEvent.clientX - start.x, moveEvent.clientY - start.y) < 4) return;
        dragged = true;
        const point = this.toGraph(moveEvent.clientX, moveEvent.clientY);
        node.fx = point.x;
        node.fy = point.y;
        this.simulation?.alphaTarget(0.2).restart();
      };
      const end = () => {
        element.removeEventListener('pointermove', move);
        node.fx = null;
        node.fy = null;
        this.simulation?.alphaTarget(0);
      };
      element.addEventListener('pointermove', move);
      element.addEventListener('pointerup', end, { once: true });
      element.addEventListener('pointercancel', end, { once: true });
    });
    for (const [on, off] of [['pointerenter', 'pointerleave'], ['focus', 'blur']] as const) {
      element.addEventListener(on, () => this.light(node.id));
      element.addEventListener(off, () => this.light(null));
    }
    return element;
  }

  /** Lights `id` and its neighbours and dims the rest; null lights everything again. */
  private light(id: string | null): void {
    this.element.classList.toggle('is-lighting', id !== null);
    const lit = new Set(id === null ? [] : [id]);
    for (const { edge, element } of this.lines) {
      const touches = edge.source.id === id || edge.target.id === id;
      element.classList.toggle('is-lit', touches);
      if (touches) lit.add(edge.source.id).add(edge.target.id);
    }
    for (const { node, element } of this.drawn.values()) element.classList.toggle('is-lit', lit.has(node.id));
  }

  private place(): void {
    for (const { node, element } of this.drawn.values()) element.setAttribute('transform', `translate(${node.x.toFixed(1)},${node.y.toFixed(1)})`);
    for (const { edge, element } of this.lines) {
      element.setAttribute('x1', edge.source.x.toFixed(1));
      element.setAttribute('y1', edge.source.y.toFixed(1));
      element.setAttribute('x2', edge.target.x.toFixed(1));
      element.setAttribute('y2', edge.target.y.toFixed(1));
    }
  }

  private enablePanAndZoom(): void {
    this.element.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        const point = this.toGraph(event.clientX, event.clientY);
        this.zoomAt(Math.exp(event.deltaY * 0.0015), point.x, point.y);
      },
      { passive: false },
    );
    this.element.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      const start = { x: event.clientX, y: event.clientY, view: { ...this.view } };
      const perPixel = this.unitsPerPixel();
      this.element.setPointerCapture(event.pointerId);
      this.element.classList.add('is-panning');
      const move = (moveEvent: PointerEvent) => {
        this.moved = true;
        this.view = { ...start.view, x: start.view.x - (moveEvent.clientX - start.x) * perPixel, y: start.view.y - (moveEvent.clientY - start.y) * perPixel };
        this.applyViewBox();
      };
      const end = () => {
        this.element.removeEventListener('pointermove', move);
        this.element.classList.remove('is-panning');
      };
      this.element.addEventListener('pointermove', move);
      this.element.addEventListener('pointerup', end, { once: true });
      this.element.addEventListener('pointercancel', end, { once: true });
    });
  }

  private zoomAt(factor: number, x: number, y: number): void {
    this.moved = true;
    const clamped = Math.min(8, Math.max(0.125, factor));
    this.view = {
      x: x - (x - this.view.x) * clamped,
      y: y - (y - this.view.y) * clamped,
      width: this.view.width * clamped,
      height: this.view.height * clamped,
    };
    this.applyViewBox();
  }

  private applyViewBox(): void {
    const { x, y, width, height } = this.view;
    this.element.setAttribute('viewBox', `${x.toFixed(1)} ${y.toFixed(1)} ${width.toFixed(1)} ${height.toFixed(1)}`);
    this.element.classList.toggle('has-sparse-labels', 1 / this.unitsPerPixel() < SPARSE_LABEL_SCALE);
  }

  /** Graph units per screen pixel (the SVG keeps its aspect ratio, so one number for both axes). */
  private unitsPerPixel(): number {
    const { clientWidth, clientHeight } = this.element;
    return Math.max(this.view.width / Math.max(1, clientWidth), this.view.height / Math.max(1, clientHeight));
  }

  private toGraph(clientX: number, clientY: number): { x: number; y: number } {
    const matrix = this.element.getScreenCTM();
    if (!matrix) return { x: this.view.x, y: this.view.y };
    const point = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
    return { x: point.x, y: point.y };
  }
}
