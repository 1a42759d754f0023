import { EditorContent, useEditor, type JSONContent } from '@tiptap/react';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { Block } from '../../../../shared/article.ts';
import type { CitationAttrs } from '../../../../shared/memo.ts';
import { useServices } from '../../api/ServicesProvider.tsx';
import { CITATION_EVENT, type CitationStatus, type QuoteContent } from './Citation.ts';
import { createMemoExtensions } from './createMemoExtensions.ts';
import { MemoToolbar } from './MemoToolbar.tsx';

/** What the window can ask of the memo. */
export type MemoHandle = { insertQuote: (quote: QuoteContent) => void };

type Props = {
  articleId: string;
  /** The memo as last saved; this window's unsent or in-flight version wins over it. */
  savedDoc: JSONContent | null;
  blocks: readonly Block[];
  onCitation: (attrs: CitationAttrs) => void;
  ref?: Ref<MemoHandle>;
};

/** The save-queue key of an article's memo. */
export function memoKey(articleId: string): string {
  return `memo:${articleId}`;
}

function resolveCitation(blocks: readonly Block[], attrs: CitationAttrs): CitationStatus {
  const block = blocks.find((candidate) => candidate.id === attrs.blockId);
  if (block?.text.includes(attrs.quote) === true) return 'found';
  return blocks.some((candidate) => candidate.text.includes(attrs.quote)) ? 'moved' : 'orphaned';
}

/**
 * The analyst memo of one article. Mount one per article (keyed by id): it saves within a second of
 * typing, when it loses focus, and when it unmounts, reading the document only when a save starts,
 * so a long memo costs nothing per keystroke.
 */
export function MemoEditor({ articleId, savedDoc, blocks, onCitation, ref }: Props) {
  const { client, saves } = useServices();
  const key = memoKey(articleId);
  const container = useRef<HTMLDivElement>(null);

  // Citations announce themselves with a DOM event, so the editor, created once, never holds a stale callback.
  useEffect(() => {
    const element = container.current;
    const listener = (event: Event) => {
      onCitation((event as CustomEvent<CitationAttrs>).detail);
    };
    element?.addEventListener(CITATION_EVENT, listener);
    return () => element?.removeEventListener(CITATION_EVENT, listener);
  }, [onCitation]);

  const editor = useEditor(
    {
      // An article's blocks do not change while its memo is open (the editor is keyed by article).
      extensions: createMemoExtensions({ resolve: (attrs) => resolveCitation(blocks, attrs) }),
      content: (saves.latest(key) as JSONContent | undefined) ?? savedDoc ?? '',
      // The page's CSP refuses injected <style> elements; styles.css carries Tiptap's base styles.
      injectCSS: false,
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': 'Analyst memo',
          class: 'memo-document',
          spellcheck: 'true',
        },
      },
      onUpdate: ({ editor: changed }) => {
        saves.change(
          key,
          () => changed.getJSON(),
          (doc) => client.call('memo:save', { id: articleId, doc: doc as { type: 'doc' } }),
        );
      },
      onBlur: () => {
        void saves.flush(key);
      },
    },
    [articleId],
  );

  useEffect(
    () => () => {
      void saves.flush(key);
    },
    [saves, key],
  );

  useImperativeHandle(
    ref,
    () => ({
      insertQuote: (quote) => {
        const { doc, selection } = editor.state;
        // With the cursor still at the very start (never placed), the quote goes at the end.
        const atStart = selection.from <= 1 && doc.textContent !== '';
        const chain = editor.chain();
        (atStart ? chain.focus('end') : chain.focus()).insertQuote(quote).run();
      },
    }),
    [editor],
  );

  return (
    <div className="memo-editor" ref={container}>
      <MemoToolbar editor={editor} />
      <EditorContent editor={editor} className="memo-content" />
    </div>
  );
}
