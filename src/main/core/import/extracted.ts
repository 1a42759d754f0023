import type { BlockKind, Format } from '../../../shared/article.ts';
import { WorkbenchError } from '../../../shared/errors.ts';

/**
 * A block as a format extractor found it. `kind: null` leaves the decision to the
 * structurer (classifyBlocks), which recognises captions, related links, share
 * buttons and source lines across languages; an extractor sets a kind only where
 * the format says so (an HTML <h1>, a <figcaption>, a DOCX "Title" style).
 */
export type ExtractedBlock = {
  text: string;
  kind: BlockKind | null;
};

/** What a format extractor (HTML, DOCX, PDF, Markdown) hands to the import pipeline. */
export type ExtractedDocument = {
  title: string | null;
  byline: string | null;
  /** Outlet / site name as stated by the file (og:site_name, publisher…). */
  siteName: string | null;
  /** Publication date or date-time as stated by the file, ISO 8601 when it can be parsed. */
  publishedAt: string | null;
  /** Language as declared by the file (html lang, DOCX/PDF metadata), BCP 47. */
  declaredLanguage: string | null;
  url: string | null;
  blocks: ExtractedBlock[];
  /** Non-fatal remarks the analyst may want to see ("3 pages had no text layer"). */
  warnings: string[];
};

/** Limits every extractor honours, so one hostile file cannot exhaust the machine. */
export type ExtractLimits = {
  /** Largest input file, in bytes. */
  maxFileBytes: number;
  /**
   * Largest text, Markdown or HTML file, in bytes. Far below maxFileBytes: no article is
   * megabytes of text, and reading 16 MB of it already takes longer than timeoutMs while
   * 64 MB pushes the import past its 512 MB memory budget (measured, issue 6).
   */
  maxTextFileBytes: number;
  /** Largest total uncompressed size of a ZIP container (DOCX). */
  maxUncompressedBytes: number;
  /** Most entries in a ZIP container (DOCX). */
  maxZipEntries: number;
  /** Largest XML part of a ZIP container (DOCX): mammoth parses these whole, in memory. */
  maxXmlPartBytes: number;
  /** Largest compression ratio of any entry (uncompressed / compressed). */
  maxCompressionRatio: number;
  /** Most PDF pages read. */
  maxPdfPages: number;
  /** Deepest HTML element nesting accepted. */
  maxHtmlDepth: number;
  /** Wall-clock time for one file, in milliseconds. */
  timeoutMs: number;
};

export const DEFAULT_LIMITS: ExtractLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxTextFileBytes: 8 * 1024 * 1024,
  maxUncompressedBytes: 128 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxXmlPartBytes: 8 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxPdfPages: 2_000,
  maxHtmlDepth: 256,
  timeoutMs: 10_000,
};

/** Formats read as text, whose size is bounded by maxTextFileBytes. */
const TEXT_FORMATS: ReadonlySet<Format> = new Set(['txt', 'md', 'html']);

/** Refuses a text, Markdown or HTML file over `limits.maxTextFileBytes` (FILE_TOO_LARGE). */
export function checkTextSize(format: Format, byteLength: number, limits: ExtractLimits): void {
  if (TEXT_FORMATS.has(format) && byteLength > limits.maxTextFileBytes) {
    throw new WorkbenchError(
      'FILE_TOO_LARGE',
      `the file is ${(byteLength / 1048576).toFixed(1)} MB of text, over the limit of ${(limits.maxTextFileBytes / 1048576).toFixed(0)} MB for a text, Markdown or HTML article`,
    );
  }
}
