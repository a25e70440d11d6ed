/**
 * The word index answers text filters as MiniSearch's prefix AND search did (the index it
 * replaced): the same records for every query, whether the texts were sealed in or just added.
 */
import MiniSearch from 'minisearch';
import { foldText } from '../../src/domain/fold-text';
import { wordTerms } from '../../src/store/keys/word-terms';
import { WordIndex } from '../../src/store/memory/word-index';

const TEXTS = [
  "Kairat Umarov's visit to the United States. Topics: energy, critical minerals.",
  'Antony Blinken meets Kairat Umarov in Astana (28 February 2023)',
  'C5+1 ministerial: energy security and water; the Caspian route',
  'Tokáyev receives Blinken — ÉNERGIE & sécurité',
  'Energetic talks on trade, trade-offs and the Trans-Caspian corridor',
  'astana-2023 summit',
  '',
  '¡¿!?',
  'Œuvre ﬁnale: naïve café, Straße 2023/24',
];
const QUERIES = ['energ', 'energy', 'ENERGY security', 'astana', 'astana 2023', 'umarov', "umarov's", 'caspian trade', 'trans', 'tokayev', 'énergie', 'securite', 'cafe', 'strasse', 'straße', 'fin', 'oeuvre', '2023', 'c5', 'zzz', '!!', 'the', 'a', 't e'];

function miniSearch(texts: readonly string[]): MiniSearch<{ id: number; text: string }> {
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], processTerm: foldText });
  index.addAll(texts.map((text, id) => ({ id, text })));
  return index;
}

const expected = (index: MiniSearch<{ id: number; text: string }>, query: string) =>
  index
    .search(query, { prefix: true, combineWith: 'AND' })
    .map((hit) => hit.id as number)
    .sort((a, b) => a - b);

describe('WordIndex', () => {
  test('finds the texts MiniSearch finds with prefix AND search, for every query', () => {
    const words = new WordIndex();
    TEXTS.forEach((text, id) => words.add(id, wordTerms(text)));
    words.seal();
    const reference = miniSearch(TEXTS);
    for (const query of QUERIES) expect({ query, ids: [...words.match(wordTerms(query))].sort((a, b) => a - b) }).toEqual({ query, ids: expected(reference, query) });
  });

  test('finds texts added after sealing as it finds sealed ones, and after sealing them too', () => {
    const words = new WordIndex();
    TEXTS.slice(0, 4).forEach((text, id) => words.add(id, wordTerms(text)));
    words.seal();
    TEXTS.slice(4).forEach((text, i) => words.add(4 + i, wordTerms(text)));
    const reference = miniSearch(TEXTS);
    for (const query of QUERIES) expect({ query, ids: [...words.match(wordTerms(query))].sort((a, b) => a - b) }).toEqual({ query, ids: expected(reference, query) });
    words.seal();
    for (const query of QUERIES) expect({ query, ids: [...words.match(wordTerms(query))].sort((a, b) => a - b) }).toEqual({ query, ids: expected(reference, query) });
  });

  test('a query without a word matches nothing', () => {
    const words = new WordIndex();
    words.add(0, wordTerms('energy'));
    expect(words.match([])).toEqual(new Set());
  });
});
