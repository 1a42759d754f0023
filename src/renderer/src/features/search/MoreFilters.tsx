import type { LibraryView } from '../../../../shared/arrangeEntries.ts';
import './search.css';

type Values = Pick<LibraryView, 'from' | 'to' | 'hasNotes' | 'hasMemo'>;

type Props = Values & { onChange: (change: Values) => void };

/**
 * The filters used less often, folded away until wanted: a publication date range and whether the
 * analyst has worked on the article. The summary counts those set, so a narrowed list never surprises.
 */
export function MoreFilters({ from = '', to = '', hasNotes = false, hasMemo = false, onChange }: Props) {
  const count = [from !== '', to !== '', hasNotes, hasMemo].filter(Boolean).length;
  return (
    <details className="more-filters" open={count > 0 ? true : undefined}>
      <summary>More filters{count > 0 ? ` (${String(count)})` : ''}</summary>
      <div className="more-filters__body">
        <label htmlFor="filter-from">From</label>
        <input
          id="filter-from"
          type="date"
          aria-label="Published from"
          value={from}
          max={to === '' ? undefined : to}
          onChange={(event) => {
            onChange({ from: event.target.value });
          }}
        />
        <label htmlFor="filter-to">To</label>
        <input
          id="filter-to"
          type="date"
          aria-label="Published until"
          value={to}
          min={from === '' ? undefined : from}
          onChange={(event) => {
            onChange({ to: event.target.value });
          }}
        />
        <span className="more-filters__checks">
          <label>
            <input
              type="checkbox"
              checked={hasNotes}
              onChange={(event) => {
                onChange({ hasNotes: event.target.checked });
              }}
            />{' '}
            Has notes
          </label>
          <label>
            <input
              type="checkbox"
              checked={hasMemo}
              onChange={(event) => {
                onChange({ hasMemo: event.target.checked });
              }}
            />{' '}
            Has memo
          </label>
        </span>
        {count > 0 && (
          <button
            type="button"
            className="button button--quiet button--small more-filters__clear"
            onClick={() => {
              onChange({ from: '', to: '', hasNotes: false, hasMemo: false });
            }}
          >
            Clear these filters
          </button>
        )}
      </div>
    </details>
  );
}
