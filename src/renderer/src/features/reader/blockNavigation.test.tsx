// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SCHEMA_VERSION } from '../../../../shared/article.ts';
import { fakeClient, makeArticle, renderWithServices } from '../../testing/renderWithServices.tsx';
import { Reader } from './Reader.tsx';

afterEach(cleanup);
beforeAll(() => {
  Element.prototype.scrollIntoView = vi.fn();
});

const article = makeArticle([
  { kind: 'headline', text: 'Syrie: attaque', language: 'fr', direction: 'ltr' },
  { kind: 'caption', text: 'La base (Photo)', language: 'fr', direction: 'ltr' },
  { kind: 'paragraph', text: 'Les bases ont été attaquées.', language: 'fr', direction: 'ltr' },
]);

describe('keyboard reading of the original', () => {
  it('moves between blocks with the arrows or J/K, goes to the translation with Enter, and back with Escape', () => {
    const { client } = fakeClient();
    renderWithServices(
      <Reader
        data={{
          article,
          notes: { schemaVersion: SCHEMA_VERSION, notes: {} },
          memo: { schemaVersion: SCHEMA_VERSION, doc: null, updatedAt: null },
        }}
        focus={null}
        onQuote={vi.fn()}
        onArticleChanged={vi.fn()}
      />,
      { client },
    );
    const block = (position: number) => document.getElementById(`block-${String(position)}`)!;
    // One tab stop in the original: the current block.
    expect(block(1)).toHaveAttribute('tabindex', '0');
    expect(block(2)).toHaveAttribute('tabindex', '-1');
    block(1).focus();
    fireEvent.keyDown(block(1), { key: 'ArrowDown' });
    expect(block(2)).toHaveFocus();
    expect(block(2)).toHaveAttribute('tabindex', '0');
    fireEvent.keyDown(block(2), { key: 'j' });
    expect(block(3)).toHaveFocus();
    fireEvent.keyDown(block(3), { key: 'ArrowDown' });
    expect(block(3)).toHaveFocus();
    fireEvent.keyDown(block(3), { key: 'k' });
    expect(block(2)).toHaveFocus();
    fireEvent.keyDown(block(2), { key: 'Enter' });
    expect(screen.getByLabelText('Translation of block 2')).toHaveFocus();
    fireEvent.keyDown(screen.getByLabelText('Translation of block 2'), { key: 'Escape' });
    expect(block(2)).toHaveFocus();
    fireEvent.keyDown(block(2), { key: 'Tab' });
    expect(screen.getByLabelText('Translation of block 2')).toHaveFocus();
  });
});
