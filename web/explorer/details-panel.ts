/**
 * The details panel: the chosen entity's fields, relations and citation quotes. A newer
 * choice aborts the request of an older one, so the panel always shows the last choice.
 */
import { EntenteError, type Sdk } from '../../sdk/src';
import { el, replaceChildren } from './dom';
import { TYPE_NAMES, type EntityRef } from './entity';
import type { Open } from './details-parts';
import { loadDetails } from './details-views';

/** The panel's content. */
export class DetailsPanel {
  private controller: AbortController | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly client: Sdk,
    private readonly open: Open,
  ) {
    this.showIntro();
  }

  /** What the panel says before anything is chosen. */
  showIntro(): void {
    this.controller?.abort();
    replaceChildren(this.container, [
      el('h2', { class: 'd-title' }, ['Details']),
      el('p', { class: 'muted' }, [
        'Choose a meeting in the timeline, an entity in the graph or a search result to see its fields, its relations and the quotes of the sources that state them.',
      ]),
    ]);
  }

  /** Fetches and shows `ref`; resolves to its global id, or null when it is not found or the request failed or was superseded. */
  async show(ref: Pick<EntityRef, 'type' | 'id' | 'slug'> & { name?: string }): Promise<string | null> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.container.setAttribute('aria-busy', 'true');
    replaceChildren(this.container, [
      el('p', { class: 'd-kind' }, [TYPE_NAMES[ref.type].one]),
      el('h2', { class: 'd-title' }, [ref.name ?? ref.slug]),
      el('p', { class: 'muted' }, ['Loading…']),
    ]);
    try {
      const view = await loadDetails(this.client, ref, this.open, controller.signal);
      if (controller.signal.aborted) return null;
      if (!view) {
        replaceChildren(this.container, [el('h2', { class: 'd-title' }, ['Not found']), el('p', {}, [`No ${TYPE_NAMES[ref.type].one.toLowerCase()} "${ref.slug || ref.id}".`])]);
        return null;
      }
      replaceChildren(this.container, [el('p', { class: 'd-kind' }, [view.kind]), el('h2', { class: 'd-title' }, [view.title]), ...view.sections]);
      this.container.scrollTop = 0;
      return view.id;
    } catch (error) {
      if (controller.signal.aborted || (error instanceof EntenteError && error.code === 'ABORTED')) return null;
      const message = error instanceof EntenteError ? `${error.message} (${error.code})` : String(error);
      replaceChildren(this.container, [el('h2', { class: 'd-title' }, ['Could not load the details']), el('p', { role: 'alert' }, [message])]);
      return null;
    } finally {
      if (this.controller === controller) this.container.removeAttribute('aria-busy');
    }
  }
}
