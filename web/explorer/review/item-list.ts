/**
 * The list of proposed items: for each, its kind, name, the words that state it, whether
 * the reviewer accepted or rejected it, the stored record it is (a choice among the
 * candidates, or none: a new record), what the import will do with it, and the problems
 * the import finds in it; and an editor for its fields. One item at a time has the focus
 * (a roving tabindex); keys act on it: j/k or arrows move, a accepts, r rejects, e edits,
 * 1-9 picks a candidate, n makes it a new record.
 */
import type { MeetingKind, OrganizationKind, PlaceKind } from '../../../sdk/src';
import { kindChoices, MEETING_KINDS } from '../details-parts';
import { el, replaceChildren, type Child } from '../dom';
import { parsePath, recordAt, recordName, type BundleRecord } from './bundle-records';
import { addParticipant, choicesOf, matchedSlug, matchOpen, refersTo, renameItem, setMeetingDate, setTopicDiscussed, type ItemKind, type Review, type ReviewedBundle, type ReviewItem } from './review-model';

/** What the import plan says of an item. */
export interface ItemPlan {
  action?: 'CREATE' | 'REUSE' | 'MERGE';
  problems: string[];
}

const KIND_NAMES: Record<ItemKind, string> = {
  SOURCE: 'Report',
  PERSON: 'Person',
  MEETING: 'Meeting',
  ORGANIZATION: 'Organization',
  PLACE: 'Place',
  COUNTRY: 'Country',
  OFFICE: 'Office',
  TENURE: 'Tenure',
  TOPIC: 'Topic',
};

/** The order of the list: the report, then what a reviewer checks first. */
const KIND_ORDER: ItemKind[] = ['SOURCE', 'PERSON', 'MEETING', 'OFFICE', 'TENURE', 'ORGANIZATION', 'PLACE', 'COUNTRY', 'TOPIC'];

const ACTION_NAMES = { CREATE: 'new record', REUSE: 'stored: unchanged', MERGE: 'stored: adds to it' } as const;

const ORGANIZATION_KINDS = kindChoices<OrganizationKind>({
  MINISTRY: true,
  EXECUTIVE_OFFICE: true,
  GOVERNMENT: true,
  LEGISLATURE: true,
  INTERNATIONAL_ORGANIZATION: true,
  DIPLOMATIC_FORMAT: true,
  NEWS_OUTLET: true,
  OTHER: true,
});
const PLACE_KINDS = kindChoices<PlaceKind>({ CITY: true, REGION: true, VENUE: true });

export interface ItemListHandlers {
  /** The review changed: its bundle must be planned again. */
  changed(): void;
  /** Item `id` has the focus now. */
  focused(id: string): void;
}

export class ItemList {
  private review: Review | null = null;
  private reviewed: ReviewedBundle | null = null;
  private plans = new Map<string, ItemPlan>();
  private droppedWith = new Map<string, string>();
  /** Each item's record as the reviewed bundle has it (a meeting without the participants a rejection took along). */
  private reviewedRecord: (id: string) => BundleRecord | undefined = () => undefined;
  private current: string | null = null;
  private editing: string | null = null;

  constructor(
    private readonly list: HTMLOListElement,
    private readonly handlers: ItemListHandlers,
  ) {
    list.addEventListener('keydown', (event) => this.onKey(event));
    list.addEventListener('focusin', (event) => {
      const item = (event.target as Element).closest<HTMLElement>('.review-item');
      if (item && item.dataset.id !== this.current) this.setCurrent(item.dataset.id!, false);
    });
  }

  /** The items in the list's order. */
  private ordered(): ReviewItem[] {
    const items = this.review?.items ?? [];
    return KIND_ORDER.flatMap((kind) => items.filter((item) => item.kind === kind));
  }

