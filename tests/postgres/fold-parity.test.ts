/**
 * Both stores fold names alike: the JSON store with `foldText` (NFKD, marks dropped, Cyrillic
 * letters kept), PostgreSQL with `fold_text` (unaccent, lower). Where they differ, a name
 * found in one store would be missed in the other. Compared here on Latin and Cyrillic
 * names, with the letters each folding could read differently ("й", "ё", "ї", "ў", Kazakh
 * "қ", "ұ", "і"). Runs in jest's `postgres` project.
 */
import { foldText } from '../../src/domain/fold-text';
import { createPool } from '../../src/store/postgres/database';
import { TEST_DATABASE_URL, dropSchema, importIntoNewSchema } from '../helpers/store-under-test';
import { createTempDataDir, removeTempDataDir } from '../helpers/temp-data-dir';

const NAMES = [
  'Kairat Umarov',
  'Tokáyev',
  'NÚLAND',
  'Сергей Лавров',
  'ЙОШКАР-ОЛА',
  'Алёна Ёлкина',
  'Касым-Жомарт Токаев',
  'Мұхтар Тілеуберді',
  'Қазақстан',
  'Київ',
  'Ўзбекистон',
];

test('PostgreSQL folds Latin and Cyrillic names as the JSON store does', async () => {
  const directory = await createTempDataDir();
  const schema = await importIntoNewSchema(directory);
  const pool = createPool({ url: TEST_DATABASE_URL, schema, max: 1 });
  try {
    const { rows } = await pool.query<{ folded: string[] }>('SELECT array_agg(fold_text(name) ORDER BY i) AS folded FROM unnest($1::text[]) WITH ORDINALITY AS x(name, i)', [NAMES]);
    expect(rows[0]!.folded).toEqual(NAMES.map(foldText));
  } finally {
    await pool.end();
    await dropSchema(schema);
    await removeTempDataDir(directory);
  }
});
