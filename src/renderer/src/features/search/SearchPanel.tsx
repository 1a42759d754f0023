import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { SearchFiltersInput, SearchMatchInfo } from '../../../../shared/api.ts';
import { useServices } from '../../api/ServicesProvider.tsx';
import { describeError } from '../../ui/describeError.ts';
import { bestMatch } from './bestMatch.ts';
import { hitOptionId, SearchResults } from './SearchResults.tsx';
import { useSearch } from './useSearch.ts';
import './search.css';

type Props = {
  /** The library pane's filters, which narrow the search as they narrow the list. */
  filters: SearchFiltersInput;
  /** Opens an article at a match: its block, its memo, or its top for a title. */
  onOpen: (articleId: string, match: SearchMatchInfo | null) => void;
  /** The filter controls, shown under the field whether a search is on or not. */
  controls?: ReactNode;
  /** What the pane shows while there is no query: the library list. */
  children: ReactNode;
};

const PAGE_STEP = 10;
/** The shortcut as the platform writes it. */
const SHORTCUT = /Mac|iPhone|iPad/u.test(navigator.userAgent) ? '⌘K' : 'Ctrl K';

function isFindShortcut(event: KeyboardEvent): boolean {
  const key = event.key.toLowerCase();
  return (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && (key === 'k' || key === 'f');
}

/**
 * One field that searches the whole library (titles, originals, translations, notes, memos). While it
 * holds a query the pane shows ranked hits in place of the library list; the field keeps the focus
 * and drives the hits with the arrow keys (the combobox pattern), Enter opens one, Escape clears the
 * search and gives the focus back to where it was. Ctrl/Cmd+K, Ctrl/Cmd+F and Edit ▸ Find reach it
 * from anywhere.
 */
export function SearchPanel({ filters, onOpen, controls, children }: Props) {
  const { client } = useServices();
  const [query, setQuery] = useState('');
  const { state, loadMore } = useSearch(query, filters);
  const [active, setActive] = useState({ resultKey: '', index: 0 });
  const field = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const listId = `search-results-${useId().replace(/:/gu, '')}`;
  // A new answer (not a further page of the same one) starts again at its first hit.
  const activeIndex =
    active.resultKey === state.resultKey ? Math.min(active.index, Math.max(0, state.hits.length - 1)) : 0;
  const setActiveIndex = (index: number) => {
    setActive({ resultKey: state.resultKey, index });
  };

  useEffect(() => {
    const focusField = () => {
      const current = document.activeElement;
      if (current instanceof HTMLElement && current !== field.current && current !== document.body)
        returnFocus.current = current;
      field.current?.focus();
      field.current?.select();
    };
    const onKey = (event: KeyboardEvent) => {
      if (!isFindShortcut(event)) return;
      event.preventDefault();
      focusField();
    };
    window.addEventListener('keydown', onKey);
    const stop = client.subscribe((event) => {
      if (event.name === 'app:command' && event.payload.command === 'find') focusField();
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      stop();
    };
  }, [client]);

  const close = () => {
    setQuery('');
    const target = returnFocus.current;
    returnFocus.current = null;
    if (target?.isConnected === true) target.focus();
  };

  const openActive = () => {
    const hit = state.hits[activeIndex];
    if (hit !== undefined) onOpen(hit.articleId, bestMatch(hit));
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    const last = state.hits.length - 1;
    const moves: Record<string, number | undefined> = {
      ArrowDown: Math.min(last, activeIndex + 1),
      ArrowUp: Math.max(0, activeIndex - 1),
      PageDown: Math.min(last, activeIndex + PAGE_STEP),
      PageUp: Math.max(0, activeIndex - PAGE_STEP),
    };
    const target = moves[event.key];
    if (target !== undefined) {
      if (last < 0) return;
      event.preventDefault();
      setActiveIndex(target);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      openActive();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };

  const hasHits = state.isActive && state.hits.length > 0;
  return (
    <>
      <div className="search-field">
        <input
          ref={field}
          type="search"
          role="combobox"
          className="search-field__input"
          aria-label="Search library"
          aria-expanded={hasHits}
          aria-controls={state.isActive ? listId : undefined}
          aria-autocomplete="list"
          aria-activedescendant={hasHits ? hitOptionId(listId, activeIndex) : undefined}
          placeholder="Search library"
          title={`Search titles, originals, translations, notes and memos (${SHORTCUT})`}
          spellCheck={false}
          autoComplete="off"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
          }}
          onKeyDown={onKeyDown}
        />
        <kbd className="search-field__hint" aria-hidden="true">
          {SHORTCUT}
        </kbd>
      </div>
      {controls}
      {state.isActive ? (
        <>
          <p className="search-summary" aria-live="polite">
            {state.error !== null ? (
              <span className="search-summary__error">Search failed: {describeError(state.error)}</span>
            ) : !state.hasAnswer ? (
              'Searching…'
            ) : state.total === 0 ? (
              state.isPending ? (
                'Searching…'
              ) : (
                `Nothing found for “${query.trim()}”.`
              )
            ) : (
              `${state.total.toLocaleString()} ${state.total === 1 ? 'article' : 'articles'}`
            )}
          </p>
          <SearchResults
            id={listId}
            hits={state.hits}
            total={state.total}
            activeIndex={activeIndex}
            isStale={state.isPending}
            onActivate={setActiveIndex}
            onOpen={onOpen}
            onLoadMore={loadMore}
            onEscape={() => field.current?.focus()}
          />
        </>
      ) : (
        children
      )}
    </>
  );
}
