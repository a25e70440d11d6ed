/**
 * The timeline: one row per meeting (parts indented under their visit), a bar from the
 * earliest to the latest possible day, and, where the source leaves a bound open, a bar
 * fading out toward that side. Only the rows in view are in the DOM, so thousands of
 * meetings scroll as lightly as eight.
 */
import { el, onActivate, svg } from './dom';
import type { EntityRef } from './entity';
import { dateTicks, daySpan, formatDay, spanDomain, type DaySpan } from './fuzzy-date';
import type { ExplorerMeeting } from './meeting-pages';
import { textWidth, truncate } from './text-fit';
import { timelineRows, type TimelineRow } from './timeline-rows';

const ROW_HEIGHT = 26;
const AXIS_HEIGHT = 24;
/** Room right of the chart for the label of a tick at its end ("May 2023"), so the last month is named. */
const LAST_TICK_ROOM = 52;
/** Rows drawn beyond each edge of the view, so that scrolling never shows a gap. */
const OVERSCAN = 6;
const INDENT = 16;
const FONT_SIZE = 12;

interface Layout {
  width: number;
  titleWidth: number;
  dateX: number;
  chartLeft: number;
  chartRight: number;
  start: number;
  end: number;
}

/** The timeline panel's drawing. */
export class TimelineView {
  private readonly axis = svg('svg', { class: 'tl-axis', 'aria-hidden': 'true', height: AXIS_HEIGHT });
  private readonly body = svg('svg', { class: 'tl-body', role: 'group', 'aria-label': 'Timeline of meetings' });
  private readonly grid = svg('g', { class: 'tl-grid' });
  private readonly rowLayer = svg('g', { class: 'tl-rows' });
  private readonly scroller: HTMLDivElement;
  private rows: TimelineRow[] = [];
  private spans = new Map<string, DaySpan>();
  private drawnRows = new Map<string, SVGGElement>();
  private layout: Layout | null = null;
  private selectedId: string | null = null;
  private frame = 0;

  constructor(
    private readonly container: HTMLElement,
    private readonly onSelect: (ref: EntityRef) => void,
  ) {
    this.body.append(gradients(), this.grid, this.rowLayer);
    this.scroller = el('div', { class: 'tl-scroll' }, [this.body]);
    container.append(this.axis, this.scroller);
    this.scroller.addEventListener('scroll', () => this.schedule());
    this.rowLayer.addEventListener('keydown', (event) => this.moveFocus(event));
    new ResizeObserver(() => this.redraw()).observe(container);
  }

  /** Shows `meetings` (every loaded one: the view draws only what is in sight). */
  render(meetings: readonly ExplorerMeeting[]): void {
    this.rows = timelineRows(meetings);
    this.spans = new Map(meetings.map((meeting) => [meeting.id, daySpan(meeting.date)]));
    this.body.setAttribute('aria-label', `Timeline of ${meetings.length} meetings, by date`);
    this.redraw();
  }

