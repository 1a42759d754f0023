import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { WorkbenchError } from '../../../shared/errors.ts';
import type { BlockKind } from '../../../shared/article.ts';
import { cleanStatedText } from './cleanStatedText.ts';
import { collapseWhitespace, comparableText } from './collectBlocks.ts';
import type { ExtractedBlock, ExtractedDocument, ExtractLimits } from './extracted.ts';
import { normalizeDate } from './normalizeDate.ts';
import { normalizeLanguageTag } from './normalizeLanguageTag.ts';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** The fields of a pdf.js text item this module reads. */
type TextItem = {
  str: string;
  dir: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
};

let loadingPdfjs: Promise<Pdfjs> | null = null;

/**
 * pdf.js in Node runs its worker code on the main thread ("fake worker"). Handing it the
 * worker module through globalThis.pdfjsWorker avoids the dynamic import of a file path
 * relative to pdf.mjs, which breaks once the main process is bundled.
 */
function loadPdfjs(): Promise<Pdfjs> {
  loadingPdfjs ??= (async () => {
    const [pdfjs, worker] = await Promise.all([
      import('pdfjs-dist/legacy/build/pdf.mjs'),
      // @ts-expect-error -- pdfjs-dist ships no type declarations for its worker module
      import('pdfjs-dist/legacy/build/pdf.worker.mjs') as Promise<unknown>,
    ]);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return pdfjs;
  })();
  return loadingPdfjs;
}

/**
 * pdf.js needs its bundled CMaps to read text set in CJK fonts that rely on a predefined
 * encoding. They are read from the installed package on disk, never fetched.
 */
function localCMapDirectory(): string | undefined {
  try {
    const packageJson = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
    return `${path.join(path.dirname(packageJson), 'cmaps')}${path.sep}`;
  } catch {
    return undefined;
  }
}

/**
 * Extracts a PDF's text layer as paragraphs and its metadata. Lines are rebuilt from text
 * positions, paragraphs from vertical gaps; right-to-left lines come out in logical order.
 * A PDF of more than `limits.maxPdfPages` pages is refused before any page is read (pdf.js
 * slows down sharply walking a huge page tree, so reading "the first pages" of a 50,000-page
 * file still takes minutes); it is a book or an archive, not an article. A PDF without a text
 * layer (a scan) yields no blocks and a warning, so its metadata is still kept. A block
 * equal to the title is not repeated.
 */
export async function extractPdf(bytes: Uint8Array, limits: ExtractLimits): Promise<ExtractedDocument> {
  if (bytes.length > limits.maxFileBytes) {
    throw new WorkbenchError(
      'FILE_TOO_LARGE',
      `The PDF is larger than ${Math.round(limits.maxFileBytes / (1024 * 1024))} MB.`,
    );
  }
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    // A copy: pdf.js transfers the buffer it is given to its worker, detaching the caller's.
    data: bytes.slice(),
    password: '',
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    enableXfa: false,
    cMapUrl: localCMapDirectory(),
    cMapPacked: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  let document: PDFDocumentProxy;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy();
    throw openError(error);
  }
  try {
    return await readDocument(pdfjs, document, limits);
  } finally {
    await document.destroy();
  }
}

function openError(error: unknown): WorkbenchError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return new WorkbenchError(
      'PDF_ENCRYPTED',
      'The PDF is protected by a password; open it in a PDF reader, save an unprotected copy and import that.',
      {
        cause: error,
      },
    );
  }
  return new WorkbenchError(
    'PDF_DAMAGED',
    'The PDF is damaged or not a PDF at all: its structure cannot be read.',
    { cause: error },
  );
}

