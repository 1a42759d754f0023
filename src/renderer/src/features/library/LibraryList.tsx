import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { LibraryRow } from '../../../../shared/article.ts';
import { formatDate } from '../../ui/formatDate.ts';
import { LanguageBadge } from '../../ui/LanguageBadge.tsx';
import { TagChips } from '../tags/TagChips.tsx';
import type { SelectionControls } from './useSelection.ts';
import './libraryList.css';

const ROW_HEIGHT = 58;

type Props = {
  entries: readonly LibraryRow[];
  /**
   * How many rows the list has when `entries` holds only its first ones (the library's first rows
   * at start-up): the rest show as placeholders, and what needs every row (Select all, a Shift
   * range) waits until they are in.
   */
  size?: number;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** The multi-selection (Ctrl/Cmd-click, Shift-click, Ctrl/Cmd+A); without it the list selects the open article only. */
  selection?: SelectionControls;
  /** Delete key: move the selected articles to the trash. */
  onDeleteSelected?: () => void;
};

function optionId(id: string): string {
  return `library-entry-${id}`;
}

/**
 * The library as a listbox: only the rows in view are in the DOM (10,000 articles stay instant),
 * the selection moves with the arrow keys, and each row says what a screen reader needs in its name.
 */
export function LibraryList({ entries, size = 0, selectedId, onSelect, selection, onDeleteSelected }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const rowCount = Math.max(size, entries.length);
  const isPartial = rowCount > entries.length;
  // TanStack Virtual returns fresh functions each render; the React Compiler skips this component, as it should.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // The list is never taller than the window: its first render already holds the rows in view (a
    // few more at most), so that the page is laid out once with them. Without it the list rendered
    // no rows until it had measured itself, and the rows it added then made the browser lay out
    // the window a second time before its first paint.
    initialRect: { width: 0, height: window.innerHeight },
  });
  // The keyboard's row: where Shift+arrows got to, else the open article.
  const leadId = selection?.lead ?? selectedId;
  const selectedIndex = entries.findIndex((entry) => entry.id === leadId);
  const order = () => entries.map((entry) => entry.id);
  const isSelected = (id: string) =>
    selection === undefined || selection.ids.size === 0 ? id === selectedId : selection.ids.has(id);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const move = (event: KeyboardEvent) => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === 'a' && selection !== undefined) {
      event.preventDefault();
      if (!isPartial) selection.selectAll(order());
      return;
    }
    if (event.key === 'Delete' && onDeleteSelected !== undefined) {
      event.preventDefault();
      onDeleteSelected();
      return;
    }
    if (event.key === 'Escape' && selection !== undefined) {
      selection.reset(selectedId);
      return;
    }
    if (event.key === ' ' && mod && selection !== undefined && leadId !== null) {
      event.preventDefault();
      selection.pick(order(), leadId, { toggle: true }, selectedId);
      return;
    }
    if ((event.key === 'Enter' || event.key === ' ') && leadId !== null) {
      event.preventDefault();
      onSelect(leadId);
      return;
    }
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
    if (entry === undefined) return;
    if (event.shiftKey && selection !== undefined) {
      if (!isPartial) selection.pick(order(), entry.id, { range: true }, selectedId);
    } else onSelect(entry.id);
  };

  return (
    <div
      ref={scroller}
      className="library-list"
      role="listbox"
      aria-label="Library"
      aria-multiselectable={selection !== undefined}
      tabIndex={0}
      aria-activedescendant={selectedIndex >= 0 && leadId !== null ? optionId(leadId) : undefined}
      onKeyDown={move}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const entry = entries[row.index];
          if (entry === undefined)
            return (
              <div
                key={`placeholder-${String(row.index)}`}
                role="option"
                aria-selected={false}
                aria-disabled={true}
                aria-setsize={rowCount}
                aria-posinset={row.index + 1}
                className="library-row is-placeholder"
                style={{ transform: `translateY(${String(row.start)}px)`, height: ROW_HEIGHT }}
              >
                <span className="library-row__title">Loading…</span>
              </div>
            );
          const isCurrent = entry.id === selectedId;
          return (
            <div
              key={entry.id}
              id={optionId(entry.id)}
              role="option"
              aria-selected={isSelected(entry.id)}
              aria-current={isCurrent ? 'true' : undefined}
              aria-setsize={rowCount}
              aria-posinset={row.index + 1}
              className={`library-row${isSelected(entry.id) ? ' is-selected' : ''}${isCurrent ? ' is-current' : ''}${entry.id === leadId ? ' is-lead' : ''}${entry.damaged === null ? '' : ' is-damaged'}`}
              style={{ transform: `translateY(${String(row.start)}px)`, height: ROW_HEIGHT }}
              onMouseDown={(event) => {
                // Shift-click selects rows, not the text between them.
                if (event.shiftKey) event.preventDefault();
              }}
              onClick={(event) => {
                const toggle = event.ctrlKey || event.metaKey;
                if (selection !== undefined && (toggle || event.shiftKey)) {
                  // A range needs the whole list's order: until it is in, Shift-click does nothing.
                  if (!event.shiftKey || !isPartial)
                    selection.pick(order(), entry.id, { toggle, range: event.shiftKey }, selectedId);
                } else onSelect(entry.id);
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
                    <TagChips tags={entry.tags} />
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
                  <span className="library-row__title" dir="auto">
                    <span className="damaged-badge">Damaged</span> {entry.title ?? entry.originalFileName}
                  </span>
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
