import { startTransition, useEffect, useRef, useState } from 'react';
import type { Article } from '../../../../shared/article.ts';
import { useServices } from '../../api/ServicesProvider.tsx';
import { LanguageBadge } from '../../ui/LanguageBadge.tsx';
import { formatDate } from '../../ui/formatDate.ts';
import { NoteFields } from '../notes/NoteFields.tsx';
import type { ArticleData } from './useArticle.ts';
import { MetadataPanel } from './MetadataPanel.tsx';
import { OriginalBlock } from './OriginalBlock.tsx';
import { quoteFromSelection, type Quote } from './quoteFromSelection.ts';
import { useBlockNavigation } from './useBlockNavigation.ts';
import './offscreenRows.css';

/** A request to bring a block into view, from a citation in the memo; `seq` repeats a request for the same block. */
export type BlockFocus = { blockId: string; position: number; quote: string; seq: number };

type Props = {
  data: ArticleData;
  focus: BlockFocus | null;
  onQuote: (quote: Quote) => void;
  onArticleChanged: (article: Article) => void;
};

const HIGHLIGHT_MS = 2400;

/**
 * Rows rendered at once when an article opens; the rest follow in a transition after the first
 * paint. A 100 KB article has over 400 rows, each with two text fields, and laying them all out
 * before showing anything took half a second. A screenful is a dozen rows at most (a paragraph
 * and its translation take several lines); 24 still fill it when the first blocks are one-line
 * furniture (crumbs, byline, captions), and each row fewer is two text fields fewer to create
 * and style before the first paint.
 */
const FIRST_ROWS = 24;

/** Which block a citation points to: by id, else where its quote now is, else by position. */
function findCitedBlock(article: Article, focus: BlockFocus): number {
  const byId = article.blocks.findIndex((block) => block.id === focus.blockId);
  if (byId >= 0) return byId;
  const byQuote =
    focus.quote === '' ? -1 : article.blocks.findIndex((block) => block.text.includes(focus.quote));
  if (byQuote >= 0) return byQuote;
  return Math.min(focus.position, article.blocks.length) - 1;
}

/**
 * The original and the analyst's notes side by side, row by row: both columns are subgrids of one grid,
 * so a long paragraph and its translation share a row's height, and each column stays one region for
 * screen readers and for selecting text.
 */
export function Reader({ data, focus, onQuote, onArticleChanged }: Props) {
  const { saves } = useServices();
  const { article, notes } = data;
  const original = useRef<HTMLElement>(null);
  const [hasSelection, setHasSelection] = useState(false);
  const [showDetails, setShowDetails] = useState(false);
  /** The last focus request whose highlight has faded. */
  const [fadedSeq, setFadedSeq] = useState<number | null>(null);
  const focusedIndex = focus === null ? -1 : findCitedBlock(article, focus);
  const highlighted = focus !== null && focus.seq !== fadedSeq && focusedIndex >= 0 ? focusedIndex + 1 : null;

  // Everything typed in this article is sent when it closes (switching articles, closing the pane).
  useEffect(
    () => () => {
      void saves.flushAll(`notes:${article.id}:`);
    },
    [saves, article.id],
  );

  useEffect(() => {
    const update = () => {
      const selection = document.getSelection();
      setHasSelection(
        selection !== null &&
          !selection.isCollapsed &&
          original.current !== null &&
          selection.rangeCount > 0 &&
          original.current.contains(selection.getRangeAt(0).commonAncestorContainer),
      );
    };
    document.addEventListener('selectionchange', update);
    return () => {
      document.removeEventListener('selectionchange', update);
    };
  }, []);

  useEffect(() => {
    if (focus === null || focusedIndex < 0) return;
    const element = document.getElementById(`block-${String(focusedIndex + 1)}`);
    element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    element?.focus({ preventScroll: true });
    const timer = setTimeout(() => {
      setFadedSeq(focus.seq);
    }, HIGHLIGHT_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [focus, focusedIndex]);

  const quote = () => {
    if (original.current === null) return;
    const taken = quoteFromSelection(original.current, document.getSelection(), article);
    if (taken !== null) onQuote(taken);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'q') {
        event.preventDefault();
        quote();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  });

  // Which article has all its rows rendered; until then only the first ones are, unless a block
  // further down is asked for (a citation, a search result).
  const [completeFor, setCompleteFor] = useState<string | null>(null);
  const total = article.blocks.length;
  const isComplete = completeFor === article.id || total <= FIRST_ROWS || focusedIndex >= FIRST_ROWS;
  useEffect(() => {
    if (isComplete) return;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        startTransition(() => {
          setCompleteFor(article.id);
        });
      });
    });
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [isComplete, article.id]);
  const blocks = isComplete ? article.blocks : article.blocks.slice(0, FIRST_ROWS);

  const { metadata } = article;
  const language = metadata.language.value ?? 'und';
  const rows = blocks.length;
  const navigation = useBlockNavigation(rows);

  return (
    <section className="pane reader-pane" aria-label="Reader">
      <header className="pane-header reader-header">
        <div className="reader-provenance">
          {metadata.outlet.value !== null && (
            <span className="provenance-outlet">{metadata.outlet.value}</span>
          )}
          {metadata.publishedAt.value !== null && <span>{formatDate(metadata.publishedAt.value)}</span>}
          {metadata.author.value !== null && <span>{metadata.author.value}</span>}
          <LanguageBadge code={metadata.language.value} />
          <button
            type="button"
            className="button button--quiet button--small"
            aria-expanded={showDetails}
            onClick={() => {
              setShowDetails((shown) => !shown);
            }}
          >
            Details
          </button>
        </div>
        <button
          type="button"
          className="button"
          disabled={!hasSelection}
          title="Select text in the original, then quote it in the memo (Ctrl+Shift+Q)"
          onMouseDown={(event) => {
            // Keep the selection: a click must not collapse it before it is read.
            event.preventDefault();
          }}
          onClick={quote}
        >
          Quote selection in memo
        </button>
      </header>
      <div className="reader-scroll">
        {showDetails && <MetadataPanel article={article} onSaved={onArticleChanged} />}
        {article.duplicateOf !== null && (
          <p className="reader-notice">The same text as article {article.duplicateOf}, in other bytes.</p>
        )}
        <div className="reading-labels" aria-hidden="true">
          <span>Original</span>
          <span>Translation and notes</span>
        </div>
        <div className="reading-grid" style={{ gridTemplateRows: `repeat(${String(rows)}, auto)` }}>
          <section
            ref={original}
            className="original-column"
            aria-label="Original text"
            lang={language}
            dir={article.direction}
            style={{ gridRow: `1 / span ${String(Math.max(rows, 1))}` }}
            onKeyDown={navigation.onOriginalKeyDown}
            onFocus={navigation.onOriginalFocus}
          >
            {blocks.map((block, index) => (
              <OriginalBlock
                key={block.id}
                block={block}
                position={index + 1}
                fallbackLanguage={language}
                isHighlighted={highlighted === index + 1}
                isCurrent={navigation.activePosition === index + 1}
              />
            ))}
          </section>
          <section
            className="notes-column"
            aria-label="Translation notes"
            style={{ gridRow: `1 / span ${String(Math.max(rows, 1))}` }}
            onKeyDown={navigation.onNotesKeyDown}
          >
            {blocks.map((block, index) => (
              <NoteFields
                key={block.id}
                articleId={article.id}
                blockId={block.id}
                position={index + 1}
                saved={notes.notes[block.id]}
                isHighlighted={highlighted === index + 1}
              />
            ))}
          </section>
        </div>
      </div>
    </section>
  );
}