  /** Shows `review` (and the bundle it leads to) with what the plan says of each item; keeps the focus where it was. */
  render(review: Review, reviewed: ReviewedBundle, plans: Map<string, ItemPlan>): void {
    this.review = review;
    this.reviewed = reviewed;
    this.plans = plans;
    this.droppedWith = reviewed.droppedWith;
    this.reviewedRecord = (id) => {
      const path = reviewed.pathOf.get(id);
      const parsed = path === undefined ? null : parsePath(path);
      return parsed ? recordAt(reviewed.bundle, parsed) : undefined;
    };
    const active = document.activeElement;
    const refocus = active instanceof HTMLElement && this.list.contains(active) ? active.id : '';
    const ordered = this.ordered();
    if (this.current === null || !ordered.some((item) => item.id === this.current)) this.current = ordered[0]?.id ?? null;
    replaceChildren(
      this.list,
      ordered.map((item) => this.renderItem(item)),
    );
    if (refocus !== '') document.getElementById(refocus)?.focus({ preventScroll: true });
  }

  /** Moves the focus to item `id` and scrolls it into view. */
  focusItem(id: string): void {
    this.setCurrent(id, true);
  }

  private setCurrent(id: string, moveFocus: boolean): void {
    this.current = id;
    for (const element of this.list.querySelectorAll<HTMLElement>('.review-item')) {
      const on = element.dataset.id === id;
      element.tabIndex = on ? 0 : -1;
      element.classList.toggle('is-current', on);
      if (on && moveFocus) {
        element.focus({ preventScroll: true });
        element.scrollIntoView({ block: 'nearest' });
      }
    }
    this.handlers.focused(id);
  }

  private renderItem(item: ReviewItem): HTMLElement {
    const plan = this.plans.get(item.id);
    const dropped = this.droppedWith.get(item.id);
    const droppedBy = dropped === undefined ? undefined : this.review!.items.find((other) => other.id === dropped);
    const status = droppedBy ? 'dropped' : item.status;
    const dom = domId(item.id);
    const statusText = droppedBy
      ? `Goes with rejected ${KIND_NAMES[droppedBy.kind].toLowerCase()} ${recordName(droppedBy.record)}`
      : { pending: 'Not reviewed', accepted: 'Accepted', rejected: 'Rejected' }[item.status];
    const children: Child[] = [
      el('div', { class: 'item-head' }, [
        el('span', { class: `kind-badge kind-${item.kind.toLowerCase()}` }, [KIND_NAMES[item.kind]]),
        el('strong', { class: 'item-name', id: `${dom}-name` }, [recordName(item.record) || '(no name)']),
        el('span', { class: `item-status status-${status}` }, [statusText]),
        plan?.action && status !== 'rejected' && status !== 'dropped' ? el('span', { class: `item-action action-${plan.action.toLowerCase()}` }, [ACTION_NAMES[plan.action]]) : null,
      ]),
      item.kind === 'SOURCE' ? null : el('blockquote', { class: 'item-quote' }, [`“${item.span.quote}”`]),
      this.details(item),
      item.candidates.length > 0 && item.kind !== 'SOURCE' ? this.matchChoice(item) : null,
      plan && plan.problems.length > 0 ? el('ul', { class: 'item-problems' }, plan.problems.map((problem) => el('li', {}, [problem]))) : null,
      item.kind === 'SOURCE' ? null : this.buttons(item),
      this.editing === item.id ? this.editor(item) : null,
    ];
    const element = el('li', { class: `review-item is-${status}${item.id === this.current ? ' is-current' : ''}`, 'data-id': item.id, id: dom, tabindex: item.id === this.current ? 0 : -1, 'aria-labelledby': `${dom}-name` }, children);
    return element;
  }

  /** A meeting's kind, date, place and participants; a person's country; an office's country. */
  private details(item: ReviewItem): HTMLElement | null {
    const record = this.reviewedRecord(item.id) ?? item.record;
    const rows: [string, string][] = [];
    if (item.kind === 'MEETING') {
      rows.push(['Kind', MEETING_KINDS[record.kind as MeetingKind] ?? String(record.kind)]);
      rows.push(['Date', (record.date as { label?: string } | undefined)?.label ?? 'unknown']);
      if (typeof record.location === 'string') rows.push(['Place', record.location]);
      const people = ((record.participants as BundleRecord[] | undefined) ?? []).map((participant) => String(participant.person ?? participant.office ?? participant.organization ?? participant.label ?? ''));
      rows.push(['Participants', people.join(', ') || 'none']);
    } else if (item.kind === 'TENURE') {
      rows.push(['Person', String(record.person)], ['Office', String(record.office)]);
    } else if (item.kind === 'SOURCE') {
      rows.push(['Published on', String(record.publishedOn ?? 'not given')]);
      if (typeof record.publisher === 'string') rows.push(['Publisher', record.publisher]);
    } else if (typeof record.country === 'string') {
      rows.push(['Country', record.country]);
    }
    if (rows.length === 0) return null;
    return el(
      'dl',
      { class: 'item-details' },
      rows.flatMap(([term, value]) => [el('dt', {}, [term]), el('dd', {}, [value])]),
    );
  }

