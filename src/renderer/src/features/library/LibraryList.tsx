import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { IndexEntry } from '../../../../shared/article.ts';
import { formatDate } from '../../ui/formatDate.ts';
import { LanguageBadge } from '../../ui/LanguageBadge.tsx';

const ROW_HEIGHT = 58;

type Props = {
  entries: readonly IndexEntry[];
  selectedId: string | null;
  onSelect: (id: string) => void;
};

function optionId(id: string): string {
  return `library-entry-${id}`;
}

/**
 * The library as a listbox: only the rows in view are in the DOM (10,000 articles stay instant),
 * the selection moves with the arrow keys, and each row says what a screen reader needs in its name.
 */
export function LibraryList({ entries, selectedId, onSelect }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns fresh functions each render; the React Compiler skips this component, as it should.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const selectedIndex = entries.findIndex((entry) => entry.id === selectedId);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const move = (event: KeyboardEvent) => {
    const last = entries.length - 1;
    const target = {
      ArrowDown: Math.min(last, selectedIndex + 1),
      ArrowUp: Math.max(0, selectedIndex - 1),
      Home: 0,
      End: last,
      PageDown: Math.min(last, selectedIndex + 10),
      PageUp: Math.max(0, selectedIndex - 10),
    }[event.key];
    if (target === undefined || last < 0) return;
    event.preventDefault();
    const entry = entries[target];
    if (entry) onSelect(entry.id);
  };

  return (
    <div
      ref={scroller}
      className="library-list"
      role="listbox"
      aria-label="Library"
      tabIndex={0}
      aria-activedescendant={selectedIndex >= 0 && selectedId !== null ? optionId(selectedId) : undefined}
      onKeyDown={move}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const entry = entries[row.index];
          if (entry === undefined) return null;
          const isSelected = entry.id === selectedId;
          return (
            <div
              key={entry.id}
              id={optionId(entry.id)}
              role="option"
              aria-selected={isSelected}
              aria-setsize={entries.length}
              aria-posinset={row.index + 1}
              className={`library-row${isSelected ? ' is-selected' : ''}${entry.damaged === null ? '' : ' is-damaged'}`}
              style={{ transform: `translateY(${String(row.start)}px)`, height: ROW_HEIGHT }}
              onClick={() => {
                onSelect(entry.id);
              }}
            >
              {entry.damaged === null ? (
                <>
                  <span className="library-row__title" dir="auto">
                    {entry.title ?? entry.originalFileName}
                  </span>
                  <span className="library-row__meta">
                    <LanguageBadge code={entry.language} />
                    {entry.outlet !== null && <span className="library-row__outlet">{entry.outlet}</span>}
                    <span className="library-row__date">
                      {formatDate(entry.publishedAt ?? entry.importedAt)}
                    </span>
                    <span className="library-row__markers">
                      {entry.hasNotes && (
                        <span
                          className="marker"
                          title="Has translation notes"
                          aria-label="has translation notes"
                        >
                          T
                        </span>
                      )}
                      {entry.hasMemo && (
                        <span className="marker" title="Has a memo" aria-label="has a memo">
                          M
                        </span>
                      )}
                    </span>
                  </span>
                </>
              ) : (
                <>
                  <span className="library-row__title">Damaged article {entry.id}</span>
                  <span className="library-row__damage" title={entry.damaged}>
                    {entry.damaged}
                  </span>
                </>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
