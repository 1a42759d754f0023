import type { Article } from '../../../../shared/article.ts';
import type { CitationAttrs } from '../../../../shared/memo.ts';

/** Characters of context kept on each side of a quote, enough to re-find it after a re-parse. */
const CONTEXT_CHARS = 32;

/** A quote taken from the original: the text of each block it covers, and the citation of its first block. */
export type Quote = { paragraphs: string[]; citation: CitationAttrs };

function blockElementOf(node: Node | null): HTMLElement | null {
  const element = node instanceof HTMLElement ? node : (node?.parentElement ?? null);
  return element?.closest<HTMLElement>('[data-block-id]') ?? null;
}

/**
 * What the analyst selected in the original, block by block (a triple click that runs into the
 * next block's first character does not drag that block in), with the Hypothesis-style anchor
 * of the first block: its id and position, the quote, and a little text on either side.
 * Null when nothing inside `region` is selected.
 */
export function quoteFromSelection(
  region: HTMLElement,
  selection: Selection | null,
  article: Article,
): Quote | null {
  if (selection === null || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!region.contains(range.commonAncestorContainer)) return null;
  const pieces: { blockId: string; position: number; start: number; text: string }[] = [];
  for (const element of region.querySelectorAll<HTMLElement>('[data-block-id]')) {
    if (!range.intersectsNode(element)) continue;
    const part = document.createRange();
    part.selectNodeContents(element);
    if (range.compareBoundaryPoints(Range.START_TO_START, part) > 0)
      part.setStart(range.startContainer, range.startOffset);
    if (range.compareBoundaryPoints(Range.END_TO_END, part) < 0)
      part.setEnd(range.endContainer, range.endOffset);
    const text = part.toString();
    if (text.trim() === '') continue;
    const before = document.createRange();
    before.selectNodeContents(element);
    before.setEnd(part.startContainer, part.startOffset);
    const leading = text.length - text.trimStart().length;
    pieces.push({
      blockId: element.dataset.blockId ?? '',
      position: Number(element.dataset.position),
      start: before.toString().length + leading,
      text: text.trim(),
    });
  }
  const first = pieces[0];
  if (first === undefined) return null;
  // The block's text from the article, not the DOM, so the context matches what is stored.
  const blockText =
    article.blocks.find((block) => block.id === first.blockId)?.text ??
    blockElementOf(range.startContainer)?.textContent ??
    '';
  const end = first.start + first.text.length;
  return {
    paragraphs: pieces.map((piece) => piece.text),
    citation: {
      articleId: article.id,
      blockId: first.blockId,
      blockPosition: first.position,
      quote: pieces.map((piece) => piece.text).join(' '),
      prefix: blockText.slice(Math.max(0, first.start - CONTEXT_CHARS), first.start),
      suffix: blockText.slice(end, end + CONTEXT_CHARS),
    },
  };
}