  /** The stored records it may be, and "a new record", as radio buttons. */
  private matchChoice(item: ReviewItem): HTMLElement {
    const name = `${domId(item.id)}-match`;
    const slug = matchedSlug(item);
    const open = matchOpen(item);
    const option = (value: string, label: Child[], checked: boolean, key: string) =>
      el('label', { class: 'match-option' }, [el('input', { type: 'radio', name, value, checked, id: `${name}-${value}` }), el('kbd', {}, [key]), ...label]);
    const choices = item.candidates.map((candidate, index) =>
      option(
        candidate.slug,
        [el('span', { class: 'match-name' }, [candidate.name]), el('span', { class: 'match-score' }, [` ${candidate.score.toFixed(2)}`]), el('span', { class: 'match-reasons' }, [candidate.reasons.join('; ')])],
        slug === candidate.slug,
        String(index + 1),
      ),
    );
    const fieldset = el('fieldset', { class: `item-match${open ? ' is-open' : ''}` }, [
      el('legend', {}, [open ? 'Which stored record is it? The import waits for your choice.' : 'Stored record']),
      ...choices,
      option('new', [el('span', { class: 'match-name' }, ['None of these: a new record'])], item.match.kind === 'new' || (slug === null && !open), 'n'),
    ]);
    fieldset.addEventListener('change', (event) => {
      const value = (event.target as HTMLInputElement).value;
      this.setMatch(item, value === 'new' ? null : value);
    });
    return fieldset;
  }

  private buttons(item: ReviewItem): HTMLElement {
    const dom = domId(item.id);
    const button = (label: string, key: string, action: () => void, pressed?: boolean) => {
      const element = el('button', { type: 'button', class: 'button small', id: `${dom}-${label.toLowerCase()}`, ...(pressed === undefined ? {} : { 'aria-pressed': String(pressed) }) }, [label, ' ', el('kbd', {}, [key])]);
      element.addEventListener('click', action);
      return element;
    };
    return el('div', { class: 'item-buttons' }, [
      button('Accept', 'a', () => this.setStatus(item, 'accepted'), item.status === 'accepted'),
      button('Reject', 'r', () => this.setStatus(item, 'rejected'), item.status === 'rejected'),
      button(this.editing === item.id ? 'Done' : 'Edit', 'e', () => this.toggleEditor(item)),
    ]);
  }

