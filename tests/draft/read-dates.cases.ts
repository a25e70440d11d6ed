/**
 * Phrases with their publication date and the dates a careful analyst reads in them: the
 * table tests/draft/read-dates.test.ts checks src/draft/read-dates.ts against (and the one
 * the comparison with chrono-node in docs/drafting.md was measured on). 2023-03-01 is a
 * Wednesday; 2023-04-30 a Sunday; 2023-01-05 a Thursday.
 */
import type { DatePrecision } from '../../src/domain/vocabularies';

/** A mention expected: its quote, bounds and precision. */
export type Expected = [quote: string, earliest: string | null, latest: string | null, precision: DatePrecision];

export interface DateCase {
  text: string;
  publishedOn: string | null;
  expected: Expected[];
}

const c = (text: string, publishedOn: string | null, ...expected: Expected[]): DateCase => ({ text, publishedOn, expected });
const day = (quote: string, date: string): Expected => [quote, date, date, 'DAY'];

export const DATE_CASES: DateCase[] = [
  // Full dates in common forms.
  c('ASTANA, 28 February 2023. The ministers met.', null, day('28 February 2023', '2023-02-28')),
  c('The talks were held on February 28, 2023 in Astana.', null, day('February 28, 2023', '2023-02-28')),
  c('The talks were held on Feb. 28, 2023.', null, day('Feb. 28, 2023', '2023-02-28')),
  c('It opened on Tuesday, 28 February 2023, in Astana.', null, day('Tuesday, 28 February 2023', '2023-02-28')),
  c('It opened on the 28th of February 2023.', null, day('the 28th of February 2023', '2023-02-28')),
  c('Dated 2023-02-28 in the archive.', null, day('2023-02-28', '2023-02-28')),
  c('Протокол от 28.02.2023 signed.', null, day('28.02.2023', '2023-02-28')),
  c('WASHINGTON, APRIL 30, 2023 — The visit ended.', null, day('APRIL 30, 2023', '2023-04-30')),
  // A day without its year: the latest such day on or before publication.
  c('They met on Feb. 28 in Astana.', '2023-03-01', day('Feb. 28', '2023-02-28')),
  c('They met on 28 Feb in Astana.', '2023-03-01', day('28 Feb', '2023-02-28')),
  c('The ministers met on 28 February.', '2023-03-01', day('28 February', '2023-02-28')),
  c('The talks ended on 28 December.', '2023-01-05', day('28 December', '2022-12-28')),
  c('A treaty signed on 29 February was recalled.', '2023-03-01', day('29 February', '2020-02-29')),
  // Months, parts of months, years.
  c('The visit took place in February 2023.', null, ['February 2023', '2023-02-01', '2023-02-28', 'MONTH']),
  c('The visit took place in February.', '2023-03-01', ['February', '2023-02-01', '2023-02-28', 'MONTH']),
  c('The summit was held in May.', '2023-03-01', ['May', '2022-05-01', '2022-05-31', 'MONTH']),
  // A month named with last, this or next: relative to the reference day's month.
  c('They first met last November in Bali.', '2023-03-01', ['last November', '2022-11-01', '2022-11-30', 'MONTH']),
  c('They met last March.', '2023-03-01', ['last March', '2022-03-01', '2022-03-31', 'MONTH']),
  c('The talks this January went well.', '2023-03-01', ['this January', '2023-01-01', '2023-01-31', 'MONTH']),
  c('They will meet next May in Tokyo.', '2023-03-01', ['next May', '2023-05-01', '2023-05-31', 'MONTH']),
  c('They met last November.', null),
  c('Consultations began in early February 2023.', null, ['early February 2023', '2023-02-01', '2023-02-10', 'PART_OF_MONTH']),
  c('Consultations resumed in mid-February 2023.', null, ['mid-February 2023', '2023-02-11', '2023-02-20', 'PART_OF_MONTH']),
  c('The C5+1 met in late February 2023.', null, ['late February 2023', '2023-02-21', '2023-02-28', 'PART_OF_MONTH']),
  c('The C5+1 met in late February.', '2023-04-30', ['late February', '2023-02-21', '2023-02-28', 'PART_OF_MONTH']),
  c('He travelled at the end of April.', '2023-04-30', ['the end of April', '2023-04-21', '2023-04-30', 'PART_OF_MONTH']),
  c('Talks were frozen in 2022.', null, ['2022', '2022-01-01', '2022-12-31', 'YEAR']),
  // Weekdays: on or before publication; the same day when publication falls on it.
  c('The ministers met on Tuesday.', '2023-03-01', day('Tuesday', '2023-02-28')),
  c('The ministers meet on Wednesday.', '2023-03-01', day('Wednesday', '2023-03-01')),
  c('He arrived last Wednesday.', '2023-03-01', day('last Wednesday', '2023-02-22')),
  c('He arrives next Monday.', '2023-03-01', day('next Monday', '2023-03-06')),
  // Relative to publication: days, weeks (Monday to Sunday), months, years.
  c('The minister said today that talks went well.', '2023-03-01', day('today', '2023-03-01')),
  c('The delegation left yesterday.', '2023-03-01', day('yesterday', '2023-02-28')),
  c('The call took place two days ago.', '2023-03-01', day('two days ago', '2023-02-27')),
  c('They met the day before yesterday.', '2023-03-01', day('the day before yesterday', '2023-02-27')),
  c('Talks continue this week.', '2023-03-01', ['this week', '2023-02-27', '2023-03-05', 'DAY_RANGE']),
  c('Talks were held last week.', '2023-03-01', ['last week', '2023-02-20', '2023-02-26', 'DAY_RANGE']),
  c('Envoys met last weekend.', '2023-03-01', ['last weekend', '2023-02-25', '2023-02-26', 'DAY_RANGE']),
  c('The envoy visited last month.', '2023-03-01', ['last month', '2023-02-01', '2023-02-28', 'MONTH']),
  c('The envoy visits this month.', '2023-03-01', ['this month', '2023-03-01', '2023-03-31', 'MONTH']),
  c('Trade grew last year.', '2023-03-01', ['last year', '2022-01-01', '2022-12-31', 'YEAR']),
  c('The envoy visited earlier this month.', '2023-04-20', ['earlier this month', '2023-04-01', '2023-04-20', 'DAY_RANGE']),
  // Open bounds.
  c('The ministers recently met.', '2023-04-30', ['recently', null, '2023-04-30', 'ON_OR_BEFORE']),
  c('After the recent visit to Washington, talks resumed.', '2023-04-30', ['recent', null, '2023-04-30', 'ON_OR_BEFORE']),
  c('In recent weeks the sides met twice.', '2023-04-30', ['In recent weeks', null, '2023-04-30', 'ON_OR_BEFORE']),
  // Ranges of days.
  c('The forum ran 3-5 May 2023 in Astana.', null, ['3-5 May 2023', '2023-05-03', '2023-05-05', 'DAY_RANGE']),
  c('The forum ran from 3 to 5 May.', '2023-06-01', ['from 3 to 5 May', '2023-05-03', '2023-05-05', 'DAY_RANGE']),
  c('The forum ran May 3-5, 2023.', null, ['May 3-5, 2023', '2023-05-03', '2023-05-05', 'DAY_RANGE']),
  c('The tour ran from 28 February to 2 March 2023.', null, ['from 28 February to 2 March 2023', '2023-02-28', '2023-03-02', 'DAY_RANGE']),
  c('Sometime between 21 February and 30 April 2023 they met.', null, ['between 21 February and 30 April 2023', '2023-02-21', '2023-04-30', 'DAY_RANGE']),
  // Of the future: a date without its year or week on or after publication.
  c('The ministers will meet on Tuesday.', '2023-03-01', day('Tuesday', '2023-03-07')),
  c('The ministers will meet on Wednesday.', '2023-03-01', day('Wednesday', '2023-03-01')),
  c('The summit is scheduled for 5 March in Samarkand.', '2023-03-01', day('5 March', '2023-03-05')),
  c('Talks will resume in February.', '2023-03-01', ['February', '2024-02-01', '2024-02-29', 'MONTH']),
  c('The forum is to run from 3 to 5 May.', '2023-06-01', ['from 3 to 5 May', '2024-05-03', '2024-05-05', 'DAY_RANGE']),
  c('He said on Tuesday that the sides will meet again.', '2023-03-01', day('Tuesday', '2023-02-28')),
  // A dateline is the reference when there is no publication date.
  c('ASTANA, 28 February 2023. The ministers met on Monday.', null, day('28 February 2023', '2023-02-28'), day('Monday', '2023-02-27')),
  // Not dates, or no day the text gives.
  c('The C5+1 format unites 5 countries and 2,000 people attended.', '2023-03-01'),
  c('Theresa May said they may meet again.', '2023-03-01'),
  c('The meeting on 31 February 2023 never happened.', '2023-03-01'),
  c('In 2,000 cases the visa was refused; in the 1990s trade was low.', '2023-03-01'),
  c('Trade grew in 2022-2023 and in 2021–22.', '2023-03-01'),
  c('USA Today reported the visit.', '2023-03-01'),
  c('The ministers met on Tuesday.', null),
  c('Talks were held last week and recently.', null),
  c('The ministers met on 28 February.', null),
  c('He arrives in May.', null),
];
