/**
 * Bounds on the lists of mutation inputs, checked before anything is loaded: every list
 * item costs reference lookups and, for a citation, a search of its source's text, so an
 * input of 10,000 citations would hold a writer's request (and the write queue behind it)
 * for long. The bounds sit far above what a source states: the seed's longest list holds 6.
 */
import type { FieldProblem } from '../../store/contract/validate';

/** The most items any list of a mutation input may hold, unless INPUT_LIST_MAXIMA says otherwise. */
export const MAX_INPUT_LIST_ITEMS = 100;

/** The most countries a list of countries may hold: every ISO 3166-1 code (249), as a body of the UN lists every member state. */
export const MAX_COUNTRY_LIST_ITEMS = 250;

/** The most participants one meeting may list: a delegation or two for each country of a UN-wide conference. */
export const MAX_PARTICIPANTS = 500;

/** Lists with their own maximum, by input field name; any other list takes MAX_INPUT_LIST_ITEMS. */
export const INPUT_LIST_MAXIMA: Readonly<Record<string, number>> = {
  countryIds: MAX_COUNTRY_LIST_ITEMS,
  memberCountryIds: MAX_COUNTRY_LIST_ITEMS,
  participants: MAX_PARTICIPANTS,
};

/** The maximum of the list in the input field `name`. */
export function maxListItems(name: string): number {
  return INPUT_LIST_MAXIMA[name] ?? MAX_INPUT_LIST_ITEMS;
}

/**
 * Every list of `input`, at any depth, holding more items than its maximum, as problems
 * at the list's path within the input (`participants.3.citations`). Nested lists are
 * only looked into when their parent list is within bounds, so the walk stays short.
 */
export function oversizedLists(input: object, path = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(input)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (Array.isArray(value)) {
      const max = maxListItems(key);
      if (value.length > max) {
        problems.push({ field: at, message: `must hold at most ${max} items; got ${value.length}` });
        continue;
      }
      value.forEach((item: unknown, i) => {
        if (item !== null && typeof item === 'object') problems.push(...oversizedLists(item, `${at}.${i}`));
      });
    } else if (value !== null && typeof value === 'object') {
      problems.push(...oversizedLists(value, at));
    }
  }
  return problems;
}
