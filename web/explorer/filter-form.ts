/**
 * The filter bar above the timeline: countries (any or all of them), topics, a kind, a date
 * window and words, as the API's `MeetingFilter` (meeting-filter.ts turns fields, filters
 * and addresses into one another); `FilterForm` fills the form and reads it.
 */
import type { MeetingFilter, MeetingKind } from '../../sdk/src';
import { MEETING_KINDS } from './details-parts';
import { byId, el, replaceChildren } from './dom';
import { fieldsFromFilter, filterFromFields, splitList } from './meeting-filter';

/** The filter form: fills its fields from a filter, and hands the filter they state to `onApply` (null from Clear). */
export class FilterForm {
  private readonly fields = {
    countries: byId<HTMLInputElement>('filter-countries'),
    countryMatch: byId<HTMLSelectElement>('filter-country-match'),
    topics: byId<HTMLInputElement>('filter-topics'),
    kind: byId<HTMLSelectElement>('filter-kind'),
    from: byId<HTMLInputElement>('filter-from'),
    to: byId<HTMLInputElement>('filter-to'),
    text: byId<HTMLInputElement>('filter-text'),
  };
  private readonly buttons: HTMLButtonElement[];
  /** The filter applied last: its parts the form does not show are kept when the form is applied. */
  private applied: MeetingFilter | null = null;

  constructor(
    private readonly form: HTMLFormElement,
    onApply: (filter: MeetingFilter | null) => void,
  ) {
    this.setKinds('');
    this.buttons = [...form.querySelectorAll('button')];
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      onApply(this.read());
    });
    byId('filter-clear').addEventListener('click', () => {
      this.fill(null);
      onApply(null);
    });
  }

  /** The filter the fields state. */
  read(): MeetingFilter | null {
    const { countries, countryMatch, topics, kind, from, to, text } = this.fields;
    return filterFromFields(
      { countries: countries.value, countryMatch: countryMatch.value === 'all' ? 'all' : 'any', topics: topics.value, kind: kind.value, from: from.value, to: to.value, text: text.value },
      this.applied,
    );
  }

  /** Shows `filter` in the fields; it is the filter applied (or to be). */
  fill(filter: MeetingFilter | null): void {
    this.applied = filter;
    const fields = fieldsFromFilter(filter);
    this.fields.countries.value = fields.countries;
    this.fields.countryMatch.value = fields.countryMatch;
    this.fields.topics.value = fields.topics;
    this.setKinds(fields.kind);
    this.fields.from.value = fields.from;
    this.fields.to.value = fields.to;
    this.fields.text.value = fields.text;
  }

  /** While a filter loads, Apply and Clear wait for it. */
  setBusy(busy: boolean): void {
    this.form.setAttribute('aria-busy', String(busy));
    for (const button of this.buttons) button.disabled = busy;
  }

  /** The kind menu, with `selected` chosen: an address naming several kinds adds a choice of them. */
  private setKinds(selected: string): void {
    const kinds = Object.entries(MEETING_KINDS) as [MeetingKind, string][];
    const several = selected.includes(',') ? [el('option', { value: selected }, [splitList(selected).map((kind) => MEETING_KINDS[kind as MeetingKind] ?? kind).join(' or ')])] : [];
    replaceChildren(this.fields.kind, [el('option', { value: '' }, ['Any kind']), ...kinds.map(([kind, name]) => el('option', { value: kind }, [name])), ...several]);
    this.fields.kind.value = selected;
    // A kind the menu does not have (from an address) shows as any kind; the API says what is wrong with it.
    if (this.fields.kind.value !== selected) this.fields.kind.value = '';
  }
}