  /** The fields a reviewer may change, by kind. */
  private editor(item: ReviewItem): HTMLElement {
    const review = this.review!;
    const record = item.record;
    const dom = domId(item.id);
    const fields: Child[] = [];
    const text = (label: string, value: string, onChange: (value: string) => void, type = 'text') => {
      const input = el('input', { type, id: `${dom}-edit-${label.toLowerCase().replace(/\W+/g, '-')}`, value });
      input.addEventListener('change', () => onChange(input.value.trim()));
      fields.push(el('label', { for: input.id }, [label]), input);
      return input;
    };
    const select = (label: string, options: Record<string, string>, value: string | null, onChange: (value: string | null) => void, none?: string) => {
      const element = el('select', { id: `${dom}-edit-${label.toLowerCase().replace(/\W+/g, '-')}` }, [
        none === undefined ? null : el('option', { value: '', selected: value === null }, [none]),
        ...Object.entries(options).map(([key, name]) => el('option', { value: key, selected: key === value }, [name])),
      ]);
      element.addEventListener('change', () => onChange(element.value === '' ? null : element.value));
      fields.push(el('label', { for: element.id }, [label]), element);
    };
    const names = (kind: ItemKind) => Object.fromEntries(choicesOf(review, kind).map(({ name }) => [name, name]));
    const rename = (value: string) => {
      if (value === '' || value === recordName(record)) return;
      renameItem(review, item, value);
      this.changed();
    };
    const set = (field: string) => (value: string | null) => {
      record[field] = value;
      this.changed();
    };

    switch (item.kind) {
      case 'PERSON':
        text('Name', recordName(record), rename);
        select('Country', names('COUNTRY'), (record.country as string | null) ?? null, set('country'), 'not given');
        break;
      case 'ORGANIZATION':
        text('Name', recordName(record), rename);
        select('Kind', ORGANIZATION_KINDS, String(record.kind), set('kind'));
        select('Country', names('COUNTRY'), (record.country as string | null) ?? null, set('country'), 'none');
        break;
      case 'PLACE':
        text('Name', recordName(record), rename);
        select('Kind', PLACE_KINDS, String(record.kind), set('kind'));
        select('Country', names('COUNTRY'), (record.country as string | null) ?? null, set('country'), 'choose one');
        break;
      case 'OFFICE':
        text('Title', recordName(record), rename);
        break;
      case 'TOPIC':
        text('Name', recordName(record), rename);
        fields.push(this.topicMeetings(item));
        break;
      case 'MEETING':
        fields.push(...this.meetingEditor(item, text, select, names));
        break;
      default:
        fields.push(el('p', { class: 'muted' }, ['Nothing to edit here: accept or reject it.']));
    }
    const done = el('button', { type: 'button', class: 'button small', id: `${dom}-edit-done` }, ['Done']);
    done.addEventListener('click', () => this.toggleEditor(item));
    const editor = el('div', { class: 'item-editor', role: 'group', 'aria-label': `Edit ${recordName(record)}` }, [el('div', { class: 'editor-fields' }, fields), done]);
    editor.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        this.toggleEditor(item);
      }
    });
    return editor;
  }

  private meetingEditor(
    item: ReviewItem,
    text: (label: string, value: string, onChange: (value: string) => void, type?: string) => HTMLInputElement,
    select: (label: string, options: Record<string, string>, value: string | null, onChange: (value: string | null) => void, none?: string) => void,
    names: (kind: ItemKind) => Record<string, string>,
  ): Child[] {
    const record = item.record;
    const date = record.date as { earliest: string | null; latest: string | null };
    text('Title', recordName(record), (value) => {
      if (value === '') return;
      renameItem(this.review!, item, value);
      this.changed();
    });
    select('Kind', MEETING_KINDS, String(record.kind), (value) => {
      record.kind = value;
      this.changed();
    });
    const bound = (which: 'earliest' | 'latest') => (value: string) => {
      const current = record.date as { earliest: string | null; latest: string | null };
      const next = { ...current, [which]: value === '' ? null : value };
      setMeetingDate(record, next.earliest, next.latest);
      this.changed();
    };
    text('Earliest day', date.earliest ?? '', bound('earliest'), 'date');
    text('Latest day', date.latest ?? '', bound('latest'), 'date');
    select('Place', names('PLACE'), (record.location as string | null) ?? null, (value) => {
      record.location = value;
      this.changed();
    }, 'not given');

    const dom = domId(item.id);
    const participants = (record.participants as BundleRecord[] | undefined) ?? [];
    const list = el(
      'ul',
      { class: 'participant-list', 'aria-label': 'Participants' },
      participants.map((participant, index) => {
        const remove = el('button', { type: 'button', class: 'button small', id: `${dom}-remove-participant-${index}`, 'aria-label': `Remove ${String(participant.person ?? participant.label ?? 'participant')}` }, ['Remove']);
        remove.addEventListener('click', () => {
          record.participants = participants.filter((_, other) => other !== index);
          this.changed();
        });
        return el('li', {}, [String(participant.person ?? participant.office ?? participant.organization ?? participant.label ?? ''), ' ', remove]);
      }),
    );
    const people = choicesOf(this.review!, 'PERSON').filter(({ item: person }) => !participants.some((participant) => refersTo(person, participant.person)));
    const add = el('select', { id: `${dom}-add-participant` }, [el('option', { value: '' }, ['Add a participant…']), ...people.map(({ item: person, name }) => el('option', { value: person.id }, [name]))]);
    add.addEventListener('change', () => {
      const person = people.find(({ item: candidate }) => candidate.id === add.value);
      if (!person) return;
      addParticipant(record, person.item.record);
      this.changed();
    });
    return [el('div', { class: 'editor-participants' }, [el('span', { class: 'editor-label' }, ['Participants']), list, el('label', { class: 'visually-hidden', for: add.id }, ['Add a participant']), add])];
  }

  /** For a topic: the meetings that discussed it, as check boxes. */
  private topicMeetings(topic: ReviewItem): HTMLElement {
    const meetings = choicesOf(this.review!, 'MEETING');
    const dom = domId(topic.id);
    return el('fieldset', { class: 'editor-topics' }, [
      el('legend', {}, ['Discussed at']),
      ...meetings.map(({ item: meeting, name }, index) => {
        const discussed = ((meeting.record.topics as BundleRecord[] | undefined) ?? []).some((mention) => refersTo(topic, mention.topic));
        const box = el('input', { type: 'checkbox', id: `${dom}-meeting-${index}`, checked: discussed });
        box.addEventListener('change', () => {
          setTopicDiscussed(this.review!, meeting.record, topic, box.checked);
          this.changed();
        });
        return el('label', { class: 'check' }, [box, name]);
      }),
    ]);
  }

  private setStatus(item: ReviewItem, status: 'accepted' | 'rejected'): void {
    if (item.kind === 'SOURCE') return;
    item.status = item.status === status ? 'pending' : status;
    if (status === 'rejected' && this.editing === item.id) this.editing = null;
    this.changed();
  }

  private setMatch(item: ReviewItem, slug: string | null): void {
    item.match = slug === null ? { kind: 'new' } : { kind: 'stored', slug };
    this.changed();
  }

  private toggleEditor(item: ReviewItem): void {
    if (item.kind === 'SOURCE') return;
    const closing = this.editing === item.id;
    this.editing = closing ? null : item.id;
    this.render(this.review!, this.reviewed!, this.plans);
    const dom = domId(item.id);
    if (closing) document.getElementById(dom)?.focus();
    else (document.querySelector<HTMLElement>(`#${dom} .item-editor input, #${dom} .item-editor select, #${dom} .item-editor button`))?.focus();
  }

  /** The review changed: the page renders it again (this list too) and plans it. */
  private changed(): void {
    this.handlers.changed();
  }

  private onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    if (target.closest('input, select, textarea, .item-editor') || event.altKey || event.ctrlKey || event.metaKey) return;
    const ordered = this.ordered();
    const index = ordered.findIndex((item) => item.id === this.current);
    const item = ordered[index];
    if (!item) return;
    const move = (to: number) => {
      const next = ordered[Math.max(0, Math.min(ordered.length - 1, to))];
      if (next) this.focusItem(next.id);
    };
    const key = event.key;
    if (key === 'j' || key === 'ArrowDown') move(index + 1);
    else if (key === 'k' || key === 'ArrowUp') move(index - 1);
    else if (key === 'Home') move(0);
    else if (key === 'End') move(ordered.length - 1);
    else if (key === 'a') this.setStatus(item, 'accepted');
    else if (key === 'r') this.setStatus(item, 'rejected');
    else if (key === 'e') this.toggleEditor(item);
    else if (key === 'n' && item.candidates.length > 0) this.setMatch(item, null);
    else if (/^[1-9]$/.test(key) && item.candidates[Number(key) - 1]) this.setMatch(item, item.candidates[Number(key) - 1]!.slug);
    else return;
    event.preventDefault();
    // Acting on an item keeps the focus on it.
    if (!['j', 'k', 'ArrowDown', 'ArrowUp', 'Home', 'End', 'e'].includes(key)) document.getElementById(domId(item.id))?.focus({ preventScroll: true });
  }
}

/** An element id for an item id: `people[0]` is `item-people-0`. */
export function domId(id: string): string {
  return `item-${id.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}`;
}