async function readDocument(
  pdfjs: Pdfjs,
  document: PDFDocumentProxy,
  limits: ExtractLimits,
): Promise<ExtractedDocument> {
  const warnings: string[] = [];
  const pageCount = document.numPages;
  if (pageCount > limits.maxPdfPages) {
    throw new WorkbenchError(
      'PDF_TOO_MANY_PAGES',
      `The PDF has ${pageCount.toLocaleString('en')} pages; the workbench reads articles of at most ${limits.maxPdfPages.toLocaleString('en')} pages. Split out the pages you need and import those.`,
    );
  }
  const pages: Line[][] = [];
  const failedPages: number[] = [];
  const unreadablePages: number[] = [];
  for (let number = 1; number <= pageCount; number++) {
    try {
      const { lines, unreadableLines } = await readPage(pdfjs, await document.getPage(number), number);
      pages.push(lines);
      if (unreadableLines > 0) unreadablePages.push(number);
    } catch {
      failedPages.push(number);
      pages.push([]);
    }
  }
  if (pageCount > 0 && failedPages.length === pageCount) {
    throw new WorkbenchError('PDF_DAMAGED', 'The PDF is damaged: none of its pages can be read.');
  }
  if (failedPages.length > 0)
    warnings.push(`Pages ${formatPages(failedPages)} of the PDF could not be read and were left out.`);
  if (unreadablePages.length > 0) {
    warnings.push(
      `Some text on pages ${formatPages(unreadablePages)} is set in a font that does not say which letters its glyphs are; that text cannot be read without OCR and was left out.`,
    );
  }

  const metadata = await readMetadata(document);
  dropRunningLines(pages);
  for (const lines of pages) dropPageNumbers(lines);
  const bodySize = dominantSize(pages.flat());
  const textTitle = titleFromFirstPage(pages[0] ?? [], bodySize);
  const title = metadata.title ?? textTitle?.text ?? null;
  const byline =
    metadata.author ?? (textTitle === null ? null : authorsAfterTitle(pages[0] ?? [], textTitle.lastLine));

  const spacingFor = lineSpacingBySize(pages);
  const paragraphs = pages.flatMap((lines) => groupParagraphs(lines, spacingFor));
  const blocks = toBlocks(mergeAcrossPages(paragraphs), bodySize, title);
  if (blocks.length === 0)
    warnings.push('The PDF has no text layer (it may be a scanned image); no text could be extracted.');

  return {
    title,
    byline,
    siteName: null,
    publishedAt: metadata.created,
    declaredLanguage: metadata.language,
    url: null,
    blocks,
    warnings,
  };
}

// ——— lines ———

type Run = {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  isRtl: boolean;
  order: number;
  hasSpaceBefore: boolean;
};

type Line = { text: string; x0: number; x1: number; y: number; size: number; page: number; isRtl: boolean };

async function readPage(
  pdfjs: Pdfjs,
  page: PDFPageProxy,
  number: number,
): Promise<{ lines: Line[]; unreadableLines: number }> {
  try {
    // Normalisation happens here, after right-to-left reordering: pdf.js would expand
    // presentation-form ligatures before reversing them, breaking "ﻻ" into "ال".
    const content = await page.getTextContent({ disableNormalization: true });
    const items = content.items.filter((item): item is typeof item & TextItem => 'str' in item) as TextItem[];
    if (items.some((item) => item.dir === 'rtl')) await repairRtlLigatures(pdfjs, page, items);
    return buildLines(items, number);
  } finally {
    page.cleanup();
  }
}

function buildLines(items: TextItem[], page: number): { lines: Line[]; unreadableLines: number } {
  const lines: Line[] = [];
  let unreadableLines = 0;
  let runs: Run[] = [];
  let pendingSpace = false;
  const endLine = (): void => {
    const line = assembleLine(runs, page);
    if (line === 'unreadable') unreadableLines++;
    else if (line !== null) lines.push(line);
    runs = [];
  };
  items.forEach((item, order) => {
    const [, , c = 0, d = 0, x = 0, y = 0] = item.transform;
    const size = Math.hypot(c, d) || Math.abs(item.height) || 1;
    if (item.str.trim() === '') {
      pendingSpace ||= item.str.length > 0;
      if (item.hasEOL) endLine();
      return;
    }
    const previous = runs[runs.length - 1];
    if (previous !== undefined && Math.abs(y - previous.y) > 0.45 * Math.max(size, previous.size)) endLine();
    runs.push({
      text: item.str,
      x0: x,
      x1: x + item.width,
      y,
      size,
      isRtl: item.dir === 'rtl',
      order,
      hasSpaceBefore: pendingSpace,
    });
    pendingSpace = false;
    if (item.hasEOL) endLine();
  });
  endLine();
  return { lines, unreadableLines };
}

