import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import type { ImportResultInfo, SearchMatchInfo } from '../../shared/api.ts';
import type { LibraryRow } from '../../shared/article.ts';
import type { CitationAttrs } from '../../shared/memo.ts';
import { useServices } from './api/ServicesProvider.tsx';
import { ExportButton } from './features/export/ExportButton.tsx';
import { collectDroppedFiles } from './features/library/collectDroppedFiles.ts';
import { ImportButton, ImportResults } from './features/library/ImportControls.tsx';
import { LibraryActions } from './features/library/LibraryActions.tsx';
import { LibraryPane } from './features/library/LibraryPane.tsx';
import { useImport } from './features/library/useImport.ts';
import { useLibrary } from './features/library/useLibrary.ts';
import { useSelection } from './features/library/useSelection.ts';
import type { MemoHandle } from './features/memo/MemoEditor.tsx';
import { Reader, type BlockFocus } from './features/reader/Reader.tsx';
import { useArticle } from './features/reader/useArticle.ts';
import { TrashView } from './features/trash/TrashView.tsx';
import { useMoveToTrash } from './features/trash/useMoveToTrash.ts';
import { afterNextPaint } from './ui/afterNextPaint.ts';
import { describeError } from './ui/describeError.ts';
import { StatusBar } from './ui/StatusBar.tsx';
import type { Notice } from './ui/StatusNotice.tsx';
import { usePaneCycle } from './ui/usePaneCycle.ts';

/**
 * The memo editor (Tiptap and ProseMirror, a third of the window's script) loads while the library
 * is shown, not before: the list appears sooner, and the editor is there by the time an article opens.
 */
const loadMemoEditor = () => import('./features/memo/MemoEditor.tsx');
const MemoEditor = lazy(() => loadMemoEditor().then((module) => ({ default: module.MemoEditor })));

const SELECTED_KEY = 'workbench.selectedArticle';

/** Focuses the first element matching `selector`, for the pane shortcuts. */
function focusFirst(selector: string): void {
  document.querySelector<HTMLElement>(selector)?.focus();
}

/**
 * The panes' sizes (percent) until the analyst resizes them, as the panels' default sizes say. Given
 * to the group from the first render, the panes have their widths before the first layout; without
 * it they were laid out at their content's width first, then again at these.
 */
const DEFAULT_PANE_LAYOUT = { library: 22, reader: 48, memo: 30 };

/** What the report dialog is offered while only the first rows of the library are in: not a wrong count. */
const NO_ENTRIES: readonly LibraryRow[] = [];

