/**
 * Folding for matching, as both stores do it: accents and case go, so a query typed without
 * them finds the name; Cyrillic letters with marks stay letters of their own (as PostgreSQL's
 * unaccent keeps them), except "ё", read as "е".
 */
import { foldedWords, foldText } from '../../src/domain/fold-text';

describe('foldText', () => {
  test('drops accents and case from Latin letters', () => {
    expect([foldText('Tokáyev'), foldText('NÚLAND'), foldText('Müller')]).toEqual(['tokayev', 'nuland', 'muller']);
  });

  test('keeps "й", "ї" and "ў" as letters of their own, and reads "ё" as "е"', () => {
    expect([foldText('Сергей'), foldText('ЙОШКАР-ОЛА'), foldText('Київ'), foldText('Ўзбекистон'), foldText('Ёлкин'), foldText('Алёна')]).toEqual([
      'сергей',
      'йошкар-ола',
      'київ',
      'ўзбекистон',
      'елкин',
      'алена',
    ]);
  });

  test('keeps Kazakh letters and lower-cases them', () => {
    expect(foldText('Мұхтар ТІЛЕУБЕРДІ, Қазақстан')).toBe('мұхтар тілеуберді, қазақстан');
  });
});

describe('foldedWords', () => {
  test('cuts folded text into runs of letters and digits, in any script', () => {
    expect(foldedWords('Касым-Жомарт Токаев, C5+1')).toEqual(['касым', 'жомарт', 'токаев', 'c5', '1']);
  });
});