const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/gu;
const LTR_LETTER = /[\p{L}\p{N}]/gu;
const STRONG_LTR = /[\p{L}\p{N}]/u;

/**
 * A font without a ToUnicode map and without standard glyph names gives pdf.js nothing
 * but its own character codes, which come out as control characters (pdf.js's
 * TAMReview.pdf from page 2 on). A line made mostly of them is unreadable; a stray one
 * (such fonts often code the space as U+0002) becomes a space.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const UNMAPPED_GLYPH = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/gu;

function assembleLine(runs: Run[], page: number): Line | 'unreadable' | null {
  if (runs.length === 0) return null;
  const visual = [...runs].sort((a, b) => a.x0 - b.x0);
  let rtlCount = 0;
  let ltrCount = 0;
  for (const run of runs) {
    const rtl = run.text.match(RTL_LETTER)?.length ?? 0;
    rtlCount += rtl;
    ltrCount += (run.text.match(LTR_LETTER)?.length ?? 0) - rtl;
  }
  const isRtl = rtlCount > ltrCount;
  const logical = isRtl
    ? reorderRuns([...visual].reverse(), (run) => !run.isRtl)
    : reorderRuns(visual, (run) => run.isRtl);

  let text = '';
  let previous: Run | undefined;
  for (const run of logical) {
    if (previous !== undefined && needsSpace(previous, run)) text += ' ';
    text += run.text;
    previous = run;
  }
  const unmapped = text.match(UNMAPPED_GLYPH)?.length ?? 0;
  if (unmapped > 0.2 * text.replace(/\s/g, '').length) return 'unreadable';
  text = normalizeCompatibilityForms(collapseWhitespace(text.replace(UNMAPPED_GLYPH, ' '))).trim();
  if (text === '') return null;
  const main = runs.reduce((best, run) => (run.text.length > best.text.length ? run : best));
  return {
    text,
    x0: Math.min(...runs.map((run) => run.x0)),
    x1: Math.max(...runs.map((run) => run.x1)),
    y: main.y,
    size: main.size,
    page,
    isRtl,
  };
}

/**
 * Runs of the embedded direction (Latin words inside an Arabic line, Arabic inside an
 * English one) keep their own order: the maximal groups of them, with any neutral runs
 * between two of them, are reversed back.
 */
function reorderRuns(sequence: Run[], isEmbedded: (run: Run) => boolean): Run[] {
  const result = [...sequence];
  let index = 0;
  while (index < result.length) {
    const run = result[index];
    if (run === undefined || !isEmbedded(run) || !isStrong(run)) {
      index++;
      continue;
    }
    let end = index;
    for (let next = index + 1; next < result.length; next++) {
      const candidate = result[next];
      if (candidate === undefined) break;
      if (isEmbedded(candidate) && isStrong(candidate)) end = next;
      else if (!isNeutral(candidate)) break;
    }
    const group = result.slice(index, end + 1).reverse();
    result.splice(index, group.length, ...group);
    index = end + 1;
  }
  return result;
}

function isStrong(run: Run): boolean {
  return run.isRtl || STRONG_LTR.test(run.text);
}

function isNeutral(run: Run): boolean {
  return !isStrong(run);
}

