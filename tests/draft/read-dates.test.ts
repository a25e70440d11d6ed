import { describeRange } from '../../src/domain/meeting-date';
import { readDates, type DateMention } from '../../src/draft/read-dates';
import { fuzzyDateRecord } from '../../src/store/contract/records';
import { DATE_CASES } from './read-dates.cases';

/** Every mention is a stored FuzzyDate, its quote the text's own words, in order and apart. */
function expectWellFormed(text: string, mentions: DateMention[]) {
  let reached = 0;
  for (const mention of mentions) {
    expect(text.slice(mention.start, mention.end)).toBe(mention.quote);
    expect(mention.start).toBeGreaterThanOrEqual(reached);
    expect(mention.end).toBeGreaterThan(mention.start);
    reached = mention.end;
    expect(fuzzyDateRecord.parse(mention.date)).toEqual(mention.date);
    expect(describeRange(mention.date.earliest, mention.date.latest)).toEqual(mention.date);
  }
}

describe('readDates: the table of phrases', () => {
  test('holds at least 40 phrases, negatives among them', () => {
    expect(DATE_CASES.length).toBeGreaterThanOrEqual(40);
    expect(DATE_CASES.filter((c) => c.expected.length === 0).length).toBeGreaterThanOrEqual(5);
  });

  test.each(DATE_CASES.map((c) => [c.text, c.publishedOn ?? 'none', c] as const))('%s (published %s)', (_text, _published, c) => {
    const mentions = readDates(c.text, { publishedOn: c.publishedOn });
    expect(mentions.map((m) => [m.quote, m.date.earliest, m.date.latest, m.date.precision])).toEqual(c.expected);
    expectWellFormed(c.text, mentions);
  });
});

describe('readDates: what it claims', () => {
  test('labels read as describeRange writes them everywhere', () => {
    const text = 'In late February 2023, from 3 to 5 May 2023 and recently.';
    expect(readDates(text, { publishedOn: '2023-06-01' }).map((m) => m.date.label)).toEqual([
      'late February 2023',
      'between 3 and 5 May 2023',
      'on or before 1 June 2023',
    ]);
  });

  test('the kind says whether the year is the text’s, read against publication, or only a bound', () => {
    const text = 'On 28 February 2023 and on Tuesday, and recently.';
    expect(readDates(text, { publishedOn: '2023-03-01' }).map((m) => m.kind)).toEqual(['ABSOLUTE', 'RELATIVE', 'OPEN']);
  });

  test('a dateline after the publication date is not the reference: publication is', () => {
    const mentions = readDates('ASTANA, 5 March 2023. They met on Monday.', { publishedOn: '2023-03-01' });
    expect(mentions.map((m) => m.date.earliest)).toEqual(['2023-03-05', '2023-02-27']);
  });

  test('a malformed publication date reads as none: relative expressions yield nothing', () => {
    expect(readDates('They met on Tuesday and last week.', { publishedOn: '2023-02-31' })).toEqual([]);
    expect(readDates('They met on Tuesday and last week.', { publishedOn: 'yesterday' })).toEqual([]);
  });

  test('the verbatim span holds over every phrase of the table read as one text', () => {
    const text = DATE_CASES.map((c) => c.text).join('\n');
    const mentions = readDates(text, { publishedOn: '2023-04-30' });
    expect(mentions.length).toBeGreaterThan(40);
    expectWellFormed(text, mentions);
  });
});

describe('readDates: limits', () => {
  const paragraph =
    'ASTANA, 28 February 2023. Ministers of the C5+1 met on Tuesday in Astana, where 2,000 people from 5 countries gathered; ' +
    'talks followed last week and, recently, Theresa May said they may meet in May, from 3 to 5 May. ';

  test('empty text reads as no dates', () => {
    expect(readDates('', { publishedOn: '2023-03-01' })).toEqual([]);
    expect(readDates('   \n', { publishedOn: null })).toEqual([]);
  });

  test('binary and garbage text reads without a crash, every mention well formed', () => {
    const garbage = Array.from({ length: 200_000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 131) % 256)).toString('latin1');
    for (const text of [garbage, bytes, '\u0000\uD800 31 February 2023 \uDFFF 99 May 2023 0 May 2023']) {
      expectWellFormed(text, readDates(text, { publishedOn: '2023-03-01' }));
    }
    expect(readDates('99 May 2023, 0 May 2023, 32 January', { publishedOn: '2023-03-01' })).toEqual([]);
  });

  test('a 1,000-word report reads in well under 100 ms', () => {
    const text = paragraph.repeat(Math.ceil(1000 / paragraph.split(/\s+/).length));
    readDates(text, { publishedOn: '2023-04-30' });
    const started = performance.now();
    const mentions = readDates(text, { publishedOn: '2023-04-30' });
    expect(performance.now() - started).toBeLessThan(100);
    expect(mentions.length).toBeGreaterThan(100);
  });

  test('a 10 MB text, dense with dates, reads in a few seconds', () => {
    const text = paragraph.repeat(Math.ceil(10_000_000 / paragraph.length)).slice(0, 10_000_000);
    const started = performance.now();
    const mentions = readDates(text, { publishedOn: '2023-04-30' });
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(mentions.length).toBeGreaterThan(250_000);
    expect(mentions.at(-1)!.end).toBeLessThanOrEqual(text.length);
  }, 30_000);
});
