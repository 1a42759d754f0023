import { collapseSpaces, isBlankLine } from '../text/normalizeText.ts';
import type { ExtractedBlock } from './extracted.ts';

const SENTENCE_END = /[.!?…:;。！？؟»”"')\]]$/u;

/**
 * Whether a run of lines is one paragraph hard-wrapped at a fixed width (mail, wire
 * copy, PDF text) rather than separate lines that a scraper put one under another
 * (headline, captions, share buttons). Wrapped lines are long, of similar length,
 * and rarely end a sentence before the last one.
 */
function isWrappedParagraph(lines: readonly string[]): boolean {
  if (lines.length < 2) return false;
  const body = lines.slice(0, -1);
  const lengths = body.map((line) => Array.from(line).length);
  const longest = Math.max(...lengths);
  if (longest < 40 || longest > 120) return false;
  const nearWidth = lengths.filter((length) => length >= longest * 0.6).length;
  const openEnds = body.filter((line) => !SENTENCE_END.test(line.trimEnd())).length;
  return nearWidth >= body.length * 0.8 && openEnds >= body.length * 0.5;
}

/**
 * Splits normalised plain text into blocks: blank lines (spaces and non-breaking
 * spaces count as blank) separate blocks, and within a run of lines each line is its
 * own block unless the run is a hard-wrapped paragraph.
 */
export function splitPlainText(text: string): ExtractedBlock[] {
  const blocks: ExtractedBlock[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const pieces = isWrappedParagraph(run) ? [run.map((line) => line.trim()).join(' ')] : run;
    for (const piece of pieces) {
      const clean = collapseSpaces(piece);
      if (clean !== '') blocks.push({ text: clean, kind: null });
    }
    run = [];
  };
  for (const line of text.split('\n')) {
    if (isBlankLine(line)) flush();
    else run.push(line);
  }
  flush();
  return blocks;
}
