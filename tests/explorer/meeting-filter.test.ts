/**
 * The explorer's filter as data (web/explorer/meeting-filter.ts): the form's
 * fields to a MeetingFilter and back, the `?filter=` of an address, and the export links.
 * What the form states, the server's own reader of `?filter=` (src/export/export-filter.ts)
 * reads as the same filter.
 */
import 'reflect-metadata';
import type { MeetingFilter } from '../../sdk/src';
import { readMeetingFilter } from '../../src/export/export-filter';
import { exportHref, fieldsFromFilter, filterFromFields, hrefWithFilter, NO_FIELDS, readFilterParam, splitList } from '../../web/explorer/meeting-filter';

describe('filter form', () => {
  test('turns the fields into a MeetingFilter, leaving out what is empty', () => {
    expect(filterFromFields(NO_FIELDS)).toBeNull();
    expect(filterFromFields({ ...NO_FIELDS, countries: ' KZ, us ,, ' })).toEqual({ countries: ['KZ', 'us'] });
    expect(filterFromFields({ ...NO_FIELDS, countries: 'KZ, KG', countryMatch: 'all', topics: 'energy', kind: 'TALKS', from: '2023-01-01', to: '2023-12-31', text: '  Blinken ' })).toEqual({
      countriesAll: ['KZ', 'KG'],
      topics: ['energy'],
      kinds: ['TALKS'],
      from: '2023-01-01',
      to: '2023-12-31',
      text: 'Blinken',
    });
    expect(splitList(' , ')).toEqual([]);
  });

  test('keeps the parts of the filter applied that the form does not show, and only those', () => {
    const applied = { participants: ['kairat-umarov'], countries: ['KZ'], dateMatch: 'WITHIN' as const };
    expect(filterFromFields({ ...NO_FIELDS, topics: 'trade' }, applied)).toEqual({ participants: ['kairat-umarov'], dateMatch: 'WITHIN', topics: ['trade'] });
    expect(filterFromFields(NO_FIELDS, { countries: ['KZ'] })).toBeNull();
  });

  test('shows a filter in the fields, and the fields state it again', () => {
    const filter: MeetingFilter = { countriesAll: ['KZ', 'KG'], topics: ['energy', 'trade'], kinds: ['BILATERAL_MEETING', 'TALKS'], from: '2023-02-01', text: 'Umarov' };
    const fields = fieldsFromFilter(filter);
    expect(fields).toEqual({ countries: 'KZ, KG', countryMatch: 'all', topics: 'energy, trade', kind: 'BILATERAL_MEETING,TALKS', from: '2023-02-01', to: '', text: 'Umarov' });
    expect(filterFromFields(fields)).toEqual(filter);
    // Values of the wrong type show as nothing: the API says what is wrong with them.
    expect(fieldsFromFilter({ countries: 'KZ' as unknown as string[], from: 5 as unknown as string })).toEqual(NO_FIELDS);
  });

  test('reads ?filter= from an address: none, a filter, or a problem when it is not a JSON object', () => {
    expect(readFilterParam('?pageSize=3')).toEqual({ filter: null, problem: null });
    expect(readFilterParam('?filter=null')).toEqual({ filter: null, problem: null });
    expect(readFilterParam(`?filter=${encodeURIComponent('{"countries":["KZ"]}')}`)).toEqual({ filter: { countries: ['KZ'] }, problem: null });
    expect(readFilterParam('?filter={countries')).toEqual({ filter: null, problem: 'it is not JSON' });
    expect(readFilterParam('?filter=[1]')).toEqual({ filter: null, problem: 'it is not a JSON object' });
  });

  test('writes the filter into an address beside its other parameters and its hash, and removes it for none', () => {
    const href = hrefWithFilter('http://127.0.0.1:4000/?pageSize=3#/country/kazakhstan', { countriesAll: ['KZ', 'US'] });
    const url = new URL(href);
    expect(url.searchParams.get('pageSize')).toBe('3');
    expect(url.hash).toBe('#/country/kazakhstan');
    expect(readFilterParam(url.search).filter).toEqual({ countriesAll: ['KZ', 'US'] });
    expect(hrefWithFilter(href, null)).toBe('http://127.0.0.1:4000/?pageSize=3#/country/kazakhstan');
  });

  test('links an export with the same filter, which the server reads as the form stated it', () => {
    const filter = filterFromFields({ ...NO_FIELDS, countries: 'KZ, KG', countryMatch: 'all', kind: 'MINISTERIAL', from: '2023-02-01' })!;
    expect(exportHref('/export/meetings', null)).toBe('/export/meetings');
    const link = new URL(exportHref('/export/meetings', filter), 'http://127.0.0.1:4000');
    expect(link.pathname).toBe('/export/meetings');
    expect(readMeetingFilter(link.searchParams.get('filter'))).toEqual(expect.objectContaining({ countriesAll: ['KZ', 'KG'], kinds: ['MINISTERIAL'], from: '2023-02-01' }));
  });
});