const ARABIC_SCRIPT_END = /[\p{Script=Arabic}\p{Script=Hebrew}]$/u;
const ARABIC_SCRIPT_START = /^[\p{Script=Arabic}\p{Script=Hebrew}]/u;
const LATIN_END = /\p{Script=Latin}$/u;
const LATIN_START = /^\p{Script=Latin}/u;

function needsSpace(left: Run, right: Run): boolean {
  if (/\s$/.test(left.text) || /^\s/.test(right.text)) return false;
  // Word positions each direction's run on its own and draws the space between them on
  // top of the neighbour, so no gap shows; an Arabic letter never touches a Latin one.
  if (
    (LATIN_END.test(left.text) && ARABIC_SCRIPT_START.test(right.text)) ||
    (ARABIC_SCRIPT_END.test(left.text) && LATIN_START.test(right.text))
  ) {
    return true;
  }
  if (right.order === left.order + 1 && right.hasSpaceBefore) return true;
  if (left.order === right.order + 1 && left.hasSpaceBefore) return true;
  const gap = Math.max(left.x0, right.x0) - Math.min(left.x1, right.x1);
  return gap > 0.12 * Math.min(left.size, right.size);
}

/** NFKC for the compatibility blocks only: Arabic presentation forms and Latin ligatures ("ﬁ"). */
function normalizeCompatibilityForms(text: string): string {
  return text.replace(/[\ufb00-\ufb4f\ufb50-\ufdff\ufe70-\ufeff]+/gu, (forms) => forms.normalize('NFKC'));
}

// ——— right-to-left ligatures ———

/**
 * pdf.js joins the Unicode strings of a run's glyphs and reverses the joined string for
 * right-to-left text, so a glyph that stands for two letters (the lam-alef ligature,
 * mapped to "لإ" by Word's ToUnicode) comes out reversed: «اإلنتاجية» for «الإنتاجية»
 * (mozilla/pdf.js#9523). The operator list still has the glyphs one by one; each text
 * item is matched to its glyphs, and multi-letter glyphs are turned back the right way.
 * If the match fails anywhere, the rest of the page is left as pdf.js gave it.
 */
async function repairRtlLigatures(pdfjs: Pdfjs, page: PDFPageProxy, items: TextItem[]): Promise<void> {
  const operators = await page.getOperatorList();
  const glyphs: string[] = [];
  operators.fnArray.forEach((fn, index) => {
    if (fn !== pdfjs.OPS.showText) return;
    const args: unknown = operators.argsArray[index];
    const shown: unknown = Array.isArray(args) ? (args as unknown[])[0] : undefined;
    if (!Array.isArray(shown)) return;
    for (const glyph of shown as unknown[]) {
      const unicode = (glyph as { unicode?: unknown } | null)?.unicode;
      if (typeof unicode === 'string' && unicode.trim() !== '') glyphs.push(unicode.replace(/\s+/g, ''));
    }
  });

  let cursor = 0;
  for (const item of items) {
    // Code points, not UTF-16 units: a glyph's string is compared letter by letter.
    const characters = Array.from(item.str);
    const visible = characters.flatMap((character, position) => (/\s/.test(character) ? [] : [position]));
    if (visible.length === 0) continue;
    const isPureRtl = item.dir === 'rtl' && !/[\p{Script=Latin}\p{Nd}]/u.test(item.str);
    if (!isPureRtl) {
      // Mixed items are reordered by pdf.js's bidi, not reversed: only skip their glyphs.
      let remaining = visible.length;
      while (remaining > 0 && cursor < glyphs.length) remaining -= Array.from(glyphs[cursor++] ?? '').length;
      if (remaining !== 0) return;
      continue;
    }
    // In a purely right-to-left item pdf.js reversed every character: reversed back, the
    // visible characters are the glyphs' strings in drawing order.
    const drawn = visible.map((position) => characters[position] ?? '').reverse();
    const spans: { start: number; length: number }[] = [];
    let offset = 0;
    let skipped = 0;
    while (offset < drawn.length) {
      const glyph = Array.from(glyphs[cursor] ?? '');
      if (cursor >= glyphs.length) return;
      if (glyph.every((character, index) => drawn[offset + index] === character)) {
        if (glyph.length > 1) spans.push({ start: offset, length: glyph.length });
        offset += glyph.length;
        cursor++;
        skipped = 0;
      } else if (++skipped <= 4) {
        // A glyph pdf.js left out of the text (drawn twice for a bold effect, invisible).
        cursor++;
      } else {
        return;
      }
    }
    for (const span of spans) {
      // Drawing-order positions [start, start+length) are visible positions counted from the end.
      const first = visible.length - span.start - span.length;
      const positions = visible.slice(first, first + span.length);
      const letters = positions.map((position) => characters[position] ?? '').reverse();
      positions.forEach((position, index) => {
        characters[position] = letters[index] ?? '';
      });
    }
    item.str = characters.join('');
  }
}

