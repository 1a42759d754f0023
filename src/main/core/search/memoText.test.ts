import { describe, expect, it } from 'vitest';
import { memoText } from './memoText.ts';

describe('memoText', () => {
  it('joins the text nodes of a block and puts blocks on lines of their own', () => {
    const doc = {
      type: 'doc' as const,
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Al-Tanf' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Ro' },
            { type: 'text', text: 'quettes', marks: [{ type: 'bold' }] },
            { type: 'hardBreak' },
            { type: 'text', text: 'sur la base' },
            {
              type: 'citation',
              attrs: { articleId: 'a1', blockId: 'b1', blockPosition: 2, quote: 'q', prefix: '', suffix: '' },
            },
          ],
        },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Point' }] }],
            },
          ],
        },
      ],
    };
    expect(memoText(doc)).toBe('Al-Tanf\nRoquettes\nsur la base\nPoint');
  });

  it('returns nothing for an empty memo and survives odd shapes', () => {
    expect(memoText(null)).toBe('');
    expect(memoText({ type: 'doc' })).toBe('');
    expect(memoText({ type: 'doc', content: [null, 3, { type: 'text', text: 7 }, { content: 'x' }] })).toBe(
      '',
    );
  });
});
