/**
 * The search box: as one types, the SDK's `Search` finds entities of every type, listed
 * by type under the box. Enter opens the first hit; arrows move through the hits; Escape
 * closes the list.
 */
import { EntenteError, type SearchQuery, type Sdk } from '../../sdk/src';
import { el, replaceChildren } from './dom';
import { refOf, TYPE_NAMES, TYPE_ORDER, type EntityRef } from './entity';

type Hit = SearchQuery['search'][number];

const DEBOUNCE_MS = 150;
const LIMIT = 20;

/** Wires the search form, its input and its results list. */
export class SearchBox {
  private timer = 0;
  private controller: AbortController | null = null;
  private hits: EntityRef[] = [];

  constructor(
    private readonly form: HTMLFormElement,
    private readonly input: HTMLInputElement,
    private readonly results: HTMLElement,
    private readonly client: Sdk,
    private readonly open: (ref: EntityRef) => void,
  ) {
    input.addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = window.setTimeout(() => void this.search(), DEBOUNCE_MS);
    });
    input.addEventListener('focus', () => {
      if (this.results.childElementCount > 0) this.setOpen(true);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(this.timer);
      void this.search().then(() => {
        const [first] = this.hits;
        if (first) this.choose(first);
      });
    });
    form.addEventListener('keydown', (event) => this.onKey(event));
    document.addEventListener('pointerdown', (event) => {
      if (!form.contains(event.target as Node)) this.setOpen(false);
    });
  }

  private async search(): Promise<void> {
    const query = this.input.value.trim();
    this.controller?.abort();
    if (query.length === 0) {
      this.hits = [];
      replaceChildren(this.results, []);
      this.setOpen(false);
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    try {
      const { search } = await this.client.Search({ query, first: LIMIT }, { signal: controller.signal });
      if (!controller.signal.aborted) this.show(query, search);
    } catch (error) {
      if (controller.signal.aborted) return;
      const message = error instanceof EntenteError ? error.message : String(error);
      replaceChildren(this.results, [el('p', { class: 'sr-empty', role: 'alert' }, [`Search failed: ${message}`])]);
      this.setOpen(true);
    }
  }

  private show(query: string, hits: readonly Hit[]): void {
    this.hits = [];
    const groups = TYPE_ORDER.map((type) => {
      const ofType = hits.filter((hit) => hit.__typename === type).map((hit) => refOf(hit));
      if (ofType.length === 0) return null;
      this.hits.push(...ofType);
      const headingId = `sr-${type.toLowerCase()}`;
      return el('div', { class: 'sr-group', role: 'group', 'aria-labelledby': headingId }, [
        el('h3', { id: headingId }, [TYPE_NAMES[type].many]),
        el(
          'ul',
          {},
          ofType.map((ref) => {
            const button = el('button', { type: 'button', class: `sr-hit ref-${ref.type.toLowerCase()}`, 'data-id': ref.id }, [ref.name]);
            button.addEventListener('click', () => this.choose(ref));
            return el('li', {}, [button]);
          }),
        ),
      ]);
    });
    replaceChildren(this.results, hits.length === 0 ? [el('p', { class: 'sr-empty' }, [`Nothing matches “${query}”.`])] : groups);
    this.setOpen(true);
  }

  private choose(ref: EntityRef): void {
    this.setOpen(false);
    this.open(ref);
  }

  private onKey(event: KeyboardEvent): void {
    const buttons = [...this.results.querySelectorAll<HTMLButtonElement>('button.sr-hit')];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      this.setOpen(false);
      this.input.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (buttons.length === 0 || this.results.hidden) return;
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? Math.min(buttons.length - 1, index + 1) : index - 1;
      if (next < 0) this.input.focus();
      else buttons[next]!.focus();
    }
  }

  private setOpen(open: boolean): void {
    this.results.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
  }
}