// ——— paragraphs ———

type Paragraph = { lines: Line[]; text: string; size: number; page: number; isRtl: boolean };

const SENTENCE_END = /[.!?…:;。！？؟»”")\]]$/u;

const BULLET = /^[•◦▪▫‣⁃●○■□➢►✓-]\s/u;

/** Line spacing (baseline to baseline, in ems) by font size, over the whole document. */
type SpacingBySize = (size: number) => number;

function groupParagraphs(lines: Line[], spacingFor: SpacingBySize): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Line[] = [];
  const flush = (): void => {
    if (current.length > 0) paragraphs.push(toParagraph(current));
    current = [];
  };
  for (const line of lines) {
    const previous = current[current.length - 1];
    if (previous !== undefined && startsParagraph(previous, line, current, spacingFor)) flush();
    current.push(line);
  }
  flush();
  return paragraphs;
}

function startsParagraph(previous: Line, line: Line, paragraph: Line[], spacingFor: SpacingBySize): boolean {
  const larger = Math.max(previous.size, line.size);
  if (Math.abs(previous.size - line.size) > 0.15 * larger) return true;
  const drop = previous.y - line.y;
  if (drop < -0.3 * larger) return true;
  if (BULLET.test(line.text)) return true;
  // The paragraph's own line spacing, once it has one, beats the document's: a
  // single-spaced list inside a one-and-a-half-spaced speech must not split either.
  const ownDrops = paragraph
    .slice(1)
    .map((each, index) => (paragraph[index]?.y ?? each.y) - each.y)
    .filter((each) => each > 0.5 * larger);
  const spacing = ownDrops.length > 0 ? Math.min(...ownDrops) : spacingFor(line.size) * line.size;
  if (drop > spacing * 1.3 + 0.1 * larger) return true;
  // A line that stops well short of the paragraph's width, after a full stop, ends it.
  const width = Math.max(...paragraph.map((each) => each.x1 - each.x0));
  return previous.x1 - previous.x0 < 0.7 * width && SENTENCE_END.test(previous.text);
}

/** The usual baseline-to-baseline distance of consecutive lines, per font size, in ems. */
function lineSpacingBySize(pages: Line[][]): SpacingBySize {
  const ratios = new Map<number, number[]>();
  for (const lines of pages) {
    for (let index = 1; index < lines.length; index++) {
      const previous = lines[index - 1];
      const line = lines[index];
      if (previous === undefined || line === undefined) continue;
      if (Math.abs(previous.size - line.size) > 0.1 * line.size) continue;
      const ratio = (previous.y - line.y) / line.size;
      if (ratio < 0.8 || ratio > 2.5) continue;
      const key = Math.round(line.size);
      ratios.set(key, [...(ratios.get(key) ?? []), ratio]);
    }
  }
  const all = [...ratios.values()].flat();
  const fallback = median(all) ?? 1.2;
  return (size) => median(ratios.get(Math.round(size)) ?? []) ?? fallback;
}

