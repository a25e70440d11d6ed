/**
 * The counts-over-time chart above the timeline: meetings per month of every meeting the
 * API holds (`meetingStats`, grouped by MONTH), as bars. A bar's dark part counts the
 * meetings certainly in that month (CERTAIN); its full height adds the shares of those whose
 * dates span several months (SPLIT: a meeting of "between 21 February and 30 April" adds
 * 8/69 to February); meetings with an open bound are not in any bar, and the caption says how
 * many. A band marks the span the timeline below shows.
 */
import { replaceChildren, svg } from './dom';

/** A month's counts: `certain` meetings certainly in it, `share` the sum of every meeting's share of it. */
export interface MonthCount {
  /** "2023-02". */
  month: string;
  certain: number;
  share: number;
}

const HEIGHT = 34;
const AXIS = 13;

export class CountsChart {
  private readonly element = svg('svg', { class: 'counts-svg', role: 'img', height: HEIGHT + AXIS });
  private months: MonthCount[] = [];
  private span: { start: number; end: number } | null = null;

  constructor(private readonly container: HTMLElement) {
    container.append(this.element);
    new ResizeObserver(() => this.draw()).observe(container);
  }

  /** Draws the counts; `unbounded` meetings have an open bound and are in no month. */
  render(months: MonthCount[], unbounded: number): void {
    this.months = months;
    const total = Math.round(months.reduce((sum, month) => sum + month.share, 0));
    this.element.setAttribute(
      'aria-label',
      `Meetings per month, ${months[0]?.month ?? ''} to ${months.at(-1)?.month ?? ''}: ${total} counted${unbounded > 0 ? `, ${unbounded} with an open date bound not counted` : ''}`,
    );
    this.draw();
  }

  /** Marks the days the timeline shows (day numbers as Date.UTC / 86,400,000), or none. */
  showSpan(span: { start: number; end: number } | null): void {
    this.span = span;
    this.draw();
  }

  private draw(): void {
    const width = this.container.clientWidth;
    if (width === 0 || this.months.length === 0) {
      replaceChildren(this.element, []);
      return;
    }
    this.element.setAttribute('width', String(width));
    const first = monthIndex(this.months[0]!.month);
    const last = monthIndex(this.months.at(-1)!.month);
    const count = last - first + 1;
    const left = 8;
    const right = width - 8;
    const step = (right - left) / count;
    const x = (index: number) => left + (index - first) * step;
    const busiest = Math.max(1, ...this.months.map((month) => month.share));
    const y = (value: number) => HEIGHT - (value / busiest) * (HEIGHT - 6);
    const bars = this.months.flatMap((month) => {
      const at = x(monthIndex(month.month));
      const barWidth = Math.max(1, step - (step > 4 ? 1 : 0));
      const label = `${monthName(month.month)}: ${format(month.certain)} certainly in the month, ${format(month.share)} with the shares of dates spanning months`;
      return [
        svg('rect', { class: 'counts-share', x: at.toFixed(1), y: y(month.share).toFixed(1), width: barWidth.toFixed(1), height: (HEIGHT - y(month.share)).toFixed(1) }, [svg('title', {}, [label])]),
        month.certain > 0 ? svg('rect', { class: 'counts-certain', x: at.toFixed(1), y: y(month.certain).toFixed(1), width: barWidth.toFixed(1), height: (HEIGHT - y(month.certain)).toFixed(1) }, [svg('title', {}, [label])]) : null,
      ].filter((bar): bar is SVGRectElement => bar !== null);
    });
    // Year ticks, thinned to one label per ~70 px.
    const years = Math.max(1, Math.ceil(70 / (step * 12)));
    const ticks: SVGElement[] = [];
    for (let index = first; index <= last; index++) {
      const year = Math.floor(index / 12);
      if (index % 12 !== 0 && index !== first) continue;
      if (year % years !== 0 && index !== first) continue;
      ticks.push(svg('line', { class: 'counts-tick', x1: x(index).toFixed(1), x2: x(index).toFixed(1), y1: HEIGHT, y2: HEIGHT + 4 }));
      if (x(index) + 30 <= right) ticks.push(svg('text', { class: 'counts-year', x: (x(index) + 2).toFixed(1), y: HEIGHT + AXIS - 2 }, [String(year)]));
    }
    const band = this.spanBand(x, first, last);
    replaceChildren(this.element, [band, ...bars, svg('line', { class: 'counts-base', x1: left, x2: right, y1: HEIGHT + 0.5, y2: HEIGHT + 0.5 }), ...ticks]);
  }

  /** The band of the timeline's span, in month units (a day's place within its month). */
  private spanBand(x: (index: number) => number, first: number, last: number): SVGElement | null {
    if (!this.span) return null;
    const at = (day: number) => {
      const date = new Date(day * 86_400_000);
      const index = date.getUTCFullYear() * 12 + date.getUTCMonth();
      const days = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
      return Math.min(last + 1, Math.max(first, index + (date.getUTCDate() - 1) / days));
    };
    const from = x(at(this.span.start));
    const to = x(at(this.span.end));
    return svg('rect', { class: 'counts-span', x: from.toFixed(1), y: 0, width: Math.max(2, to - from).toFixed(1), height: HEIGHT }, [svg('title', {}, ['The span the timeline shows'])]);
  }
}

function monthIndex(month: string): number {
  const [year, number] = month.split('-').map(Number);
  return year! * 12 + number! - 1;
}

function monthName(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return new Date(Date.UTC(year!, number! - 1, 1)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
