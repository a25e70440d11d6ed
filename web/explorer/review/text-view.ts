/**
 * The report's text with each proposed item's words marked: the text is cut at every
 * span's ends, and each piece is marked by the items whose spans cover it (the narrowest
 * one names its colour; a meeting's sentence is underlined, not filled). Clicking a piece
 * opens its narrowest item; the item in focus has its words outlined and scrolled to.
 * Words the reader selects are read back as offsets of the text.
 */
import { el, replaceChildren } from '../dom';
import type { ItemKind } from './review-model';
import { trimmedOrNull, type Span } from './text-spans';

export interface MarkedSpan {
  id: string;
  kind: ItemKind;
  span: Span;
}

export class TextView {
  private text = '';
  private pieces: { start: number; end: number; element: HTMLElement; ids: string[] }[] = [];

  constructor(
    private readonly container: HTMLElement,
    private readonly onPick: (id: string) => void,
  ) {
    container.addEventListener('click', (event) => {
      const piece = (event.target as Element).closest<HTMLElement>('[data-item]');
      // A click that ends a selection is for adding words, not for opening an item.
      if (piece && (window.getSelection()?.isCollapsed ?? true)) this.onPick(piece.dataset.item!);
    });
  }

  /** Shows `text` with `marks` (items rejected or gone are left out by the caller). */
  render(text: string, marks: readonly MarkedSpan[]): void {
    this.text = text;
    const cuts = new Set([0, text.length]);
    for (const { span } of marks) {
      cuts.add(span.start);
      cuts.add(span.end);
    }
    const points = [...cuts].filter((point) => point >= 0 && point <= text.length).sort((a, b) => a - b);
    this.pieces = [];
    const children: Node[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i]!;
      const end = points[i + 1]!;
      const covering = marks.filter(({ span }) => span.start <= start && span.end >= end).sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
      const words = text.slice(start, end);
      if (covering.length === 0) {
        children.push(document.createTextNode(words));
        continue;
      }
      const filled = covering.find((mark) => mark.kind !== 'MEETING' && mark.kind !== 'TENURE' && mark.kind !== 'SOURCE');
      const sentence = covering.some((mark) => mark.kind === 'MEETING');
      const element = el('span', { class: ['mark', filled ? `mark-${filled.kind.toLowerCase()}` : '', sentence ? 'mark-sentence' : ''].filter(Boolean).join(' '), 'data-item': covering[0]!.id }, [words]);
      this.pieces.push({ start, end, element, ids: covering.map((mark) => mark.id) });
      children.push(element);
    }
    replaceChildren(this.container, children);
  }

  /** Outlines the words of item `id` (none: null) and scrolls them into view. */
  focus(id: string | null): void {
    let first: HTMLElement | null = null;
    for (const piece of this.pieces) {
      const on = id !== null && piece.ids.includes(id);
      piece.element.classList.toggle('is-current', on);
      if (on && first === null) first = piece.element;
    }
    first?.scrollIntoView({ block: 'nearest' });
  }

  /** The words the reader has selected in the text, as a span of it; null when nothing of it is selected. */
  selection(): Span | null {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    const range = selection.getRangeAt(0);
    if (!this.container.contains(range.startContainer) || !this.container.contains(range.endContainer)) return null;
    const start = this.offsetOf(range.startContainer, range.startOffset);
    const end = this.offsetOf(range.endContainer, range.endOffset);
    return trimmedOrNull(this.text, Math.min(start, end), Math.max(start, end));
  }

  /** The offset in the text of a DOM position inside the container. */
  private offsetOf(node: Node, offset: number): number {
    if (node.nodeType !== Node.TEXT_NODE) {
      // A position between children: the text before the child at `offset`.
      const before = document.createRange();
      before.setStart(this.container, 0);
      before.setEnd(node, offset);
      return before.toString().length;
    }
    let total = 0;
    const walker = document.createTreeWalker(this.container, NodeFilter.SHOW_TEXT);
    for (let current = walker.nextNode(); current !== null; current = walker.nextNode()) {
      if (current === node) return total + offset;
      total += current.textContent?.length ?? 0;
    }
    return total;
  }
}