function toParagraph(lines: Line[]): Paragraph {
  let text = '';
  for (const line of lines) text = joinLines(text, line.text);
  const first = lines[0];
  return {
    lines,
    text,
    size: median(lines.map((line) => line.size)) ?? first?.size ?? 0,
    page: first?.page ?? 0,
    isRtl: lines.filter((line) => line.isRtl).length * 2 > lines.length,
  };
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;

/** Joins a line to the text before it: a word hyphenated at the line end is made whole. */
function joinLines(before: string, line: string): string {
  if (before === '') return line;
  if (before.endsWith('\u00ad')) return before.slice(0, -1) + line;
  if (/\p{L}[-\u2010]$/u.test(before) && /^\p{Ll}/u.test(line)) return before.slice(0, -1) + line;
  if (/\p{L}[-\u2010]$/u.test(before)) return before + line;
  if (CJK.test(before.slice(-1)) && CJK.test(line.charAt(0))) return before + line;
  return `${before} ${line}`;
}

/** A paragraph cut by a page break continues when it stops mid-sentence and the next page goes on in lower case. */
function mergeAcrossPages(paragraphs: Paragraph[]): Paragraph[] {
  const merged: Paragraph[] = [];
  for (const paragraph of paragraphs) {
    const previous = merged[merged.length - 1];
    if (
      previous !== undefined &&
      previous.page + 1 === paragraph.page &&
      Math.abs(previous.size - paragraph.size) <= 0.1 * paragraph.size &&
      !SENTENCE_END.test(previous.text) &&
      /^\p{Ll}/u.test(paragraph.text)
    ) {
      merged[merged.length - 1] = {
        ...previous,
        lines: [...previous.lines, ...paragraph.lines],
        text: joinLines(previous.text, paragraph.text),
      };
    } else {
      merged.push(paragraph);
    }
  }
  return merged;
}

function toBlocks(paragraphs: Paragraph[], bodySize: number, title: string | null): ExtractedBlock[] {
  const comparableTitle = title === null ? null : comparableText(title);
  const blocks: ExtractedBlock[] = [];
  for (const paragraph of paragraphs) {
    if (comparableTitle !== null && comparableText(paragraph.text) === comparableTitle) continue;
    const isHeading = paragraph.size >= 1.18 * bodySize && paragraph.text.length <= 200;
    const kind: BlockKind | null = isHeading ? 'heading' : null;
    blocks.push({ text: paragraph.text, kind });
  }
  return blocks;
}

const PAGE_NUMBER =
  /^(?:[-–—]\s*)?(?:page|p\.|seite|página|pagina|страница|стр\.|صفحة)?\s*\d{1,4}(?:\s*(?:of|\/|sur|de|von|из|من)\s*\d{1,4})?(?:\s*[-–—])?$/iu;

/** Page numbers as the first or last line of a page say nothing and would split paragraphs. */
function dropPageNumbers(lines: Line[]): void {
  const last = lines[lines.length - 1];
  if (last !== undefined && PAGE_NUMBER.test(last.text)) lines.pop();
  const first = lines[0];
  if (first !== undefined && PAGE_NUMBER.test(first.text)) lines.shift();
}

/**
 * Running heads and feet ("J. Aligon et al.", "Sprouts - http://…", "Page 3 of 12") repeat
 * at the top or bottom of many pages and would cut paragraphs that run across pages.
 */
function dropRunningLines(pages: Line[][]): void {
  if (pages.length < 3) return;
  const key = (line: Line): string => comparableText(line.text).replace(/\d+/g, '#');
  const edges = (lines: Line[]): Line[] => [...new Set([...lines.slice(0, 2), ...lines.slice(-2)])];
  const counts = new Map<string, number>();
  for (const lines of pages) {
    for (const text of new Set(edges(lines).map(key))) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  // Alternating heads (author on even pages, title on odd ones) appear on half the pages.
  const threshold = Math.max(3, Math.ceil(pages.length * 0.4));
  pages.forEach((lines, index) => {
    // The top of the first page holds the title, which the running head of later pages repeats.
    const candidates = index === 0 ? lines.slice(-2) : edges(lines);
    const running = new Set(candidates.filter((line) => (counts.get(key(line)) ?? 0) >= threshold));
    if (running.size > 0) pages[index] = lines.filter((line) => !running.has(line));
  });
}

/** The font size that carries the most characters: the body text. */
function dominantSize(lines: Line[]): number {
  const weights = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.size * 2) / 2;
    weights.set(size, (weights.get(size) ?? 0) + line.text.length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [size, weight] of weights) {
    if (weight > bestWeight) {
      best = size;
      bestWeight = weight;
    }
  }
  return best;
}

// ——— title and authors from the text ———

/** The first page's largest-font lines, when they stand out from the body text. */
function titleFromFirstPage(lines: Line[], bodySize: number): { text: string; lastLine: number } | null {
  let largest = 0;
  for (const line of lines)
    if (/\p{L}.*\p{L}.*\p{L}/u.test(line.text)) largest = Math.max(largest, line.size);
  if (largest < 1.1 * bodySize) return null;
  const start = lines.findIndex(
    (line) => line.size >= 0.95 * largest && /\p{L}.*\p{L}.*\p{L}/u.test(line.text),
  );
  const first = lines[start];
  if (first === undefined) return null;
  let text = first.text;
  let lastLine = start;
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index];
    const previous = lines[index - 1];
    if (line === undefined || previous === undefined) break;
    if (line.size < 0.95 * largest || previous.y - line.y > 2 * largest || previous.y - line.y < 0) break;
    text = joinLines(text, line.text);
    lastLine = index;
  }
  const title = cleanStatedText(text);
  if (title === null || title.length > 300 || SECTION_HEADING.test(title)) return null;
  return { text: title, lastLine };
}

