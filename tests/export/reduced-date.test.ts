/** A fuzzy date as the finest ISO 8601 reduced date that holds its whole range, or none. */
import { reducedDate } from '../../src/export/formats/reduced-date';
import type { FuzzyDateRecord } from '../../src/store/contract/records';

const date = (earliest: string | null, latest: string | null, precision: FuzzyDateRecord['precision']): FuzzyDateRecord => ({ label: 'a date', earliest, latest, precision });

test.each([
  ['one day', date('2023-04-27', '2023-04-27', 'DAY'), '2023-04-27'],
  ['days within a month', date('2023-05-03', '2023-05-05', 'DAY_RANGE'), '2023-05'],
  ['late February', date('2023-02-21', '2023-02-28', 'PART_OF_MONTH'), '2023-02'],
  ['a month', date('2023-02-01', '2023-02-28', 'MONTH'), '2023-02'],
  ['days across months', date('2023-02-21', '2023-04-30', 'DAY_RANGE'), '2023'],
  ['a year', date('2023-01-01', '2023-12-31', 'YEAR'), '2023'],
  ['days across years', date('2022-12-30', '2023-01-02', 'DAY_RANGE'), null],
  ['on or before a day', date(null, '2023-04-30', 'ON_OR_BEFORE'), null],
  ['on or after a day', date('2023-04-30', null, 'ON_OR_AFTER'), null],
  ['no date given', date(null, null, 'UNKNOWN'), null],
  ['no date at all', null, null],
])('%s', (_what, fuzzy, expected) => {
  expect(reducedDate(fuzzy)).toBe(expected);
});
