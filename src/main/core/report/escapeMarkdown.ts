/*
 * Escaping for text that must read as itself in any Markdown reader: CommonMark (GitHub,
 * Obsidian, markdown-it) and pandoc's own Markdown, which adds math ($), superscripts (^),
 * citations (@key), letter-numbered lists and line blocks. Only ASCII punctuation is ever
 * escaped, with a backslash, which every CommonMark reader removes (spec §2.4), so the
 * text renders unchanged and still reads well as plain text. `<` and `&` are escaped too,
 * so raw HTML and entities from an article can never become markup.
 */

/** Characters that start or end inline syntax wherever they stand. */
const INLINE_SPECIAL = /[\\`*_[\]~|<&$^]/g;
/** `@` at the start of a word is a pandoc citation or a GitHub mention; inside an e-mail address it is neither. */
const CITATION_AT = /(^|[^\p{L}\p{N}_])@/gu;

/**
 * Escapes one line of plain text for use inside a paragraph, heading, list item or table-free
 * inline context. It does not touch what only matters at the start of a line: see
 * `escapeLineStart`.
 */
export function escapeInline(text: string, options: { inHeading?: boolean } = {}): string {
  let escaped = text.replace(INLINE_SPECIAL, '\\$&').replace(CITATION_AT, '$1\\@');
  if (options.inHeading === true) {
    // An ATX heading loses a closing run of #s, and pandoc reads a trailing {…} as attributes.
    escaped = escaped.replace(/#(?=[ \t]*$)/, '\\#').replace(/\{/g, '\\{');
  }
  return escaped;
}

/** Ordinal list markers in CommonMark (`1.`, `1)`) and pandoc's fancy lists (`a.`, `iv)`, `A)`). */
const LIST_MARKER = /^(\d{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])(?=[ \t]|$)/;
/** pandoc's parenthesised markers: `(1)`, `(a)`, `(iv)`, `(@)`, `(#)`. */
const PAREN_MARKER = /^\((?=(?:\d{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]+|\\?@[\w-]*|\\?#)\))/;
/** Characters that open a block at the start of a line: headings, quotes, lists, rules, setext underlines, tables, pandoc definition lists and line blocks. */
const BLOCK_START = /^[#>+\-=:|]/;

/**
 * Makes one line of Markdown that is already inline-escaped safe to stand at the start of a
 * line inside a paragraph: it cannot start a heading, quote, list, rule, code block or table.
 * Leading white space is dropped (a renderer would drop it or read it as a code block).
 */
export function escapeLineStart(line: string): string {
  const trimmed = line.replace(/^[ \t]+/, '');
  if (BLOCK_START.test(trimmed)) return `\\${trimmed}`;
  const marker = LIST_MARKER.exec(trimmed);
  if (marker) return `${marker[1] ?? ''}\\${trimmed.slice((marker[1] ?? '').length)}`;
  if (PAREN_MARKER.test(trimmed)) return `\\${trimmed}`;
  return trimmed;
}

/** Line endings of every kind, as normalizeText folds them for the article's text. */
const LINE_BREAK = /\r\n?|\n|\u2028|\u2029|\u0085/;

/**
 * Plain text (one paragraph, possibly with line breaks) as the content of one Markdown
 * paragraph: each line escaped, line breaks kept as hard breaks (a trailing backslash, which
 * survives editors that strip trailing spaces). Empty lines would end the paragraph: they go.
 */
export function markdownLines(text: string): string {
  return text
    .normalize('NFC')
    .split(LINE_BREAK)
    .map((line) => escapeLineStart(escapeInline(line.replace(/[ \t]+$/, ''))))
    .filter((line) => line !== '')
    .join('\\\n');
}

/**
 * Plain text that may hold several paragraphs (an analyst's note) as Markdown paragraphs:
 * blank lines separate paragraphs, single line breaks stay line breaks.
 */
export function markdownParagraphs(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/(?:\r\n?|\n|\u2028|\u2029|\u0085)[ \t]*(?:\r\n?|\n|\u2028|\u2029|\u0085)\s*/)
    .map((paragraph) => markdownLines(paragraph.trim()))
    .filter((paragraph) => paragraph !== '');
}

/** Text on one line (a title in a heading or a link): line breaks become spaces. */
export function markdownSingleLine(text: string, options: { inHeading?: boolean } = {}): string {
  const line = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return escapeLineStart(escapeInline(line, options));
}

/** A code span holding `text` literally, whatever backticks it contains. */
export function codeSpan(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const padding = line.startsWith('`') || line.endsWith('`') || /^ .* $/.test(line) ? ' ' : '';
  return `${fence}${padding}${line}${padding}${fence}`;
}
