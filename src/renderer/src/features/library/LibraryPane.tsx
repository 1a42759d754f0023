import { useMemo, useState } from 'react';
import type { IndexEntry } from '../../../../shared/article.ts';
import {
  arrangeEntries,
  distinctValues,
  SORT_ORDERS,
  type LibraryView,
  type SortOrder,
} from './arrangeEntries.ts';
import { LibraryList } from './LibraryList.tsx';

const SORT_LABELS: Record<SortOrder, string> = {
  date: 'Date',
  title: 'Title',
  outlet: 'Outlet',
  imported: 'Imported',
};

type Props = {
  entries: readonly IndexEntry[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** The import button and the last batch's results, owned by the window. */
  importControls: React.ReactNode;
};

/** The left pane: find an article and open it. */
export function LibraryPane({ entries, selectedId, onSelect, importControls }: Props) {
  const [view, setView] = useState<LibraryView>({ sort: 'date', query: '', language: '', outlet: '' });
  const shown = useMemo(() => arrangeEntries(entries, view), [entries, view]);
  const languages = useMemo(() => distinctValues(entries, 'language'), [entries]);
  const outlets = useMemo(() => distinctValues(entries, 'outlet'), [entries]);
  const update = (change: Partial<LibraryView>) => {
    setView((previous) => ({ ...previous, ...change }));
  };

  return (
    <section className="pane library-pane" aria-labelledby="library-heading">
      <header className="pane-header">
        <h2 id="library-heading" className="pane-title">
          Library <span className="count">{entries.length}</span>
        </h2>
        {importControls}
      </header>
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
      </div>
      {entries.length === 0 ? (
        <p className="empty-hint">Drop article files here, or use Import files.</p>
      ) : shown.length === 0 ? (
        <p className="empty-hint">No title matches.</p>
      ) : null}
      <LibraryList entries={shown} selectedId={selectedId} onSelect={onSelect} />
    </section>
  );
}
