/*
 * The contract's names and rules that the window needs while it runs, without zod. The schemas in
 * article.ts, memo.ts and api.ts are built from these, and the window imports these instead of
 * the schemas: zod and the contract's schemas took about 170 ms to load in the window's start-up
 * script on this machine, before the library list could show a row. The main process and the
 * preload, which do check what crosses the boundary, load the schemas.
 */

/**
 * What a block of an article is. `crumb`, `related` and `share` are the page's
 * boilerplate: kept, shown dimmed, left out of reports and search.
 */
export const BLOCK_KINDS = [
  'crumb',
  'headline',
  'heading',
  'byline',
  'caption',
  'paragraph',
  'quote',
  'listItem',
  'related',
  'share',
  'source',
] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** Block kinds that are page furniture rather than the article's text. */
export const BOILERPLATE_KINDS: ReadonlySet<BlockKind> = new Set(['crumb', 'related', 'share']);

/** The Tiptap node type of a citation in the memo: an inline atom placed after a quote. */
export const CITATION_NODE = 'citation';

/** The events a shell sends the window (their payloads: EVENTS in api.ts). */
export const EVENT_NAMES = ['import:progress', 'library:changed', 'library:switched', 'app:command'] as const;

const TAG_MAX_LENGTH = 100;
/** Control, bidi-override and line-separator characters: a tag is shown and exported on one line. */
const TAG_FORBIDDEN = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;

/**
 * A tag as the analyst typed it, trimmed, or what is wrong with it. Tags compare case-sensitively
 * but are kept as written.
 */
export function checkTag(text: string): { tag: string } | { error: string } {
  const tag = text.trim();
  if (tag === '') return { error: 'a tag cannot be empty' };
  if (tag.length > TAG_MAX_LENGTH) return { error: `a tag is at most ${String(TAG_MAX_LENGTH)} characters` };
  if (TAG_FORBIDDEN.test(tag)) return { error: 'a tag cannot contain control characters' };
  return { tag };
}