  /** Marks the meeting `id` as selected and scrolls it into view. */
  select(id: string | null): void {
    this.selectedId = id;
    for (const [rowId, element] of this.drawnRows) element.classList.toggle('is-selected', rowId === id);
    const index = this.rows.findIndex((row) => row.meeting.id === id);
    if (index < 0) return;
    const top = index * ROW_HEIGHT;
    const { scrollTop, clientHeight } = this.scroller;
    if (top < scrollTop || top + ROW_HEIGHT > scrollTop + clientHeight) this.scroller.scrollTop = top - clientHeight / 3;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.drawVisible();
    });
  }

  /** Recomputes the scale and axis, and redraws every row in view. */
  private redraw(): void {
    const width = this.container.clientWidth;
    if (width === 0) return;
    const font = `${FONT_SIZE}px ${getComputedStyle(this.container).fontFamily}`;
    const labels = new Set(this.rows.map((row) => row.meeting.date.label));
    const dateWidth = Math.min(Math.round(Math.min(260, Math.max(180, width * 0.27))), [...labels].reduce((widest, label) => Math.max(widest, textWidth(label, font)), 60)) + 16;
    const titleWidth = Math.round(Math.min(340, Math.max(160, width * 0.32)));
    const { start, end } = spanDomain([...this.spans.values()]);
    this.layout = { width, titleWidth, dateX: titleWidth + 8, chartLeft: titleWidth + 8 + dateWidth, chartRight: width - 16 - LAST_TICK_ROOM, start, end };
    const height = Math.max(ROW_HEIGHT, this.rows.length * ROW_HEIGHT);
    for (const element of [this.axis, this.body]) element.setAttribute('width', String(width));
    this.body.setAttribute('height', String(height));
    this.drawAxis(this.layout, height);
    for (const element of this.drawnRows.values()) element.remove();
    this.drawnRows.clear();
    this.drawVisible();
  }

  private drawAxis(layout: Layout, height: number): void {
    const ticks = dateTicks(layout.start, layout.end, Math.max(2, Math.floor((layout.chartRight - layout.chartLeft) / 80)));
    this.axis.replaceChildren(
      svg('text', { class: 'tl-axis-heading', x: 8, y: 16 }, ['Meeting']),
      svg('text', { class: 'tl-axis-heading', x: layout.dateX, y: 16 }, ['Date as reported']),
      svg('line', { class: 'tl-axis-line', x1: layout.chartLeft, x2: layout.chartRight, y1: AXIS_HEIGHT - 0.5, y2: AXIS_HEIGHT - 0.5 }),
      ...this.tickLabels(layout, ticks),
    );
    this.grid.replaceChildren(
      ...ticks.map((tick) => svg('line', { class: 'tl-gridline', 'data-tick': tick.label, x1: x(layout, tick.day), x2: x(layout, tick.day), y1: 0, y2: height })),
    );
  }

  /** The days the timeline spans (day numbers), or null before it is drawn. */
  span(): { start: number; end: number } | null {
    return this.layout ? { start: this.layout.start, end: this.layout.end } : null;
  }

  /**
   * A label per tick, right of its gridline; one that would run off the right edge ends at
   * its gridline instead, unless it would then touch the label before it (its gridline still
   * shows the month).
   */
  private tickLabels(layout: Layout, ticks: readonly { day: number; label: string }[]): SVGTextElement[] {
    const font = `11px ${getComputedStyle(this.container).fontFamily}`;
    const labels: SVGTextElement[] = [];
    let previousRight = -Infinity;
    for (const tick of ticks) {
      const at = x(layout, tick.day);
      const width = textWidth(tick.label, font);
      if (at + 3 + width <= layout.width) {
        labels.push(svg('text', { class: 'tl-tick', x: at + 3, y: 16 }, [tick.label]));
        previousRight = at + 3 + width;
      } else if (at - 3 - width >= previousRight + 6) {
        labels.push(svg('text', { class: 'tl-tick', x: at - 3, y: 16, 'text-anchor': 'end' }, [tick.label]));
        previousRight = at;
      }
    }
    return labels;
  }

  /** Adds the rows now in view and removes those scrolled far out of it (keeping a focused one). */
  private drawVisible(): void {
    const layout = this.layout;
    if (!layout) return;
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, Math.ceil((this.scroller.scrollTop + this.scroller.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const wanted = new Set(this.rows.slice(first, last).map((row) => row.meeting.id));
    for (const [id, element] of this.drawnRows) {
      if (wanted.has(id) || element.contains(document.activeElement)) continue;
      element.remove();
      this.drawnRows.delete(id);
    }
    for (let index = first; index < last; index++) {
      const row = this.rows[index]!;
      if (this.drawnRows.has(row.meeting.id)) continue;
      const element = this.drawRow(layout, row, index);
      this.drawnRows.set(row.meeting.id, element);
      this.rowLayer.append(element);
    }
  }

  private drawRow(layout: Layout, row: TimelineRow, index: number): SVGGElement {
    const { meeting } = row;
    const font = `${row.depth === 0 && row.partCount > 0 ? '600 ' : ''}${FONT_SIZE}px ${getComputedStyle(this.container).fontFamily}`;
    const indent = 8 + row.depth * INDENT;
    const middle = ROW_HEIGHT / 2;
    const isVisit = row.partCount > 0 || meeting.kind === 'VISIT';
    const span = this.spans.get(meeting.id) ?? { start: null, end: null };
    const element = svg(
      'g',
      {
        class: `tl-row${isVisit ? ' is-visit' : ''}${meeting.id === this.selectedId ? ' is-selected' : ''}`,
        transform: `translate(0,${index * ROW_HEIGHT})`,
        role: 'button',
        tabindex: 0,
        'aria-label': `${meeting.title}, ${meeting.date.label}`,
        'data-id': meeting.id,
        'data-index': index,
      },
      [
        svg('title', {}, [`${meeting.title}\n${meeting.date.label} (${describeSpan(span)})`]),
        svg('rect', { class: 'tl-row-bg', x: 0, y: 0, width: layout.width, height: ROW_HEIGHT }),
        row.depth > 0 && svg('path', { class: 'tl-branch', d: `M${indent - 9},0V${middle}H${indent - 3}` }),
        svg('text', { class: 'tl-title', x: indent, y: middle }, [truncate(meeting.title, layout.titleWidth - indent, font)]),
        svg('text', { class: 'tl-date', x: layout.dateX, y: middle }, [truncate(meeting.date.label, layout.chartLeft - layout.dateX - 8, `${FONT_SIZE}px ${getComputedStyle(this.container).fontFamily}`)]),
        ...bar(layout, span, isVisit ? 'visit' : 'meeting'),
      ],
    );
    onActivate(element, () => this.onSelect({ type: 'Meeting', id: meeting.id, slug: meeting.slug, name: meeting.title }));
    return element;
  }

  /** Up and down arrows move between rows, drawing them as they come into view. */
  private moveFocus(event: KeyboardEvent): void {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const current = (event.target as Element).closest('.tl-row')?.getAttribute('data-index');
    if (current === null || current === undefined) return;
    event.preventDefault();
    const index = Math.max(0, Math.min(this.rows.length - 1, Number(current) + (event.key === 'ArrowDown' ? 1 : -1)));
    const top = index * ROW_HEIGHT;
    if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
    else if (top + ROW_HEIGHT > this.scroller.scrollTop + this.scroller.clientHeight) this.scroller.scrollTop = top + ROW_HEIGHT - this.scroller.clientHeight;
    this.drawVisible();
    this.drawnRows.get(this.rows[index]!.meeting.id)?.focus();
  }
}

/** The x of the start of `day`. */
function x(layout: Layout, day: number): number {
  return layout.chartLeft + ((day - layout.start) / (layout.end - layout.start)) * (layout.chartRight - layout.chartLeft);
}

/** A span's bar: solid between known bounds; from a known bound, fading to the chart's edge on an open side. */
function bar(layout: Layout, span: DaySpan, tone: 'meeting' | 'visit'): SVGElement[] {
  const height = tone === 'visit' ? 12 : 10;
  const y = (ROW_HEIGHT - height) / 2;
  const left = span.start === null ? layout.chartLeft : x(layout, span.start);
  const right = span.end === null ? layout.chartRight : x(layout, span.end + 1);
  const open = span.start === null ? (span.end === null ? 'both' : 'left') : span.end === null ? 'right' : null;
  const width = Math.max(4, right - left);
  const shapes: SVGElement[] = [
    svg('rect', {
      class: `tl-bar tone-${tone} ${open ? `is-open-${open}` : 'is-closed'}`,
      x: open ? left : left - (width - (right - left)) / 2,
      y,
      width,
      height,
      rx: open ? 0 : 2,
      fill: open ? `url(#tl-fade-${open}-${tone})` : undefined,
    }),
  ];
  // A firm edge marks the bound the source does give.
  if (open === 'left') shapes.push(svg('line', { class: `tl-bound tone-${tone}`, x1: right, x2: right, y1: y - 3, y2: y + height + 3 }));
  if (open === 'right') shapes.push(svg('line', { class: `tl-bound tone-${tone}`, x1: left, x2: left, y1: y - 3, y2: y + height + 3 }));
  return shapes;
}

function describeSpan(span: DaySpan): string {
  if (span.start === null && span.end === null) return 'no known bounds';
  if (span.start === null) return `at the latest ${formatDay(span.end!)}`;
  if (span.end === null) return `at the earliest ${formatDay(span.start)}`;
  return span.start === span.end ? formatDay(span.start) : `${formatDay(span.start)} to ${formatDay(span.end)}`;
}

/** Gradients for open bounds, per tone: opaque at the known bound, transparent at the open side. */
function gradients(): SVGDefsElement {
  const fade = (id: string, stops: [number, number][], tone: string) =>
    svg(
      'linearGradient',
      { id, x1: 0, x2: 1, y1: 0, y2: 0 },
      stops.map(([offset, opacity]) => svg('stop', { offset, class: `stop-${tone}`, 'stop-opacity': opacity })),
    );
  return svg(
    'defs',
    {},
    ['meeting', 'visit'].flatMap((tone) => [
      fade(`tl-fade-left-${tone}`, [[0, 0], [0.6, 0.45], [1, 1]], tone),
      fade(`tl-fade-right-${tone}`, [[0, 1], [0.4, 0.45], [1, 0]], tone),
      fade(`tl-fade-both-${tone}`, [[0, 0], [0.5, 0.5], [1, 0]], tone),
    ]),
  );
}
