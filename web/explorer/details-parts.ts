/**
 * The pieces every details view is made of: labelled fields, buttons that open another
 * entity, citation quotes with their source, and a pageable list of meetings.
 */
import type { CitationFragment, MeetingKind, MeetingPageFragment } from '../../sdk/src';
import { el, type Child } from './dom';
import type { EntityRef, EntityType } from './entity';

/** Opens an entity's details. */
export type Open = (ref: EntityRef) => void;

type Nameable = { id: string; slug: string; name?: string; title?: string };

/** A button naming an entity of `type`; activating it opens its details. */
export function refButton(type: EntityType, entity: Nameable, open: Open, text?: string): HTMLButtonElement {
  const ref: EntityRef = { type, id: entity.id, slug: entity.slug, name: entity.name ?? entity.title ?? entity.slug };
  const button = el('button', { type: 'button', class: `ref ref-${type.toLowerCase()}`, 'data-id': entity.id }, [text ?? ref.name]);
  button.addEventListener('click', () => open(ref));
  return button;
}

/** A section with a heading; nothing when it has no content. */
export function section(title: string, children: Child[], className = ''): HTMLElement | null {
  const content = children.filter((child) => child !== null && child !== undefined && child !== false);
  if (content.length === 0) return null;
  return el('section', { class: `d-section ${className}`.trim(), 'aria-label': title }, [el('h3', {}, [title]), ...content]);
}

/** A definition list of the fields that have a value; a field of several values lists them side by side. */
export function fields(entries: [string, Child | Child[]][]): HTMLDListElement {
  const list = el('dl', { class: 'd-fields' });
  for (const [term, value] of entries) {
    const values = (Array.isArray(value) ? value : [value]).filter((child): child is Node | string => child !== null && child !== undefined && child !== false && child !== '');
    if (values.length === 0) continue;
    list.append(el('dt', {}, [term]), el('dd', {}, values));
  }
  return list;
}

/**
 * The quotes one details view shows, each once: a quote already shown in the view (the same
 * words of the same source, as when a person's tenure and the person cite one sentence, or
 * five participants the meeting's) is named by its first words, not repeated.
 */
export class ShownQuotes {
  private readonly shown = new Set<string>();

  /** The quotes of `citations`, verbatim, each with the title of its source; those shown above by their first words. */
  list(citations: readonly CitationFragment[]): HTMLUListElement | null {
    if (citations.length === 0) return null;
    return el(
      'ul',
      { class: 'citations' },
      citations.map((citation) => {
        const key = `${citation.source.title}\u0000${citation.quote}`;
        if (this.shown.has(key)) {
          return el('li', { class: 'citation is-repeat' }, [el('p', { class: 'quote-again' }, [`“${firstWords(citation.quote)}” (quoted above)`])]);
        }
        this.shown.add(key);
        return el('li', { class: 'citation' }, [
          el('blockquote', { class: 'quote' }, [el('p', {}, [citation.quote])]),
          el('p', { class: 'quote-source' }, [el('cite', {}, [citation.source.title])]),
        ]);
      }),
    );
  }
}

/** A quote's first words, enough to recognize it: "In late February, Blinken attended…". */
function firstWords(quote: string): string {
  const words = quote.split(/\s+/);
  return words.length <= 6 ? quote : `${words.slice(0, 6).join(' ')}…`;
}

/** A list of meetings (title and date), with a button that loads the next page while there is one. */
export function meetingList(first: MeetingPageFragment, loadMore: (after: string) => Promise<MeetingPageFragment>, open: Open): HTMLElement {
  const list = el('ol', { class: 'd-meetings' });
  const more = el('button', { type: 'button', class: 'more' }, ['More meetings']);
  const heading = el('h3', {}, []);
  let page = first;
  let shown = 0;
  const append = (next: MeetingPageFragment) => {
    page = next;
    shown += next.nodes.length;
    for (const meeting of next.nodes) {
      list.append(el('li', {}, [refButton('Meeting', meeting, open), el('span', { class: 'd-meeting-date' }, [meeting.date.label])]));
    }
    heading.textContent = `Meetings (${next.totalCount})`;
    more.hidden = !next.pageInfo.hasNextPage;
    more.textContent = `More meetings (${shown} of ${next.totalCount} shown)`;
  };
  const failure = el('p', { class: 'muted', role: 'alert', hidden: true });
  more.addEventListener('click', async () => {
    if (!page.pageInfo.endCursor) return;
    more.disabled = true;
    failure.hidden = true;
    try {
      append(await loadMore(page.pageInfo.endCursor));
    } catch (error) {
      failure.textContent = `Could not load more meetings: ${error instanceof Error ? error.message : String(error)}`;
      failure.hidden = false;
    } finally {
      more.disabled = false;
    }
  });
  append(first);
  return el('section', { class: 'd-section', 'aria-label': 'Meetings' }, [heading, first.totalCount === 0 ? el('p', { class: 'muted' }, ['None recorded.']) : list, more, failure]);
}

/** "BILATERAL_MEETING" → "Bilateral meeting". */
export function humanize(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The choices of a kind, each named as the explorer names it ("BILATERAL_MEETING": "Bilateral meeting"); typed so that a new kind must be listed. */
export function kindChoices<K extends string>(kinds: Record<K, true>): Record<K, string> {
  return Object.fromEntries(Object.keys(kinds).map((kind) => [kind, humanize(kind)])) as Record<K, string>;
}

/** Every meeting kind, by name, in the order the review page's and the filter's menus offer them. */
export const MEETING_KINDS = kindChoices<MeetingKind>({ VISIT: true, BILATERAL_MEETING: true, TALKS: true, MINISTERIAL: true, SUMMIT: true, BRIEFING: true, PHONE_CALL: true, CONFERENCE: true, OTHER: true });
