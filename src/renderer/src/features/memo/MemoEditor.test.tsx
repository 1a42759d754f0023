// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { JSONContent } from '@tiptap/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { SaveQueue } from '../../api/saveQueue.ts';
import { fakeClient, makeArticle, renderWithServices } from '../../testing/renderWithServices.tsx';
import { MemoEditor, memoKey, SAVE_IN_PAUSE_MS, type MemoHandle } from './MemoEditor.tsx';

afterEach(cleanup);

const article = makeArticle([
  { kind: 'headline', text: 'Syrie: attaque', language: 'fr', direction: 'ltr' },
  {
    kind: 'paragraph',
    text: 'La Résistance islamique a affirmé avoir visé la base.',
    language: 'fr',
    direction: 'ltr',
  },
]);
const citation = {
  articleId: article.id,
  blockId: 'block-2',
  blockPosition: 2,
  quote: 'La Résistance islamique a affirmé',
  prefix: '',
  suffix: ' avoir visé la base.',
};

function doc(...content: JSONContent[]): JSONContent {
  return { type: 'doc', content };
}

/** The memo of `article` (none saved by default), with the handle the window quotes into. */
function memoEditor(saved: { doc: JSONContent; at: string } | null = null, onCitation = vi.fn()) {
  const ref = createRef<MemoHandle>();
  const element = (
    <MemoEditor
      ref={ref}
      articleId={article.id}
      savedDoc={saved?.doc ?? null}
      savedAt={saved?.at ?? null}
      blocks={article.blocks}
      onCitation={onCitation}
    />
  );
  return { ref, element };
}

/** The library's side of memo:save and memo:patch over one memo, as the core does them. */
function memoLibrary(initial: { content: unknown[]; updatedAt: string } | null = null) {
  const memo = { stored: initial };
  let version = 0;
  const call = vi.fn((channel: string, input: unknown) => {
    if (channel === 'memo:save') {
      const { doc: saved } = input as { doc: { content: unknown[] } };
      version += 1;
      memo.stored = { content: saved.content, updatedAt: `v${String(version)}` };
      return Promise.resolve({
        ok: true as const,
        value: { schemaVersion: 1, doc: saved, updatedAt: memo.stored.updatedAt },
      });
    }
    if (channel === 'memo:patch') {
      const { splice } = input as {
        splice: { base: string; baseCount: number; from: number; to: number; nodes: unknown[] };
      };
      const { stored } = memo;
      if (stored?.updatedAt !== splice.base || stored.content.length !== splice.baseCount) {
        return Promise.resolve({
          ok: false as const,
          error: { code: 'SAVE_CONFLICT', message: 'changed on disk' },
        });
      }
      version += 1;
      const content = [...stored.content];
      content.splice(splice.from, splice.to - splice.from, ...splice.nodes);
      memo.stored = { content, updatedAt: `v${String(version)}` };
      return Promise.resolve({ ok: true as const, value: { updatedAt: memo.stored.updatedAt } });
    }
    return Promise.resolve({ ok: true as const, value: {} });
  });
  const client = { ...fakeClient().client, call } as unknown as ReturnType<typeof fakeClient>['client'];
  return {
    client,
    call,
    memo,
    /** The channels called, in order. */
    sent: () => call.mock.calls.map(([channel]) => channel),
    /** The texts of the memo on disk, in order. */
    storedTexts: () =>
      JSON.stringify(memo.stored?.content)
        .match(/(?<="text":")[^"]+/gu)
        ?.map((text) => text.trim()),
  };
}

