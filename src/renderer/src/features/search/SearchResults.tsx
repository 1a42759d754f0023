import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { SearchHitInfo, SearchMatchInfo } from '../../../../shared/api.ts';
import { formatDate } from '../../ui/formatDate.ts';
import { LanguageBadge } from '../../ui/LanguageBadge.tsx';
import { bestMatch } from './bestMatch.ts';
import { HighlightedText } from './HighlightedText.tsx';

const FIELD_LABELS: Record<SearchMatchInfo['field'], string> = {
  title: 'Title',
  original: 'Original',
  translation: 'Translation',
  note: 'Note',
  memo: 'Memo',
};

/** Snippets shown per hit; the rest are counted. Enough to judge a hit without the list becoming a wall. */
const SNIPPETS_PER_HIT = 3;
const ESTIMATED_ROW_HEIGHT = 104;
/** The next page is fetched when the view comes this close to the last hit loaded. */
const LOAD_MORE_WITHIN = 10;

/** The id of a hit's option, for the search field's aria-activedescendant. */
export function hitOptionId(listId: string, index: number): string {
  return `${listId}-hit-${String(index)}`;
}

type Props = {
  id: string;
  hits: readonly SearchHitInfo[];
  total: number;
  activeIndex: number;
  isStale: boolean;
  onActivate: (index: number) => void;
  onOpen: (articleId: string, match: SearchMatchInfo | null) => void;
  onLoadMore: () => void;
  onEscape: () => void;
};

function HitRow({
  hit,
  optionId,
  onOpen,
}: {
  hit: SearchHitInfo;
  optionId: string;
  onOpen: Props['onOpen'];
}) {
  const title = hit.title ?? 'Untitled article';
  // A title match whose snippet is the whole title is shown as the title itself, marked.
  const titleMatch = hit.matches.find((match) => match.field === 'title' && match.snippet === hit.title);
  const snippets = hit.matches.filter((match) => match !== titleMatch).slice(0, SNIPPETS_PER_HIT);
  const shown = snippets.length + (titleMatch === undefined ? 0 : 1);
  const more = Math.max(0, hit.matchCount - shown);
  return (
    <>
      <HighlightedText
        id={`${optionId}-title`}
        className="search-hit__title"
        text={title}
        highlights={titleMatch?.highlights ?? []}
      />
      <span className="search-hit__meta">
        <LanguageBadge code={hit.language} />
        {hit.outlet !== null && <span className="search-hit__outlet">{hit.outlet}</span>}
        <span>{formatDate(hit.date)}</span>
      </span>
      <span id={`${optionId}-snippets`} className="search-hit__snippets">
        {snippets.map((match, index) => (
          <span
            key={`${match.field}-${match.blockId ?? ''}-${String(index)}`}
            className="search-snippet"
            onClick={(event) => {
              event.stopPropagation();
              onOpen(hit.articleId, match);
            }}
          >
            <span className="search-snippet__field">{FIELD_LABELS[match.field]}</span>{' '}
            <HighlightedText
              className="search-snippet__text"
              text={match.snippet}
              highlights={match.highlights}
            />
          </span>
        ))}
        {more > 0 && (
          <span className="search-hit__more">
            {more} more {more === 1 ? 'match' : 'matches'}
          </span>
        )}
      </span>
    </>
  );
}

/**
 * The hits as a listbox that the search field drives (aria-activedescendant): only the rows in view
 * are in the DOM, rows take the height their snippets need, and the next page loads near the end.
 */
export function SearchResults({
  id,
  hits,
  total,
  activeIndex,
  isStale,
  onActivate,
  onOpen,
  onLoadMore,
  onEscape,
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns fresh functions each render; the React Compiler skips this component, as it should.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: hits.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < hits.length)
      virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, hits.length, virtualizer]);

  useEffect(() => {
    if (hits.length < total && lastShown >= hits.length - LOAD_MORE_WITHIN) onLoadMore();
  }, [lastShown, hits.length, total, onLoadMore]);

  return (
    <div
      ref={scroller}
      id={id}
      className={`search-results${isStale ? ' is-stale' : ''}`}
      role="listbox"
      aria-label="Search results"
      aria-busy={isStale}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onEscape();
        }
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((row) => {
          const hit = hits[row.index];
          if (hit === undefined) return null;
          const optionId = hitOptionId(id, row.index);
          const isActive = row.index === activeIndex;
          return (
            <div
              key={`${hit.articleId}-${String(row.index)}`}
              ref={virtualizer.measureElement}
              data-index={row.index}
              id={optionId}
              role="option"
              aria-selected={isActive}
              aria-setsize={total}
              aria-posinset={row.index + 1}
              aria-labelledby={`${optionId}-title`}
              aria-describedby={`${optionId}-snippets`}
              className={`search-hit${isActive ? ' is-active' : ''}`}
              style={{ transform: `translateY(${String(row.start)}px)` }}
              onMouseDown={(event) => {
                // The search field keeps the focus, and with it the keyboard.
                event.preventDefault();
              }}
              onClick={() => {
                onActivate(row.index);
                onOpen(hit.articleId, bestMatch(hit));
              }}
            >
              <HitRow hit={hit} optionId={optionId} onOpen={onOpen} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