/** A numbered or standard section heading is the start of an excerpt, not a title. */
const SECTION_HEADING =
  /^(?:(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+\S|(?:abstract|introduction|contents|table of contents|résumé|sommaire|inhaltsverzeichnis|zusammenfassung)$)/iu;

const NAME_PARTICLES = new Set([
  'de',
  'da',
  'di',
  'del',
  'della',
  'der',
  'van',
  'von',
  'le',
  'la',
  'du',
  'dos',
  'das',
  'bin',
  'ibn',
  'al',
  'el',
]);

/** A line of person names right after the title ("Julien Aligon*, Patrick Marcel"), if there is one. */
function authorsAfterTitle(lines: Line[], titleLine: number): string | null {
  for (const line of lines.slice(titleLine + 1, titleLine + 3)) {
    const cleaned = line.text
      .replace(/[\d*∗†‡§¶,]+(?=\s*(?:,|\band\b|\bet\b|&|$))/gu, '')
      .replace(/[*∗†‡§¶]/gu, '');
    const names = cleaned
      .split(/\s*(?:,|;|\band\b|\bet\b|\bund\b|\by\b|&)\s*/u)
      .map((name) => name.trim())
      .filter((name) => name !== '');
    if (names.length > 0 && names.every(isPersonName)) return names.join(', ');
  }
  return null;
}

function isPersonName(text: string): boolean {
  const words = text.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  return words.every((word) => NAME_PARTICLES.has(word) || /^\p{Lu}[\p{L}'’.-]*$/u.test(word));
}

// ——— metadata ———

type PdfMetadata = {
  title: string | null;
  author: string | null;
  created: string | null;
  language: string | null;
};

async function readMetadata(document: PDFDocumentProxy): Promise<PdfMetadata> {
  let info: Record<string, unknown> = {};
  let xmp: string | null = null;
  try {
    const metadata = await document.getMetadata();
    info = metadata.info as Record<string, unknown>;
    // Typed as always present, but null when the PDF has no XMP stream.
    const stream = metadata.metadata as { getRaw(): string } | null;
    xmp = stream?.getRaw() ?? null;
  } catch {
    // Metadata is optional; a damaged Info dictionary must not cost the text.
  }
  const xmpFields = xmp === null ? null : readXmp(xmp);
  const xmpAuthors = (xmpFields?.creators ?? [])
    .map(cleanStatedText)
    .filter((name): name is string => name !== null);
  return {
    title: cleanStatedText(info.Title) ?? cleanStatedText(xmpFields?.title),
    author: xmpAuthors.length > 0 ? xmpAuthors.join(', ') : cleanStatedText(info.Author),
    created: pdfDate(info.CreationDate) ?? normalizeDate(xmpFields?.created),
    language:
      normalizeLanguageTag(typeof info.Language === 'string' ? info.Language : null) ??
      normalizeLanguageTag(xmpFields?.language),
  };
}

type XmpFields = {
  title: string | null;
  creators: string[];
  created: string | null;
  language: string | null;
};

/**
 * dc:title is a language alternative: pdf.js's own reader runs the alternatives together
 * ("Hello WorldBonjour World你好世界"), so the XMP is read here and x-default is preferred.
 */
function readXmp(xml: string): XmpFields {
  const element = (name: string): string | null =>
    new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`).exec(xml)?.[1] ?? null;
  const items = (content: string | null): { language: string | null; text: string }[] =>
    content === null
      ? []
      : Array.from(content.matchAll(/<rdf:li\b([^>]*)>([\s\S]*?)<\/rdf:li>/g), (match) => ({
          language: /xml:lang="([^"]*)"/.exec(match[1] ?? '')?.[1] ?? null,
          text: decodeXml(match[2] ?? ''),
        }));
  const titles = items(element('dc:title'));
  const title = titles.find((item) => item.language === 'x-default') ?? titles[0];
  const plainTitle = element('dc:title');
  return {
    title: title?.text ?? (plainTitle !== null && !plainTitle.includes('<') ? decodeXml(plainTitle) : null),
    creators: items(element('dc:creator')).map((item) => item.text),
    created: element('xmp:CreateDate'),
    language: items(element('dc:language'))[0]?.text ?? null,
  };
}

function decodeXml(text: string): string {
  return text.replace(
    /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi,
    (whole, hex?: string, decimal?: string, name?: string) => {
      const code =
        hex !== undefined
          ? Number.parseInt(hex, 16)
          : decimal !== undefined
            ? Number.parseInt(decimal, 10)
            : null;
      if (code !== null) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      return (
        ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[
          name?.toLowerCase() ?? ''
        ] ?? whole
      );
    },
  );
}

/** "D:20070915110231+02'00'" as "2007-09-15T11:02:31+02:00"; the offset is kept as stated. */
function pdfDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match =
    /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?/.exec(
      value.trim(),
    );
  if (match === null) return null;
  const [
    ,
    year,
    month = '01',
    day = '01',
    hour,
    minute = '00',
    second = '00',
    utc,
    sign,
    zoneHours,
    zoneMinutes = '00',
  ] = match;
  if (hour === undefined) return normalizeDate(`${year}-${month}-${day}`);
  const zone =
    utc !== undefined
      ? 'Z'
      : sign !== undefined && zoneHours !== undefined
        ? `${sign}${zoneHours}:${zoneMinutes}`
        : '';
  return normalizeDate(`${year}-${month}-${day}T${hour}:${minute}:${second}${zone}`);
}

/** "2, 5–9, 12": consecutive page numbers as ranges. */
function formatPages(pages: number[]): string {
  const ranges: string[] = [];
  let start = pages[0];
  let end = start;
  for (const page of [...pages.slice(1), Number.NaN]) {
    if (start === undefined || end === undefined) break;
    if (page === end + 1) {
      end = page;
      continue;
    }
    ranges.push(start === end ? String(start) : `${start}–${end}`);
    start = page;
    end = page;
  }
  return ranges.join(', ');
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? null;
}