/** A memo saved as one level-2 heading, "Findings", opened in the editor. */
function renderSavedHeading() {
  const saved = doc({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Findings' }] });
  renderWithServices(memoEditor({ doc: saved, at: '2026-11-25T10:00:00.000Z' }).element, {
    client: fakeClient().client,
  });
}

describe('MemoEditor', () => {
  it('shows the saved memo in a textbox named "Analyst memo" with its toolbar', async () => {
    renderSavedHeading();
    // The editor is created after the frame that shows the article.
    const memo = await screen.findByRole('textbox', { name: 'Analyst memo' });
    expect(within(memo).getByRole('heading', { level: 2 })).toHaveTextContent('Findings');
    for (const name of [
      'Heading 1',
      'Bold',
      'Italic',
      'Underline',
      'Strikethrough',
      'Bulleted list',
      'Numbered list',
      'Quote',
      'Code',
      'Horizontal rule',
      'Undo',
      'Redo',
      'Link',
    ]) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
    // Nothing to undo in a memo just opened.
    expect(screen.getByRole('button', { name: 'Undo' })).toBeDisabled();
  });

  it('shows the block at the cursor on its buttons once the change is painted', async () => {
    renderSavedHeading();
    await screen.findByRole('textbox', { name: 'Analyst memo' });
    // jsdom lays nothing out, and has no rectangles for a range: a toolbar command scrolls the
    // cursor into view, which measures one.
    const empty = { left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0, x: 0, y: 0 };
    Object.assign(Range.prototype, {
      getClientRects: () => [],
      getBoundingClientRect: () => empty,
    });
    onTestFinished(() => {
      const range = Range.prototype as Partial<Range>;
      delete range.getClientRects;
      delete range.getBoundingClientRect;
    });
    const heading2 = screen.getByRole('button', { name: 'Heading 2' });
    const heading1 = screen.getByRole('button', { name: 'Heading 1' });
    // The cursor opens in the saved heading.
    expect(heading2).toHaveAttribute('aria-pressed', 'true');
    expect(heading1).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(heading1);
    await waitFor(() => {
      expect(heading1).toHaveAttribute('aria-pressed', 'true');
    });
    expect(heading2).toHaveAttribute('aria-pressed', 'false');
    expect(
      within(screen.getByRole('textbox', { name: 'Analyst memo' })).getByRole('heading', { level: 1 }),
    ).toHaveTextContent('Findings');
  });

  it('inserts a quote with its citation, saves it, and follows the citation back to its block, even if asked before the editor exists', async () => {
    const { client, call } = fakeClient();
    const onCitation = vi.fn();
    const { ref, element } = memoEditor(null, onCitation);
    renderWithServices(element, { client });
    expect(screen.queryByRole('textbox', { name: 'Analyst memo' })).toBeNull();
    act(() => {
      ref.current!.insertQuote({ paragraphs: [citation.quote], citation });
    });
    const memo = await screen.findByRole('textbox', { name: 'Analyst memo' });
    expect(memo.querySelector('blockquote')).toHaveTextContent(citation.quote);
    // The buttons follow once the frame that shows the change is out.
    await waitFor(() => {
      expect(screen.getByRole('button', { name: 'Undo' })).toBeEnabled();
    });
    expect(screen.getByRole('button', { name: 'Redo' })).toBeDisabled();
    const link = screen.getByRole('button', { name: 'Citation of block 2: go to the quoted text' });
    fireEvent.click(link);
    expect(onCitation).toHaveBeenCalledWith(citation);
    await waitFor(() => {
      expect(call).toHaveBeenCalledWith('memo:save', expect.objectContaining({ id: article.id }));
    });
    const saved = JSON.stringify(call.mock.calls.at(-1)?.[1]);
    expect(saved).toContain('"type":"blockquote"');
    expect(saved).toContain('"type":"citation"');
    expect(saved).toContain('"blockId":"block-2"');
  });

  it('shows a citation whose text is no longer in the article as orphaned, and keeps it', async () => {
    const { client } = fakeClient();
    const orphan = { ...citation, blockId: 'gone', quote: 'words the article no longer has' };
    const saved = doc({
      type: 'blockquote',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: orphan.quote },
            { type: 'citation', attrs: orphan },
          ],
        },
      ],
    });
    renderWithServices(
      <MemoEditor articleId={article.id} savedDoc={saved} blocks={article.blocks} onCitation={vi.fn()} />,
      { client },
    );
    expect(
      await screen.findByRole('button', {
        name: 'Citation of block 2: the quoted text is no longer in the article',
      }),
    ).toHaveClass('citation--orphaned');
  });

  it('sends typing unsaved for a while right after the next frame, without waiting for the save queue', async () => {
    const { client, call } = fakeClient();
    const { ref, element } = memoEditor();
    // A queue whose own timer would not send anything during the test.
    const saves = new SaveQueue(60_000);
    renderWithServices(element, { client, saves });
    await screen.findByRole('textbox', { name: 'Analyst memo' });
    act(() => {
      ref.current!.insertQuote({ paragraphs: ['first'], citation });
    });
    // A fresh change waits: nothing is sent in the frames right after it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(call).not.toHaveBeenCalledWith('memo:save', expect.anything());
    await new Promise((resolve) => setTimeout(resolve, SAVE_IN_PAUSE_MS));
    act(() => {
      ref.current!.insertQuote({ paragraphs: ['second'], citation });
    });
    await waitFor(() => {
      expect(call).toHaveBeenCalledWith('memo:save', expect.objectContaining({ id: article.id }));
    });
    const saved = JSON.stringify(call.mock.calls.at(-1)?.[1]);
    expect(saved).toContain('first');
    expect(saved).toContain('second');
  });

  it('after its first save sends only the paragraphs changed, and saves the whole memo again when the one on disk changed', async () => {
    const library = memoLibrary();
    const { ref, element } = memoEditor();
    const { saves } = renderWithServices(element, { client: library.client });
    const memo = await screen.findByRole('textbox', { name: 'Analyst memo' });
    const quote = async (text: string) => {
      act(() => {
        ref.current!.insertQuote({ paragraphs: [text], citation });
      });
      await act(() => saves.flushAll());
    };
    // A quote as shown ends with its citation's mark (¶2).
    const shownQuotes = () =>
      [...memo.querySelectorAll('blockquote')].map((node) => node.textContent.replace(/¶\d+$/u, '').trim());

    await quote('first quote');
    expect(library.sent()).toEqual(['memo:save']);
    await quote('second quote');
    await quote('third quote');
    expect(library.sent()).toEqual(['memo:save', 'memo:patch', 'memo:patch']);
    // A patch carries the new quote, not the ones already on disk.
    const lastPatch = JSON.stringify(library.call.mock.calls.at(-1)?.[1]);
    expect(lastPatch).toContain('third quote');
    expect(lastPatch).not.toContain('first quote');
    expect(library.storedTexts()).toEqual(shownQuotes());

    // Another window saves this memo: the next change is refused as a patch and saved whole.
    library.memo.stored = { content: [], updatedAt: 'elsewhere' };
    await quote('fourth quote');
    expect(library.sent().slice(3)).toEqual(['memo:patch', 'memo:save']);
    expect(library.storedTexts()).toEqual(['first quote', 'second quote', 'third quote', 'fourth quote']);
    expect(library.storedTexts()).toEqual(shownQuotes());
    await quote('fifth quote');
    expect(library.sent().at(-1)).toBe('memo:patch');
    expect(library.storedTexts()).toEqual(shownQuotes());
  });

  it('re-opened while its save is in flight, shows what was typed behind that save too', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const call = vi.fn((channel: string) =>
      channel === 'memo:save'
        ? new Promise((resolve) => {
            answer = resolve;
          })
        : Promise.resolve({ ok: true as const, value: {} }),
    );
    const client = { ...fakeClient().client, call } as unknown as ReturnType<typeof fakeClient>['client'];
    const saves = new SaveQueue(60_000);
    const { ref, element: editor } = memoEditor();
    const { unmount } = renderWithServices(editor, { client, saves });
    await screen.findByRole('textbox', { name: 'Analyst memo' });
    act(() => {
      ref.current!.insertQuote({ paragraphs: ['sent first'], citation });
    });
    void saves.flush(memoKey(article.id));
    expect(call).toHaveBeenCalledTimes(1);
    act(() => {
      ref.current!.insertQuote({ paragraphs: ['typed during the save'], citation });
    });
    // Switched away and straight back, before the first save is answered.
    unmount();
    renderWithServices(editor, { client, saves });
    const memo = await screen.findByRole('textbox', { name: 'Analyst memo' });
    expect(memo).toHaveTextContent('sent first');
    expect(memo).toHaveTextContent('typed during the save');
    answer({ ok: true, value: { schemaVersion: 1, doc: null, updatedAt: 'v1' } });
  });

  it.each([
    ['as the paragraphs changed since the version it opened', 'v0', ['memo:patch']],
    ['whole when the memo on disk is another version', 'v7', ['memo:patch', 'memo:save']],
  ])('opened on a saved memo, sends its first change %s', async (_name, onDisk, expected) => {
    const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
    const saved = doc(paragraph('kept one'), paragraph('kept two'));
    const library = memoLibrary({ content: saved.content ?? [], updatedAt: onDisk });
    const { ref, element } = memoEditor({ doc: saved, at: 'v0' });
    const { saves } = renderWithServices(element, { client: library.client });
    await screen.findByRole('textbox', { name: 'Analyst memo' });
    act(() => {
      ref.current!.insertQuote({ paragraphs: ['first quote'], citation });
    });
    await act(() => saves.flushAll());
    expect(library.sent()).toEqual(expected);
    expect(JSON.stringify(library.call.mock.calls[0]?.[1])).not.toContain('kept one');
    expect(library.storedTexts()).toEqual(['kept one', 'kept two', 'first quote']);
  });

  it('shows a saved memo it cannot read as such, read-only, and never saves over it', async () => {
    const library = memoLibrary();
    const saved = doc({
      type: 'paragraph',
      content: [{ type: 'text', text: 'secret findings', marks: [{ type: 'highlight' }] }],
    });
    const { ref, element } = memoEditor({ doc: saved, at: 'v0' });
    const { saves } = renderWithServices(element, { client: library.client });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /This memo holds content the editor cannot show \(.*highlight.*\)\. It is left unchanged in memo\.json/u,
    );
    expect(screen.getByRole('textbox', { name: 'Analyst memo' })).toHaveAttribute('contenteditable', 'false');
    act(() => {
      ref.current!.insertQuote({ paragraphs: ['a quote'], citation });
    });
    await act(() => saves.flushAll());
    expect(library.call).not.toHaveBeenCalled();
    expect(saves.hasUnsaved).toBe(false);
  });
});
