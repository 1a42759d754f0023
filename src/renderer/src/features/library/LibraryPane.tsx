import { useMemo, useState } from 'react';
import type { SearchMatchInfo } from '../../../../shared/api.ts';
import type { LibraryRow } from '../../../../shared/article.ts';
import type { ErrorInfo } from '../../../../shared/errors.ts';
import { describeError } from '../../ui/describeError.ts';
import { CollectionFilter } from '../collections/CollectionFilter.tsx';
import { useCollections } from '../collections/useCollections.ts';
import { MoreFilters } from '../search/MoreFilters.tsx';
import { SearchPanel } from '../search/SearchPanel.tsx';
import { searchFiltersOf } from '../search/searchFiltersOf.ts';
import { TagFilter } from '../tags/TagFilter.tsx';
import {
  arrangeEntries,
  DEFAULT_VIEW,
  distinctValues,
  SORT_ORDERS,
  type LibraryView,
  type SortOrder,
} from '../../../../shared/arrangeEntries.ts';
import { LibraryList } from './LibraryList.tsx';
import type { SelectionControls } from './useSelection.ts';

const SORT_LABELS: Record<SortOrder, string> = {
  date: 'Date',
  title: 'Title',
  outlet: 'Outlet',
  imported: 'Imported',
};

type Props = {
  /** Every article, or while `isComplete` is false the first rows of the default view, in order. */
  entries: readonly LibraryRow[];
  /** Whether `entries` is the whole library (the default); `total` counts it meanwhile. */
  isComplete?: boolean;
  total?: number;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Opens a search hit at its match (a block, the memo); without it a hit just opens its article. */
  onOpenMatch?: (articleId: string, match: SearchMatchInfo | null) => void;
  /** The import button and the last batch's results, owned by the window. */
  importControls: React.ReactNode;
  /** The multi-selection of the list, and what the Delete key does with it. */
  selection?: SelectionControls;
  onDeleteSelected?: () => void;
  /** Under the list: the selection's actions and the way to the trash. */
  footer?: React.ReactNode;
  /** Why the library could not be listed, if the last attempt failed; `onRetryLoad` asks again. */
  loadError?: ErrorInfo | null;
  onRetryLoad?: () => void;
};

/** Whether a view filters nothing and sorts newest first, as the first rows at start-up are arranged. */
function isDefaultView(view: LibraryView): boolean {
  return (
    view.sort === DEFAULT_VIEW.sort &&
    view.query.trim() === '' &&
    view.language === '' &&
    view.outlet === '' &&
    (view.tag ?? '') === '' &&
    (view.collection ?? '') === '' &&
    (view.from ?? '') === '' &&
    (view.to ?? '') === '' &&
    view.hasNotes !== true &&
    view.hasMemo !== true
  );
}

/** The left pane: find an article and open it. */
export function LibraryPane({
  entries,
  isComplete = true,
  total = entries.length,
  selectedId,
  onSelect,
  onOpenMatch,
  importControls,
  selection,
  onDeleteSelected,
  footer,
  loadError = null,
  onRetryLoad,
}: Props) {
  const [view, setView] = useState<LibraryView>(DEFAULT_VIEW);
  const { collections, reload: reloadCollections } = useCollections();
  // The first rows at start-up come arranged for the default view; another sort or a filter needs
  // every article, so it shows nothing until the whole list is in rather than a wrong part of it.
  const isWaiting = !isComplete && !isDefaultView(view);
  const shown = useMemo(
    () => (isComplete ? arrangeEntries(entries, view, collections) : isWaiting ? [] : entries),
    [entries, view, collections, isComplete, isWaiting],
  );
  const searchFilters = useMemo(() => searchFiltersOf(view, collections), [view, collections]);
  const languages = useMemo(() => distinctValues(entries, 'language'), [entries]);
  const outlets = useMemo(() => distinctValues(entries, 'outlet'), [entries]);
  const update = (change: Partial<LibraryView>) => {
    setView((previous) => ({ ...previous, ...change }));
  };

  return (
    <section className="pane library-pane" aria-labelledby="library-heading">
      <header className="pane-header">
        <h2 id="library-heading" className="pane-title">
          Library <span className="count">{total}</span>
        </h2>
        {importControls}
      </header>
      <SearchPanel
        filters={searchFilters}
        onOpen={
          onOpenMatch ??
          ((id) => {
            onSelect(id);
          })
        }
        controls={
          <div className="library-filters">
            <input
              type="search"
              className="filter-input"
              placeholder="Filter titles"
              aria-label="Filter titles"
              value={view.query}
              onChange={(event) => {
                update({ query: event.target.value });
              }}
            />
            <div className="filter-row">
              <select
                aria-label="Sort by"
                value={view.sort}
                onChange={(event) => {
                  update({ sort: event.target.value as SortOrder });
                }}
              >
                {SORT_ORDERS.map((order) => (
                  <option key={order} value={order}>
                    {SORT_LABELS[order]}
                  </option>
                ))}
              </select>
              <select
                aria-label="Language"
                value={view.language}
                onChange={(event) => {
                  update({ language: event.target.value });
                }}
              >
                <option value="">All languages</option>
                {languages.map((language) => (
                  <option key={language} value={language}>
                    {language}
                  </option>
                ))}
              </select>
              <select
                aria-label="Outlet"
                value={view.outlet}
                onChange={(event) => {
                  update({ outlet: event.target.value });
                }}
              >
                <option value="">All outlets</option>
                {outlets.map((outlet) => (
                  <option key={outlet} value={outlet}>
                    {outlet}
                  </option>
                ))}
              </select>
            </div>
            <div className="filter-row">
              <TagFilter
                entries={entries}
                value={view.tag ?? ''}
                onChange={(tag) => {
                  update({ tag });
                }}
              />
              <CollectionFilter
                collections={collections}
                value={view.collection ?? ''}
                onChange={(collection) => {
                  update({ collection });
                }}
                articleIds={
                  selection !== undefined && selection.ids.size > 0
                    ? [...selection.ids]
                    : selectedId === null
                      ? []
                      : [selectedId]
                }
                onChanged={reloadCollections}
              />
            </div>
            <MoreFilters
              from={view.from}
              to={view.to}
              hasNotes={view.hasNotes}
              hasMemo={view.hasMemo}
              onChange={update}
            />
          </div>
        }
      >
        {loadError !== null && (
          <div className="library-error inline-alert" role="alert">
            <p>The library could not be listed. {describeError(loadError)}</p>
            {onRetryLoad !== undefined && (
              <button type="button" onClick={onRetryLoad}>
                Try again
              </button>
            )}
          </div>
        )}
        {loadError !== null && (isWaiting || entries.length === 0) ? null : isWaiting ? (
          <p className="empty-hint">Loading the whole library…</p>
        ) : entries.length === 0 ? (
          <p className="empty-hint">Drop article files here, or use Import files.</p>
        ) : shown.length === 0 ? (
          <p className="empty-hint">No article matches these filters.</p>
        ) : null}
        <LibraryList
          entries={shown}
          size={isComplete ? shown.length : isWaiting ? 0 : total}
          selectedId={selectedId}
          onSelect={onSelect}
          selection={selection}
          onDeleteSelected={onDeleteSelected}
        />
      </SearchPanel>
      {footer}
    </section>
  );
}
