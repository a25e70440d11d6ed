/**
 * A JSON array in the store's file format — exactly `JSON.stringify(records, null, 2) + '\n'` —
 * produced a thousand records at a time, so a file of hundreds of megabytes never exists
 * as one string and writing it yields to the event loop between chunks.
 */

const BATCH = 1000;

/** The file's text, in chunks whose concatenation is `JSON.stringify(records, null, 2) + '\n'`. */
export function* jsonArrayChunks(records: readonly unknown[], batch = BATCH): Generator<string> {
  if (records.length === 0) {
    yield '[]\n';
    return;
  }
  yield '[\n';
  for (let from = 0; from < records.length; from += batch) {
    // A batch serialized as an array is "[\n" + its records at the right indentation + "\n]": keep the middle.
    const text = JSON.stringify(records.slice(from, from + batch), null, 2);
    yield `${text.slice(2, -2)}${from + batch < records.length ? ',\n' : '\n]\n'}`;
  }
}
