/**
 * Folds text for matching: accents removed, lower case, so "Tokáyev" matches "tokayev".
 * Cyrillic letters keep their marks, except "ё" (read as "е"): "й" is a letter of its own,
 * not "и" with an accent, as PostgreSQL's unaccent (the other store's folding) has it too.
 */
export function foldText(text: string): string {
  // Most names and queries are ASCII, which has neither marks nor compatibility forms.
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(CYRILLIC_WITH_MARKS, (letter) => (letter === 'е\u0308' || letter === 'Е\u0308' ? letter.charAt(0) : letter.normalize('NFC')))
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

const ASCII = /^[\x00-\x7f]*$/;

/** A Cyrillic letter followed by combining marks, as NFKD decomposes "й" or "ї". */
const CYRILLIC_WITH_MARKS = /\p{Script=Cyrillic}\p{M}+/gu;

/** The words of a text, folded: runs of letters and digits. */
export function foldedWords(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}
