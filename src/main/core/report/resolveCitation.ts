import { BOILERPLATE_KINDS, type Article, type Block } from '../../../shared/article.ts';
import type { CitationAttrs } from '../../../shared/memo.ts';

/** What a memo citation points at, checked against the articles of the report. */
export type ResolvedCitation =
  | {
      status: 'found';
      article: Article;
      /** The blocks the quote covers: the cited one, and the next ones when the selection ran on. */
      blocks: Block[];
      /** 1-based positions of the first and the last of them. */
      position: number;
      lastPosition: number;
    }
  | {
      status: 'orphaned';
      article: Article;
      reason: 'block-gone' | 'quote-gone';
      /** The block under the cited id, when it still exists but no longer holds the quote. */
      block: Block | null;
    }
  /** The cited article is not part of this report, so the citation cannot be checked. */
  | { status: 'elsewhere' };

/** Compares text the way a reader would: same characters, any run of white space alike. */
function comparable(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * The blocks from `start` on whose text, joined with spaces as the memo joins a quote that
 * runs over several blocks, contains `quote`; null if none do. `candidates` are the blocks
 * the selection could have run through (with or without boilerplate the reader shows folded).
 */
function coveringBlocks(candidates: readonly Block[], start: number, quote: string): Block[] | null {
  const wanted = comparable(quote);
  let joined = '';
  for (let end = start; end < candidates.length; end += 1) {
    joined = comparable(`${joined} ${candidates[end]?.text ?? ''}`);
    if (joined.includes(wanted)) return candidates.slice(start, end + 1);
    // The quote starts in the first block, so once the text is this long it cannot be further on.
    if (joined.length > wanted.length + comparable(candidates[start]?.text ?? '').length) return null;
  }
  return null;
}

/**
 * Finds the cited block by id and checks that it (with the blocks after it, for a quote that
 * spans several) still contains the quote. A citation whose block is gone, or changed so that
 * the quote is no longer there, is orphaned: the report shows it as such with everything it
 * remembers, never drops it.
 */
export function resolveCitation(
  attrs: CitationAttrs,
  articlesById: ReadonlyMap<string, Article>,
): ResolvedCitation {
  const article = articlesById.get(attrs.articleId);
  if (article === undefined) return { status: 'elsewhere' };
  const index = article.blocks.findIndex((block) => block.id === attrs.blockId);
  const block = article.blocks[index];
  if (block === undefined) return { status: 'orphaned', article, reason: 'block-gone', block: null };
  const shown = article.blocks.filter((other) => other === block || !BOILERPLATE_KINDS.has(other.kind));
  const blocks =
    coveringBlocks(article.blocks, index, attrs.quote) ??
    coveringBlocks(shown, shown.indexOf(block), attrs.quote);
  if (blocks === null) return { status: 'orphaned', article, reason: 'quote-gone', block };
  const last = blocks.at(-1) ?? block;
  return {
    status: 'found',
    article,
    blocks,
    position: index + 1,
    lastPosition: article.blocks.indexOf(last) + 1,
  };
}
