import { describe, expect, it } from 'vitest';
import type { Article, Block } from '../../../shared/article.ts';
import type { CitationAttrs } from '../../../shared/memo.ts';
import { resolveCitation } from './resolveCitation.ts';

const blocks: Block[] = [
  {
    id: 'b1',
    kind: 'paragraph',
    text: 'First paragraph, with  two spaces.',
    language: 'en',
    direction: 'ltr',
  },
  { id: 'b2', kind: 'related', text: 'Read more: elsewhere', language: 'en', direction: 'ltr' },
  { id: 'b3', kind: 'paragraph', text: 'Third paragraph ends here.', language: 'en', direction: 'ltr' },
  { id: 'b4', kind: 'paragraph', text: 'Fourth starts here.', language: 'en', direction: 'ltr' },
];
const article = { id: 'a1', blocks } as Article;
const articles = new Map([[article.id, article]]);

function cite(blockId: string, quote: string, articleId = 'a1'): CitationAttrs {
  return { articleId, blockId, blockPosition: 1, quote, prefix: '', suffix: '' };
}

describe('resolveCitation', () => {
  it('finds a quote in its block, whatever the white space', () => {
    expect(resolveCitation(cite('b1', 'with two\nspaces'), articles)).toMatchObject({
      status: 'found',
      position: 1,
      lastPosition: 1,
    });
  });

  it('follows a quote over the next blocks, with or without the boilerplate between them', () => {
    const next = resolveCitation(cite('b3', 'ends here. Fourth starts'), articles);
    expect(next).toMatchObject({ status: 'found', position: 3, lastPosition: 4 });
    const folded = resolveCitation(cite('b1', 'two spaces. Third paragraph'), articles);
    expect(folded).toMatchObject({ status: 'found', position: 1, lastPosition: 3 });
    const shown = resolveCitation(cite('b1', 'two spaces. Read more: elsewhere Third'), articles);
    expect(shown).toMatchObject({ status: 'found', position: 1, lastPosition: 3 });
  });

  it('calls a citation orphaned when its block is gone or no longer holds the quote', () => {
    expect(resolveCitation(cite('b9', 'First'), articles)).toMatchObject({
      status: 'orphaned',
      reason: 'block-gone',
      block: null,
    });
    // The quote must start in the cited block, even if a later block holds it.
    expect(resolveCitation(cite('b1', 'Fourth starts'), articles)).toMatchObject({
      status: 'orphaned',
      reason: 'quote-gone',
      block: blocks[0],
    });
  });

  it('cannot check a citation of an article outside the report', () => {
    expect(resolveCitation(cite('b1', 'First', 'other'), articles)).toEqual({ status: 'elsewhere' });
  });
});
