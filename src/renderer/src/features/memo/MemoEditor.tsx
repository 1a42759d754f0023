import { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { EditorState } from '@tiptap/pm/state';
import { EditorContent, useEditor, type Editor, type JSONContent } from '@tiptap/react';
import {
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type RefObject,
  type Ref,
} from 'react';
import type { Block } from '../../../../shared/article.ts';
import type { CitationAttrs } from '../../../../shared/memo.ts';
import { useServices } from '../../api/ServicesProvider.tsx';
import { afterNextPaint } from '../../ui/afterNextPaint.ts';
import { CITATION_EVENT, type CitationStatus, type QuoteContent } from './Citation.ts';
import { createMemoExtensions } from './createMemoExtensions.ts';
import { MemoToolbar } from './MemoToolbar.tsx';
import { spliceBetween } from './spliceBetween.ts';

/** What the window can ask of the memo. */
export type MemoHandle = { insertQuote: (quote: QuoteContent) => void };

type Props = {
  articleId: string;
  /** The memo as last saved; this window's unsent or in-flight version wins over it. */
  savedDoc: JSONContent | null;
  /** When `savedDoc` was saved (memo.json's updatedAt): the version a first change is made to. */
  savedAt?: string | null;
  blocks: readonly Block[];
  onCitation: (attrs: CitationAttrs) => void;
  ref?: Ref<MemoHandle>;
};

/**
 * How long typing stays unsaved before it is sent in the next pause between keystrokes: under the
 * save queue's AUTOSAVE_DELAY_MS, so that the pause, not the queue's timer, usually sends it.
 */
export const SAVE_IN_PAUSE_MS = 500;

/** The save-queue key of an article's memo. */
export function memoKey(articleId: string): string {
  return `memo:${articleId}`;
}

/** Whether this window has run the editor's typing path once (warmUp). */
let isWarm = false;

/**
 * Types a few words into a throwaway copy of the editor's state (same schema and plugins, nothing
 * shown, nothing saved), once per window while it is idle after the first memo opens. The browser
 * compiles the editor's code on first use, and the link detector builds its scanner on the first
 * space typed (autolink): the first keystrokes in a memo took 20-55 ms instead of about 10 (bench:ui,
 * typing), the first space the longest.
 */
function warmUp(editor: Editor): void {
  if (isWarm || editor.isDestroyed) return;
  isWarm = true;
  try {
    let state = EditorState.create({ schema: editor.schema, plugins: editor.state.plugins });
    for (const text of ['W', 'a', 'r', 'm', ' ', 'up', ' ', 'example.org', ' ', 'done.']) {
      state = state.apply(state.tr.insertText(text));
    }
  } catch (error) {
    // Only a head start: typing works the same without it.
    console.warn('The memo editor could not warm up:', error);
  }
}

/** Runs `task` when the page is idle (within a second), unless cancelled. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 1_000 });
    return () => {
      cancelIdleCallback(handle);
    };
  }
  const timer = setTimeout(task, 0);
  return () => {
    clearTimeout(timer);
  };
}

/**
 * The newest memo this window has (unsent, else sent or being sent: the save queue keeps the
 * editor's document), as JSON: an editor re-opened on it has a schema of its own, so it cannot take
 * the old one's nodes.
 */
function unsentDoc(latest: unknown): JSONContent | undefined {
  return latest instanceof ProseMirrorNode ? (latest.toJSON() as JSONContent) : undefined;
}

/** `doc` as a node of `like`'s schema, or null when that schema cannot read it. */
function asNode(doc: ProseMirrorNode | JSONContent, like: ProseMirrorNode): ProseMirrorNode | null {
  if (doc instanceof ProseMirrorNode) return doc;
  try {
    return like.type.schema.nodeFromJSON(doc);
  } catch {
    return null;
  }
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
 *
 * The editor itself is created only after the frame that shows the article: building Tiptap's
 * schema and view takes tens of milliseconds, and when it ran in the same render as the reader it
 * delayed the article's first screen (bench:ui). A concurrent render could also be thrown away and
 * redone, creating the editor again each time; created in a render of its own, it is built once.
 * A quote asked for in that one frame is kept and inserted as soon as the editor exists.
 */
export function MemoEditor({ ref, ...props }: Props) {
  const isPainted = useIsPainted();
  const handle = useRef<MemoHandle>(null);
  const pending = useRef<QuoteContent[]>([]);

  useImperativeHandle(
    ref,
    () => ({
      insertQuote: (quote) => {
        if (handle.current === null) pending.current.push(quote);
        else handle.current.insertQuote(quote);
      },
    }),
    [],
  );

  return isPainted ? (
    <MemoDocument {...props} ref={handle} pending={pending} />
  ) : (
    <div className="memo-editor" />
  );
}

/** Whether the frame after this component mounted has been painted. */
function useIsPainted(): boolean {
  const [isPainted, setIsPainted] = useState(false);
  useEffect(
    () =>
      afterNextPaint(() => {
        setIsPainted(true);
      }),
    [],
  );
  return isPainted;
}

type DocumentProps = Omit<Props, 'ref'> & {
  ref: RefObject<MemoHandle | null>;
  /** Quotes asked for before the editor existed, oldest first. */
  pending: RefObject<QuoteContent[]>;
};

/** The editor and its toolbar, mounted once the article has been painted. */
function MemoDocument({
  articleId,
  savedDoc,
  savedAt = null,
  blocks,
  onCitation,
  ref,
  pending,
}: DocumentProps) {
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

  // When the first unsaved change was made; null once its save has started.
  const unsavedSince = useRef<number | null>(null);
  // Cancels the save queued for the next pause, if one is.
  const cancelPauseSave = useRef<(() => void) | null>(null);
  /*
   * Sends a memo that has been unsaved for SAVE_IN_PAUSE_MS right after the frame that shows the
   * keystroke, in the pause before the next one. Left to the save queue's timer, the save (reading
   * the document, sending about 100 KB, then the answer and the events it causes) started at any
   * moment, often between a keystroke and its paint, and made those keystrokes the slowest ones
   * (bench:ui, typing p95). The queue's timer still sends it if no frame comes (a hidden window).
   */
  const saveInPause = () => {
    if (cancelPauseSave.current !== null) return;
    cancelPauseSave.current = afterNextPaint(() => {
      cancelPauseSave.current = null;
      const since = unsavedSince.current;
      if (since !== null && performance.now() - since >= SAVE_IN_PAUSE_MS) void saves.flush(key);
    });
  };

  // Read once: the editor takes its content when it is created, and a long memo is slow to serialise.
  const [initial] = useState(() => {
    const unsent = unsentDoc(saves.latest(key, savedAt));
    if (unsent !== undefined) return { content: unsent, onDisk: null };
    return {
      content: savedDoc ?? '',
      onDisk: savedDoc !== null && savedAt !== null ? { doc: savedDoc, updatedAt: savedAt } : null,
    };
  });
  /*
   * The version of the memo on disk that this editor's changes are made to, and its stamp: the one
   * it opened (as JSON, read into the editor's schema when first needed), then the one it last
   * wrote. A save sends only the paragraphs changed since (memo:patch): reading, serialising and
   * sending a memo of 100,000 characters took the page 10-20 ms per save, and any keystroke that
   * fell behind it waited that long; a patch takes 2-5 ms, and fits what a closing page may still
   * send. Without a version (a memo re-opened while its save was in flight, a failed save), the
   * whole memo is sent. The editor reads the opened JSON as the base is read (nodeFromJSON); a
   * memo it cannot read is never saved (unreadable, below), and one whose top-level count differs
   * once read has its patch refused by the library: the whole memo is sent then.
   */
  const written = useRef<{ doc: ProseMirrorNode | JSONContent; updatedAt: string } | null>(initial.onDisk);
  const sendMemo = async (doc: ProseMirrorNode) => {
    const base = written.current;
    const baseDoc = base === null ? null : asNode(base.doc, doc);
    if (base !== null && baseDoc !== null) {
      const { from, to, nodes } = spliceBetween(baseDoc, doc);
      const patched = await client.call('memo:patch', {
        id: articleId,
        splice: {
          base: base.updatedAt,
          baseCount: baseDoc.childCount,
          from,
          to,
          nodes: nodes.map((node) => node.toJSON() as { type: string }),
        },
      });
      written.current = patched.ok ? { doc, updatedAt: patched.value.updatedAt } : null;
      // Any other failure is retried later, then as a whole memo.
      if (patched.ok || patched.error.code !== 'SAVE_CONFLICT') return patched;
    }
    const saved = await client.call('memo:save', { id: articleId, doc: doc.toJSON() as { type: 'doc' } });
    if (saved.ok && saved.value.updatedAt !== null)
      written.current = { doc, updatedAt: saved.value.updatedAt };
    return saved;
  };

  /** Why the saved memo could not be read, if it could not: the editor then stays read-only. */
  const unreadable = useRef<Error | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const editor = useEditor(
    {
      // An article's blocks do not change while its memo is open (the editor is keyed by article).
      extensions: createMemoExtensions({ resolve: (attrs) => resolveCitation(blocks, attrs) }),
      content: initial.content,
      // The page's CSP refuses injected <style> elements; styles.css carries Tiptap's base styles.
      injectCSS: false,
      /*
       * A saved memo the editor cannot read whole (a node or mark it does not know: written by a
       * newer version, or by hand) would open empty, and its first change would replace memo.json.
       * It is shown as unreadable instead, and nothing is ever saved over it.
       */
      enableContentCheck: true,
      onContentError: ({ error }) => {
        unreadable.current = error;
      },
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
        if (unreadable.current !== null) return;
        // The document itself, not the editor: read after this editor is gone (a quick switch away
        // and back), it must still be this version.
        const version = changed.state.doc;
        saves.change(
          key,
          () => version,
          (doc) => {
            unsavedSince.current = null;
            return sendMemo(doc);
          },
        );
        unsavedSince.current ??= performance.now();
        saveInPause();
      },
      onBlur: () => {
        void saves.flush(key);
      },
    },
    [articleId],
  );

  useLayoutEffect(() => {
    const error = unreadable.current;
    if (error === null) return;
    editor.setEditable(false);
    setProblem(error.cause instanceof Error ? error.cause.message : error.message);
  }, [editor]);

  useEffect(
    () =>
      whenIdle(() => {
        warmUp(editor);
      }),
    [editor],
  );

  useEffect(
    () => () => {
      cancelPauseSave.current?.();
      cancelPauseSave.current = null;
      void saves.flush(key);
    },
    [saves, key],
  );

  useImperativeHandle(
    ref,
    () => ({
      insertQuote: (quote) => {
        if (unreadable.current !== null) return;
        const { doc, selection } = editor.state;
        // With the cursor still at the very start (never placed), the quote goes at the end.
        const atStart = selection.from <= 1 && doc.textContent !== '';
        const chain = editor.chain();
        (atStart ? chain.focus('end') : chain.focus()).insertQuote(quote).run();
      },
    }),
    [editor],
  );

  // Declared after the handle, so that it runs once the handle is in place and no quote overtakes these.
  useLayoutEffect(() => {
    for (const quote of pending.current.splice(0)) ref.current?.insertQuote(quote);
  }, [ref, pending]);

  return (
    <div className="memo-editor" ref={container}>
      {problem !== null && (
        <p className="memo-problem inline-alert" role="alert">
          This memo holds content the editor cannot show ({problem}). It is left unchanged in memo.json, and
          nothing typed here is saved over it.
        </p>
      )}
      <MemoToolbar editor={editor} />
      <EditorContent editor={editor} className="memo-content" />
    </div>
  );
}
