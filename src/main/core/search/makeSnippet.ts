import type { HighlightRange } from './findHighlights.ts';

/** A short passage of a text with the hits to highlight, as offsets into `text`. */
export type Snippet = { text: string; highlights: HighlightRange[] };

const WIDTH = 200;
const CONTEXT_BEFORE = 60;
/** How far a cut may move to fall between words rather than inside one. */
const WORD_SLACK = 20;
const ELLIPSIS = '…';

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Cuts a passage of about WIDTH characters around the first hit, on word boundaries where
 * it can, with an ellipsis where text was left out. Line breaks become spaces one for one,
 * so that a snippet is one line and the offsets still hold.
 */
export function makeSnippet(text: string, ranges: readonly HighlightRange[]): Snippet {
  const oneLine = (part: string): string => part.replace(/[\t\n\v\f\r\u0085\u2028\u2029]/gu, ' ');
  if (text.length <= WIDTH) return { text: oneLine(text), highlights: ranges.map((range) => ({ ...range })) };
  const first = ranges[0] ?? { start: 0, end: 0 };
  let start = Math.max(0, first.start - CONTEXT_BEFORE);
  if (start > 0) {
    const space = text.slice(start, Math.min(first.start, start + WORD_SLACK)).search(/\s/u);
    if (space !== -1) start += space + 1;
  }
  let end = Math.min(text.length, Math.max(start + WIDTH, first.end));
  if (end < text.length) {
    const before = text.slice(Math.max(first.end, end - WORD_SLACK), end);
    const space = before.search(/\s\S*$/u);
    if (space !== -1) end = Math.max(first.end, end - WORD_SLACK) + space;
  }
  if (start > 0 && isLowSurrogate(text, start)) start -= 1;
  if (end < text.length && isLowSurrogate(text, end)) end += 1;
  const lead = start > 0 ? ELLIPSIS : '';
  const shift = lead.length - start;
  const highlights = ranges
    .filter((range) => range.end > start && range.start < end)
    .map((range) => ({
      start: Math.max(range.start, start) + shift,
      end: Math.min(range.end, end) + shift,
    }));
  return {
    text: `${lead}${oneLine(text.slice(start, end))}${end < text.length ? ELLIPSIS : ''}`,
    highlights,
  };
}
