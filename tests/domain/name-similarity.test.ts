/**
 * Calibration of the name similarity the import uses to stop on near matches: variants
 * of one name (spellings, scripts, word order) score at or above NEAR_MATCH_SCORE,
 * different names below it. Each score is asserted to two decimals, so a change of library
 * or method that moves a case shows here, not in an import.
 */
import { bestNameMatch, EXACT_NAME_SCORE, isExactName, latinName, nameSimilarity, NEAR_MATCH_SCORE } from '../../src/domain/name-similarity';

const scored = (pairs: [string, string][]) => pairs.map(([a, b]) => [a, b, Math.round(nameSimilarity(a, b) * 100) / 100] as const);

describe('nameSimilarity', () => {
  test('scores variants of one name at or above NEAR_MATCH_SCORE, and below 1', () => {
    const variants = scored([
      ['Mukhtar Tleuberdi', 'Mukhtar Tileuberdi'],
      ['Elliot Kang', 'Eliot Kang'],
      ['Токаев', 'Tokayev'],
      ['Касым-Жомарт Токаев', 'Kassym-Jomart Tokayev'],
      ['Antony Blinken', 'Anthony Blinken'],
      ['Мухтар Тлеуберди', 'Mukhtar Tleuberdi'],
      ['Kang, Eliot', 'Elliot Kang'],
      ['A. Blinken', 'Antony Blinken'],
      ['Қазақстан', 'Kazakhstan'],
      // A surname alone, or a name without a word, is contained in the full name.
      ['Токаев', 'Kassym-Jomart Tokayev'],
      ['Tokayev', 'Kassym-Jomart Tokayev'],
      ['Blinken', 'Antony Blinken'],
      ['Mallory Stewart', 'Mallory Stewart Hall'],
    ]);
    expect(variants).toEqual([
      ['Mukhtar Tleuberdi', 'Mukhtar Tileuberdi', 0.98],
      ['Elliot Kang', 'Eliot Kang', 0.97],
      ['Токаев', 'Tokayev', 0.97],
      ['Касым-Жомарт Токаев', 'Kassym-Jomart Tokayev', 0.93],
      ['Antony Blinken', 'Anthony Blinken', 0.98],
      ['Мухтар Тлеуберди', 'Mukhtar Tleuberdi', 0.98],
      ['Kang, Eliot', 'Elliot Kang', 0.97],
      ['A. Blinken', 'Antony Blinken', 0.92],
      ['Қазақстан', 'Kazakhstan', 0.98],
      ['Токаев', 'Kassym-Jomart Tokayev', 0.89],
      ['Tokayev', 'Kassym-Jomart Tokayev', 0.92],
      ['Blinken', 'Antony Blinken', 0.92],
      ['Mallory Stewart', 'Mallory Stewart Hall', 0.92],
    ]);
    for (const [a, b] of variants) {
      expect(nameSimilarity(a, b)).toBeGreaterThanOrEqual(NEAR_MATCH_SCORE);
      expect(nameSimilarity(a, b)).toBeLessThan(EXACT_NAME_SCORE);
    }
  });

  test('scores different names below NEAR_MATCH_SCORE, a shared first name or suffix notwithstanding', () => {
    const different = scored([
      ['Antony Blinken', 'Anthony Albanese'],
      ['Kairat Umarov', 'Kairat Abdrakhmanov'],
      ['Victoria Nuland', 'Richard Verma'],
      // Another spelling of one word and a word more: another name, not a variant.
      ['Mallory Stewart', 'Mallory Stuart Hall'],
      ['Kazakhstan', 'Uzbekistan'],
      ['Tajikistan', 'Turkmenistan'],
      ['Kyrgyzstan', 'Kazakhstan'],
      ['United States', 'United Kingdom'],
    ]);
    expect(different).toEqual([
      ['Antony Blinken', 'Anthony Albanese', 0.77],
      ['Kairat Umarov', 'Kairat Abdrakhmanov', 0.7],
      ['Victoria Nuland', 'Richard Verma', 0.6],
      ['Mallory Stewart', 'Mallory Stuart Hall', 0.86],
      ['Kazakhstan', 'Uzbekistan', 0.68],
      ['Tajikistan', 'Turkmenistan', 0.62],
      ['Kyrgyzstan', 'Kazakhstan', 0.76],
      ['United States', 'United Kingdom', 0.48],
    ]);
    for (const [a, b] of different) expect(nameSimilarity(a, b)).toBeLessThan(NEAR_MATCH_SCORE);
  });

  test('with partial: false, compares whole names only: a name contained in a longer one is not a near match', () => {
    const whole = { partial: false };
    expect([nameSimilarity('Blinken', 'Antony Blinken', whole), nameSimilarity('security', 'regional security', whole), nameSimilarity('Elliot Kang', 'Eliot Kang', whole)].map((score) => Math.round(score * 100) / 100)).toEqual([
      0.7, 0.67, 0.97,
    ]);
    expect(nameSimilarity('security', 'regional security')).toBeGreaterThanOrEqual(NEAR_MATCH_SCORE);
  });

  test('is 1 exactly for names equal once folded (case, accents, white space)', () => {
    expect([nameSimilarity('Kairat Umarov', 'KAIRAT  umarov'), nameSimilarity('Tokáyev', 'tokayev'), nameSimilarity('Токаев', 'токаев')]).toEqual([1, 1, 1]);
    expect([isExactName('Kairat Umarov', ' kairat umarov '), isExactName('Токаев', 'Tokaev')]).toEqual([true, false]);
  });

  test('keeps a name equal only once transliterated, or with a look-alike letter of another script, a near match, not an exact one', () => {
    // "Токаев" transliterates to "Tokaev"; the last "а" of the second Verma is Cyrillic.
    expect([nameSimilarity('Токаев', 'Tokaev'), nameSimilarity('Richard Verma', 'Richard Vermа')]).toEqual([0.99, 0.99]);
  });

  test('is symmetric and 0 for names without letters or digits', () => {
    expect(nameSimilarity('Tokayev', 'Токаев')).toBe(nameSimilarity('Токаев', 'Tokayev'));
    expect(nameSimilarity('Mallory Stuart Hall', 'Mallory Stewart')).toBe(nameSimilarity('Mallory Stewart', 'Mallory Stuart Hall'));
    expect([nameSimilarity('—', 'Kang'), nameSimilarity('Kang', '')]).toEqual([0, 0]);
  });
});

