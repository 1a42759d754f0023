import { BOILERPLATE_KINDS, type Block, type BlockKind, type Format } from '../../src/shared/article.ts';
import { parseFile, type ParsedFile } from '../../src/main/core/import/parseFile.ts';

/**
 * The eval calls parseFile directly: it is the real import pipeline (decode, extract,
 * structure, metadata) minus the library's storage, so nothing is written to disk.
 */
export async function parseForEval(bytes: Uint8Array, format: Format): Promise<ParsedFile> {
  // A fixed "now" keeps inferred dates (and so the results) the same from one run to the next.
  return parseFile(bytes, format, { now: new Date('2026-01-01T00:00:00Z') });
}

/** The kinds an analyst reads as the article's body: not the headline, captions, credits or furniture. */
const BODY_KINDS: ReadonlySet<BlockKind> = new Set(['heading', 'paragraph', 'quote', 'listItem']);

export function bodyText(blocks: readonly Block[]): string {
  return blocks
    .filter((block) => BODY_KINDS.has(block.kind))
    .map((block) => block.text)
    .join('\n');
}

/** The article as the reader shows it undimmed: every block but the page furniture (crumbs, related links, share buttons). */
export function articleText(blocks: readonly Block[]): string {
  return blocks
    .filter((block) => !BOILERPLATE_KINDS.has(block.kind))
    .map((block) => block.text)
    .join('\n');
}

/** Every block's text, as the reader shows it. */
export function visibleText(blocks: readonly Block[]): string {
  return blocks.map((block) => block.text).join('\n');
}

/** One space for every run of white space, trimmed: how upstream compares snippets and titles. */
export function collapse(text: string | null | undefined): string {
  return (text ?? '').normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** The primary subtag of a language tag ("zh-Hans" → "zh"). */
export function primary(tag: string | null | undefined): string {
  return (tag ?? '').toLowerCase().split(/[-_]/u)[0] ?? '';
}

export function ratio(passed: number, total: number): number {
  return total === 0 ? 1 : passed / total;
}