/** The workbench window: library, reader with translation notes, memo, status bar. */
export function App() {
  const { client, saves } = useServices();
  const library = useLibrary();
  const [selectedId, setSelectedId] = useState<string | null>(() => localStorage.getItem(SELECTED_KEY));
  const { state: article, replaceArticle } = useArticle(selectedId);
  const [focus, setFocus] = useState<BlockFocus | null>(null);
  const pendingFocus = useRef<BlockFocus | null>(null);
  const memo = useRef<MemoHandle>(null);
  const importInput = useRef<HTMLInputElement>(null);
  const [isDragging, setDragging] = useState(false);
  // Saved only when the analyst resizes a pane: saving the layout the window starts with changed
  // what this hook reads from storage during the first render, and re-rendered the whole window.
  const layout = useDefaultLayout({
    id: 'workbench-panes',
    storage: localStorage,
    onlySaveAfterUserInteractions: true,
  });

  const selection = useSelection();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [isTrashOpen, setTrashOpen] = useState(false);
  usePaneCycle();

  const { reset: resetSelection, keepOnly: keepSelection } = selection;
  const select = useCallback(
    (id: string) => {
      setSelectedId(id);
      localStorage.setItem(SELECTED_KEY, id);
      resetSelection(id);
    },
    [resetSelection],
  );
  const closeArticle = useCallback(() => {
    setSelectedId(null);
    localStorage.removeItem(SELECTED_KEY);
  }, []);

  // What "Move to trash" and the report's "selected articles" act on: the selection, else the open article.
  // While only the first rows are in, an article missing from them may still be in the library.
  const selectedIds = useMemo(() => {
    const present = library.isComplete ? new Set(library.entries.map((entry) => entry.id)) : null;
    const isPresent = (id: string) => present === null || present.has(id);
    const ids = [...selection.ids].filter(isPresent);
    return ids.length > 0 || selectedId === null || !isPresent(selectedId) ? ids : [selectedId];
  }, [selection.ids, selectedId, library.entries, library.isComplete]);

  const moveToTrash = useMoveToTrash({
    currentId: selectedId,
    closeArticle,
    openArticle: select,
    onNotice: setNotice,
  });

  // Articles trashed elsewhere (another window, the CLI): once the list without them arrives, the
  // selection forgets them and an open one closes.
  const shownEntries = useRef(library.entries);
  useEffect(() => {
    shownEntries.current = library.entries;
  });
  const [listBeforeTrash, setListBeforeTrash] = useState<readonly unknown[] | null>(null);
  if (
    listBeforeTrash !== null &&
    !library.isLoading &&
    library.isComplete &&
    library.entries !== listBeforeTrash
  ) {
    setListBeforeTrash(null);
    const present = new Set(library.entries.map((entry) => entry.id));
    keepSelection(present);
    if (selectedId !== null && !present.has(selectedId)) setSelectedId(null);
  }

  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.name === 'library:switched') {
          closeArticle();
          resetSelection(null);
          setTrashOpen(false);
          setNotice({ tone: 'info', message: `Opened the library in ${event.payload.dir}` });
        } else if (event.name === 'library:changed' && event.payload.kind === 'article-trashed') {
          setListBeforeTrash(shownEntries.current);
        } else if (event.name === 'app:command') {
          if (event.payload.command === 'showTrash') setTrashOpen(true);
          if (event.payload.command === 'import') importInput.current?.click();
        }
      }),
    [client, closeArticle, resetSelection],
  );

  const importer = useImport(
    useCallback(
      (results: ImportResultInfo[]) => {
        const first = results.find((result) => result.id !== undefined);
        if (first?.id !== undefined) select(first.id);
      },
      [select],
    ),
  );

  // An article remembered from last time that is no longer in the library is forgotten. Checked once,
  // on the first whole list (not the first rows at start-up, which most articles are missing from):
  // later, a just-imported article is selected before the list that contains it arrives.
  const [hasCheckedRemembered, setCheckedRemembered] = useState(false);
  if (!library.isLoading && library.isComplete && !hasCheckedRemembered) {
    setCheckedRemembered(true);
    if (selectedId !== null && !library.entries.some((entry) => entry.id === selectedId)) setSelectedId(null);
  }

  // A citation of another article opens that article, then shows the block once it is loaded.
  useEffect(() => {
    if (article.status === 'ready' && pendingFocus.current !== null) {
      setFocus(pendingFocus.current);
      pendingFocus.current = null;
    }
  }, [article]);

  const followCitation = useCallback(
    (attrs: CitationAttrs) => {
      const request: BlockFocus = {
        blockId: attrs.blockId,
        position: attrs.blockPosition,
        quote: attrs.quote,
        seq: Date.now(),
      };
      if (attrs.articleId === selectedId) setFocus(request);
      else {
        pendingFocus.current = request;
        select(attrs.articleId);
      }
    },
    [selectedId, select],
  );

  // A search hit in a memo opens its article with the memo focused, once the memo is there.
  const pendingMemoFocus = useRef(false);
  useEffect(() => {
    if (article.status !== 'ready' || !pendingMemoFocus.current) return;
    pendingMemoFocus.current = false;
    requestAnimationFrame(() => {
      focusFirst('[aria-label="Analyst memo"]');
    });
  }, [article]);

  /** Opens a search hit where it matched: at its block (as a citation does), in its memo, or at its top. */
  const openMatch = useCallback(
    (articleId: string, match: SearchMatchInfo | null) => {
      if (match?.field === 'memo') {
        if (articleId === selectedId) focusFirst('[aria-label="Analyst memo"]');
        else {
          pendingMemoFocus.current = true;
          select(articleId);
        }
        return;
      }
      const blockId = match?.blockId ?? null;
      if (blockId === null) {
        if (articleId !== selectedId) select(articleId);
      } else {
        // Position 0: a block the index knows but the article no longer has is not guessed at.
        const request: BlockFocus = { blockId, position: 0, quote: '', seq: Date.now() };
        if (articleId === selectedId) setFocus(request);
        else {
          pendingFocus.current = request;
          select(articleId);
        }
      }
    },
    [selectedId, select],
  );

  // The editor's code loads once the library's first rows are painted, while the whole list is read
  // and rendered, so that it is ready for the first article. Waiting until the whole list was on
  // screen too (it is read only after that paint) put the script's evaluation (100-200 ms) right
  // where an article opened as soon as the list was whole would render.
  const isListShown = !library.isLoading;
  useEffect(() => {
    if (!isListShown) return;
    return afterNextPaint(() => {
      void loadMemoEditor();
    });
  }, [isListShown]);

  // The last keystrokes go out when the page goes away or is hidden.
  useEffect(() => {
    const flush = () => {
      void saves.flushAll();
    };
    const onHide = () => {
      client.prepareForUnload();
      flush();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    // A menu or a dialog of the desktop shell (Open library…, Export report…) takes the focus away
    // from the window: what was typed is saved before it can act.
    window.addEventListener('blur', flush);
    return () => {
      window.removeEventListener('blur', flush);
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [client, saves]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.shiftKey && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        importInput.current?.click();
      } else if (event.altKey && !mod && ['1', '2', '3'].includes(event.key)) {
        event.preventDefault();
        if (event.key === '1') focusFirst('[role="listbox"][aria-label="Library"]');
        if (event.key === '2') focusFirst('.notes-column textarea');
        if (event.key === '3') focusFirst('[aria-label="Analyst memo"]');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  const hasFiles = (event: React.DragEvent) => event.dataTransfer.types.includes('Files');

  return (
    <div
      className={`workbench${isDragging ? ' is-dragging' : ''}`}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.relatedTarget === null) setDragging(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        void collectDroppedFiles(event.dataTransfer, client.shell === 'web').then(importer.importFiles);
      }}
    >
      <Group
        className="panes"
        orientation="horizontal"
        defaultLayout={layout.defaultLayout ?? DEFAULT_PANE_LAYOUT}
        onLayoutChanged={layout.onLayoutChanged}
      >
        <Panel
          id="library"
          className="library-panel"
          defaultSize={String(DEFAULT_PANE_LAYOUT.library)}
          minSize="14"
        >
          {isTrashOpen && (
            <TrashView
              onClose={() => {
                setTrashOpen(false);
              }}
              onNotice={setNotice}
            />
          )}
          {/* Kept mounted behind the trash, so its filters and scroll position are still there on return. */}
          <div className="library-slot" hidden={isTrashOpen}>
            <LibraryPane
              entries={library.entries}
              isComplete={library.isComplete}
              total={library.total}
              loadError={library.error}
              onRetryLoad={library.reload}
              selectedId={selectedId}
              onSelect={select}
              onOpenMatch={openMatch}
              selection={selection}
              onDeleteSelected={() => void moveToTrash(selectedIds)}
              footer={
                <LibraryActions
                  selectedCount={selectedIds.length}
                  onMoveToTrash={() => void moveToTrash(selectedIds)}
                  onShowTrash={() => {
                    setTrashOpen(true);
                  }}
                />
              }
              importControls={
                <ImportButton
                  onFiles={(files) => void importer.importFiles(files)}
                  isBusy={importer.progress !== null}
                  inputRef={importInput}
                />
              }
            />
            <ImportResults
              results={importer.results}
              error={importer.error}
              onDismiss={importer.dismiss}
              onOpen={select}
            />
          </div>
        </Panel>
        <Separator className="pane-separator" />
        <Panel id="reader" defaultSize={String(DEFAULT_PANE_LAYOUT.reader)} minSize="25">
          {article.status === 'ready' ? (
            <Reader
              key={article.id}
              data={article.data}
              focus={focus}
              onQuote={(quote) => memo.current?.insertQuote(quote)}
              onArticleChanged={replaceArticle}
            />
          ) : (
            <section className="pane reader-pane reader-pane--empty" aria-label="Reader">
              <p className="empty-hint">
                {article.status === 'none'
                  ? 'Open an article from the library, or drop files anywhere to import them.'
                  : article.status === 'loading'
                    ? 'Opening…'
                    : describeError(article.error)}
              </p>
            </section>
          )}
        </Panel>
        <Separator className="pane-separator" />
        <Panel id="memo" defaultSize={String(DEFAULT_PANE_LAYOUT.memo)} minSize="18">
          <section className="pane memo-pane" aria-labelledby="memo-heading">
            <header className="pane-header">
              <h2 id="memo-heading" className="pane-title">
                Memo
              </h2>
              <ExportButton
                currentId={article.status === 'none' ? null : article.id}
                selectedIds={selectedIds}
                entries={library.isComplete ? library.entries : NO_ENTRIES}
                onNotice={setNotice}
              />
            </header>
            {article.status === 'ready' ? (
              <Suspense fallback={<p className="empty-hint">Opening the memo…</p>}>
                <MemoEditor
                  key={article.id}
                  ref={memo}
                  articleId={article.id}
                  savedDoc={article.data.memo.doc}
                  savedAt={article.data.memo.updatedAt}
                  blocks={article.data.article.blocks}
                  onCitation={followCitation}
                />
              </Suspense>
            ) : (
              <p className="empty-hint">The memo of the open article appears here.</p>
            )}
          </section>
        </Panel>
      </Group>
      <StatusBar
        libraryDir={library.dir}
        articleCount={library.total}
        importProgress={importer.progress}
        notice={notice}
        onDismissNotice={() => {
          setNotice(null);
        }}
      />
      {isDragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop files or folders to import them
        </div>
      )}
    </div>
  );
}
