import { isCalendarDate } from '../../src/domain/calendar-date';

describe('isCalendarDate', () => {
  test('accepts real days, including the last day of each month', () => {
    expect(['2023-01-01', '2023-01-31', '2023-04-30', '2023-12-31', '1999-02-28'].map(isCalendarDate)).toEqual([true, true, true, true, true]);
  });

  test('accepts 29 February in a leap year, including a century divisible by 400', () => {
    expect([isCalendarDate('2024-02-29'), isCalendarDate('2000-02-29')]).toEqual([true, true]);
  });

  test('rejects 29 February outside a leap year, including a century not divisible by 400', () => {
    expect([isCalendarDate('2023-02-29'), isCalendarDate('1900-02-29')]).toEqual([false, false]);
  });

  test('rejects days past the end of the month', () => {
    expect(['2023-02-30', '2023-04-31', '2023-01-32'].map(isCalendarDate)).toEqual([false, false, false]);
  });

  test('rejects month 0, month 13 and day 0', () => {
    expect(['2023-00-10', '2023-13-01', '2023-01-00'].map(isCalendarDate)).toEqual([false, false, false]);
  });

  test('rejects dates not written as YYYY-MM-DD', () => {
    expect(['2023-4-1', '2023-04-1', '23-04-01', '2023/04/01', '2023-04-01T00:00:00Z', ' 2023-04-01', '2023-04-01\n', '+02023-04-01', ''].map(isCalendarDate)).toEqual([
      false, false, false, false, false, false, false, false, false,
    ]);
  });

  test('rejects values that are not strings', () => {
    expect([20230401, null, undefined, new Date('2023-04-01'), ['2023-04-01']].map(isCalendarDate)).toEqual([false, false, false, false, false]);
  });

  // Date.UTC would map years 0-99 to 1900-1999, and 1900 is not a leap year.
  test('accepts 0000-02-29: year 0 is a leap year in the proleptic Gregorian calendar', () => {
    expect(isCalendarDate('0000-02-29')).toBe(true);
  });
});