describe('latinName', () => {
  test('transliterates to folded Latin words, the hard and soft marks of transliteration dropped', () => {
    expect([latinName('Касым-Жомарт Токаев'), latinName('Қазақстан'), latinName('Ёлка'), latinName('Tokáyev')]).toEqual(['kasym zhomart tokaev', 'kazakstan', 'yolka', 'tokayev']);
  });
});

describe('bestNameMatch', () => {
  const tokayev = { name: 'Kassym-Jomart Tokayev', aliases: ['Tokayev'], names: [{ value: 'Касым-Жомарт Токаев' }] };

  test('scores a name against the name, the aliases and the names in other languages, best first', () => {
    expect(bestNameMatch('Токаев', tokayev)).toEqual({ name: 'Tokayev', score: nameSimilarity('Токаев', 'Tokayev') });
    expect(bestNameMatch('Касым-Жомарт Токаев', tokayev)).toEqual({ name: 'Касым-Жомарт Токаев', score: 1 });
    expect(bestNameMatch('Kassym Jomart Tokaev', tokayev)).toEqual({ name: 'Kassym-Jomart Tokayev', score: nameSimilarity('Kassym Jomart Tokaev', 'Kassym-Jomart Tokayev') });
  });

  test('answers a name without aliases or names by its name alone', () => {
    expect(bestNameMatch('Eliot Kang', { name: 'Elliot Kang' })).toEqual({ name: 'Elliot Kang', score: nameSimilarity('Eliot Kang', 'Elliot Kang') });
  });
});
