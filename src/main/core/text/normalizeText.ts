/**
 * Characters that occupy a line without putting anything on it: scraped pages are full
 * of lines holding only non-breaking spaces, which must count as blank.
 */
const INVISIBLE = '(?:\\s|\\u00a0|\\u2007|\\u202f|\\u200b|\\u200c|\\u200d|\\u2060|\\ufeff)';
const BLANK_LINE = new RegExp(`^${INVISIBLE}*$`, 'u');
const EDGES = new RegExp(`^${INVISIBLE}+|${INVISIBLE}+$`, 'gu');

/** Normalises decoded text for display: line endings to \n and Unicode NFC. The original bytes are kept apart. */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n').normalize('NFC');
}

/** Whether a line holds nothing visible (spaces, non-breaking spaces, zero-width characters). */
export function isBlankLine(line: string): boolean {
  return BLANK_LINE.test(line);
}

/** Removes invisible characters and spaces of every kind from both ends. */
export function trimVisible(text: string): string {
  return text.replace(EDGES, '');
}

/** Collapses runs of white space (non-breaking ones too) inside a block to one space, for a one-line block. */
export function collapseSpaces(text: string): string {
  return trimVisible(text).replace(/[\s\u00a0\u2007\u202f]+/gu, ' ');
}
