import { foldText, foldWithOffsets } from './foldText.ts';
import type { QueryTerm } from './parseQuery.ts';
import { tokenizeFolded } from './tokenizeFolded.ts';

/** A stretch of a text to highlight: UTF-16 offsets, `end` exclusive. */
export type HighlightRange = { start: number; end: number };

/** Where the terms of a query occur in one text, and which of them do. */
export type Highlights = { ranges: HighlightRange[]; termsFound: number[] };

function mergeRanges(ranges: HighlightRange[]): HighlightRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: HighlightRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/**
 * Finds the query's terms in an original (unfolded) text the way FTS5 finds them in the
 * index: the text is folded and tokenised exactly as for indexing, each term is matched
 * against the token stream, and the matching tokens are mapped back onto the original
 * characters. Returns null when no term occurs.
 */
export function findHighlights(text: string, terms: readonly QueryTerm[]): Highlights | null {
  // Most texts of a matching article do not contain a term: a substring test on the cheap
  // fold rules them out before the offset map and the tokens are built.
  const quick = foldText(text);
  if (!terms.some((term) => quick.includes(term.tokens[0] ?? '\u0000'))) return null;
  const folded = foldWithOffsets(text);
  const tokens = tokenizeFolded(folded.text);
  const ranges: HighlightRange[] = [];
  const termsFound: number[] = [];
  for (const [termIndex, term] of terms.entries()) {
    const count = term.tokens.length;
    let found = false;
    for (let position = 0; position + count <= tokens.length; position += 1) {
      let matches = true;
      for (let offset = 0; offset < count && matches; offset += 1) {
        const token = tokens[position + offset];
        const wanted = term.tokens[offset] ?? '';
        if (token === undefined) matches = false;
        else if (offset === count - 1 && term.prefix) matches = token.text.startsWith(wanted);
        else matches = token.text === wanted;
      }
      if (!matches) continue;
      const first = tokens[position];
      const last = tokens[position + count - 1];
      if (first === undefined || last === undefined) continue;
      // A prefix of a bigram is one character of it: highlight that one, not its neighbour.
      const lastWanted = term.tokens[count - 1] ?? '';
      const foldedEnd = term.prefix && last.isCjk ? last.start + lastWanted.length : last.end;
      const start = folded.starts[first.start];
      const end = folded.ends[foldedEnd - 1];
      if (start === undefined || end === undefined) continue;
      ranges.push({ start, end });
      found = true;
    }
    if (found) termsFound.push(termIndex);
  }
  if (ranges.length === 0) return null;
  return { ranges: mergeRanges(ranges), termsFound };
}
