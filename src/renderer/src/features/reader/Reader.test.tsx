// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCHEMA_VERSION } from '../../../../shared/article.ts';
import type { ArticleData } from './useArticle.ts';
import { fakeClient, makeArticle, renderWithServices } from '../../testing/renderWithServices.tsx';
import { Reader } from './Reader.tsx';

afterEach(cleanup);

const article = makeArticle([
  { kind: 'crumb', text: 'TV', language: 'und', direction: 'ltr' },
  { kind: 'headline', text: 'Syrie: attaque contre les bases', language: 'fr', direction: 'ltr' },
  { kind: 'caption', text: 'La base américaine (Photo via X)', language: 'fr', direction: 'ltr' },
  {
    kind: 'paragraph',
    text: 'Les bases ont été attaquées <script>alert(1)</script> hier.',
    language: 'fr',
    direction: 'ltr',
  },
  { kind: 'paragraph', text: 'قالت المقاومة الإسلامية في العراق', language: 'ar', direction: 'rtl' },
  { kind: 'share', text: 'Partager Cet Article', language: 'fr', direction: 'ltr' },
  { kind: 'source', text: 'SOURCE: FRENCH PRESS TV', language: 'en', direction: 'ltr' },
]);
const data: ArticleData = {
  article,
  notes: {
    schemaVersion: SCHEMA_VERSION,
    notes: { 'block-3': { translation: 'The US base (Photo via X)', note: 'caption', updatedAt: 'x' } },
  },
  memo: { schemaVersion: SCHEMA_VERSION, doc: null, updatedAt: null },
};

function renderReader(onQuote = vi.fn()) {
  const { client } = fakeClient();
  renderWithServices(<Reader data={data} focus={null} onQuote={onQuote} onArticleChanged={vi.fn()} />, {
    client,
  });
  return { onQuote, original: screen.getByRole('region', { name: 'Original text' }) };
}

describe('Reader', () => {
  it('shows each block with its kind, language and direction, as text only', () => {
    const { original } = renderReader();
    expect(within(original).getByRole('heading', { level: 1 })).toHaveTextContent(
      'Syrie: attaque contre les bases',
    );
    expect(within(original).getByText('La base américaine (Photo via X)')).toHaveAttribute(
      'data-kind',
      'caption',
    );
    const arabic = within(original).getByText('قالت المقاومة الإسلامية في العراق');
    expect(arabic).toHaveAttribute('dir', 'rtl');
    expect(arabic).toHaveAttribute('lang', 'ar');
    // A block without a language of its own takes the article's.
    expect(within(original).getByText('TV').closest('[data-kind]')).toHaveAttribute('lang', 'fr');
    // Boilerplate is folded away, the source line is provenance.
    expect(within(original).getByText('Partager Cet Article').closest('details')).not.toHaveAttribute('open');
    expect(within(original).getByText('SOURCE: FRENCH PRESS TV')).toHaveAttribute('data-kind', 'source');
    // Markup in an article stays text.
    expect(original.querySelector('script')).toBeNull();
    expect(within(original).getByText(/<script>alert\(1\)<\/script>/u)).toBeInTheDocument();
  });

  it('puts a translation and a note field beside every block, named by position, with saved notes filled in', () => {
    renderReader();
    for (let position = 1; position <= article.blocks.length; position += 1) {
      expect(screen.getByLabelText(`Translation of block ${String(position)}`)).toBeInTheDocument();
      expect(screen.getByLabelText(`Note on block ${String(position)}`)).toBeInTheDocument();
    }
    expect(screen.getByLabelText('Translation of block 3')).toHaveValue('The US base (Photo via X)');
    expect(screen.getByLabelText('Note on block 3')).toHaveValue('caption');
    expect(screen.getByLabelText('Translation of block 4')).toHaveValue('');
  });

  it('quotes the selected original text with a citation anchored to its block', () => {
    const { onQuote, original } = renderReader();
    const button = screen.getByRole('button', { name: 'Quote selection in memo' });
    expect(button).toBeDisabled();
    const text = within(original).getByText(/^Les bases ont été attaquées/u).firstChild!;
    const range = document.createRange();
    range.setStart(text, 4);
    range.setEnd(text, 9);
    act(() => {
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
      document.dispatchEvent(new Event('selectionchange'));
    });
    expect(button).toBeEnabled();
    fireEvent.click(button);
    expect(onQuote).toHaveBeenCalledWith({
      paragraphs: ['bases'],
      citation: {
        articleId: article.id,
        blockId: 'block-4',
        blockPosition: 4,
        quote: 'bases',
        prefix: 'Les ',
        suffix: ' ont été attaquées <script>alert',
      },
    });
  });
});
