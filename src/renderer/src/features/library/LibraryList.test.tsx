// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LibraryRow } from '../../../../shared/article.ts';
import { LibraryList } from './LibraryList.tsx';
import { pickInSelection, useSelection, EMPTY_SELECTION, type SelectionControls } from './useSelection.ts';

afterEach(cleanup);

// jsdom lays nothing out; the virtualiser needs a viewport to render rows into.
beforeAll(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(300);
});

function entry(id: string, title: string, damaged: string | null = null): LibraryRow {
  return {
    id,
    title,
    outlet: 'Press TV',
    language: 'fr',
    publishedAt: '2023-11-01',
    importedAt: '2023-11-02T10:00:00.000Z',
    originalFileName: `${id}.txt`,
    tags: [],
    hasNotes: false,
    hasMemo: false,
    damaged,
  };
}

const ENTRIES = ['a', 'b', 'c', 'd', 'e'].map((letter) =>
  entry(`${letter}${letter}${letter}111`, `Article ${letter.toUpperCase()}`),
);

function Harness({ onDelete }: { onDelete: (ids: string[]) => void }) {
  const selection = useSelection();
  const [current, setCurrent] = useState<string | null>(null);
  return (
    <LibraryList
      entries={ENTRIES}
      selectedId={current}
      onSelect={(id) => {
        setCurrent(id);
        selection.reset(id);
      }}
      selection={selection}
      onDeleteSelected={() => {
        onDelete([...selection.ids]);
      }}
    />
  );
}

function selectedNames(): string[] {
  return within(screen.getByRole('listbox', { name: 'Library' }))
    .getAllByRole('option', { selected: true })
    .map((option) => option.textContent.replace(/fr.*$/u, '').trim());
}

describe('pickInSelection', () => {
  const order = ['a', 'b', 'c', 'd'];
  it('selects one, toggles with Ctrl/Cmd, and selects ranges from the anchor with Shift', () => {
    let selection = pickInSelection(EMPTY_SELECTION, order, 'b', {});
    expect([...selection.ids]).toEqual(['b']);
    selection = pickInSelection(selection, order, 'd', { toggle: true });
    expect([...selection.ids].sort()).toEqual(['b', 'd']);
    selection = pickInSelection(selection, order, 'b', { toggle: true });
    expect([...selection.ids]).toEqual(['d']);
    // The last Ctrl/Cmd pick (b) is the anchor of the next Shift pick.
    selection = pickInSelection(selection, order, 'd', { range: true });
    expect([...selection.ids].sort()).toEqual(['b', 'c', 'd']);
    expect(selection.anchor).toBe('b');
    selection = pickInSelection(pickInSelection(EMPTY_SELECTION, order, 'a', {}), order, 'c', {
      range: true,
      toggle: true,
    });
    expect([...selection.ids].sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('LibraryList multi-selection', () => {
  it('is a multi-selectable listbox: a click opens one, Ctrl/Cmd-click and Shift-click add without opening', () => {
    render(<Harness onDelete={vi.fn()} />);
    const list = screen.getByRole('listbox', { name: 'Library' });
    expect(list).toHaveAttribute('aria-multiselectable', 'true');
    fireEvent.click(within(list).getByRole('option', { name: /Article B/u }));
    expect(selectedNames()).toEqual(['Article B']);
    expect(within(list).getByRole('option', { name: /Article B/u })).toHaveAttribute('aria-current', 'true');

    fireEvent.click(within(list).getByRole('option', { name: /Article D/u }), { ctrlKey: true });
    expect(selectedNames()).toEqual(['Article B', 'Article D']);
    // The open article stays the one that was clicked plainly.
    expect(within(list).getByRole('option', { name: /Article B/u })).toHaveAttribute('aria-current', 'true');
    expect(within(list).getByRole('option', { name: /Article D/u })).not.toHaveAttribute('aria-current');

    fireEvent.click(within(list).getByRole('option', { name: /Article E/u }), { shiftKey: true });
    expect(selectedNames()).toEqual(['Article D', 'Article E']);

    fireEvent.click(within(list).getByRole('option', { name: /Article A/u }), { metaKey: true });
    expect(selectedNames()).toEqual(['Article A', 'Article D', 'Article E']);
  });

  it('selects all with Ctrl/Cmd+A, extends with Shift+arrows, and deletes the selection with Delete', () => {
    const onDelete = vi.fn();
    render(<Harness onDelete={onDelete} />);
    const list = screen.getByRole('listbox', { name: 'Library' });
    fireEvent.click(within(list).getByRole('option', { name: /Article A/u }));
    fireEvent.keyDown(list, { key: 'ArrowDown', shiftKey: true });
    fireEvent.keyDown(list, { key: 'ArrowDown', shiftKey: true });
    expect(selectedNames()).toEqual(['Article A', 'Article B', 'Article C']);
    fireEvent.keyDown(list, { key: 'Delete' });
    expect(onDelete).toHaveBeenCalledWith(['aaa111', 'bbb111', 'ccc111']);

    fireEvent.keyDown(list, { key: 'a', ctrlKey: true });
    expect(selectedNames()).toHaveLength(5);
    fireEvent.keyDown(list, { key: 'Escape' });
    expect(selectedNames()).toEqual(['Article A']);
    // A plain arrow opens the next article and selects it alone.
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(selectedNames()).toEqual(['Article B']);
    expect(within(list).getByRole('option', { name: /Article B/u })).toHaveAttribute('aria-current', 'true');
  });

  it('waits for the whole list before Select all or a Shift range, while only its first rows are in', () => {
    const selection = { selectAll: vi.fn(), pick: vi.fn(), reset: vi.fn() };
    render(
      <LibraryList
        entries={ENTRIES.slice(0, 2)}
        size={5}
        selectedId={ENTRIES[0]!.id}
        onSelect={vi.fn()}
        selection={{ ...selection, ids: new Set(), lead: null } as unknown as SelectionControls}
      />,
    );
    const list = screen.getByRole('listbox', { name: 'Library' });
    expect(within(list).getAllByRole('option', { name: 'Loading…' })).toHaveLength(3);
    expect(within(list).getByRole('option', { name: /Article B/u })).toHaveAttribute('aria-setsize', '5');
    fireEvent.keyDown(list, { key: 'a', ctrlKey: true });
    fireEvent.click(within(list).getByRole('option', { name: /Article B/u }), { shiftKey: true });
    fireEvent.keyDown(list, { key: 'ArrowDown', shiftKey: true });
    expect(selection.selectAll).not.toHaveBeenCalled();
    expect(selection.pick).not.toHaveBeenCalled();
    // A Ctrl/Cmd pick needs no order: it works at once.
    fireEvent.click(within(list).getByRole('option', { name: /Article B/u }), { ctrlKey: true });
    expect(selection.pick).toHaveBeenCalledTimes(1);
  });

  it('lists a damaged article as damaged, with the reason', () => {
    render(
      <LibraryList
        entries={[entry('fff111', 'Broken', 'article.json: not valid JSON (articles/fff111/article.json)')]}
        selectedId={null}
        onSelect={vi.fn()}
      />,
    );
    const option = screen.getByRole('option', { name: /Damaged/u });
    expect(option).toHaveTextContent('Broken');
    expect(option).toHaveTextContent('article.json: not valid JSON');
    expect(option).toHaveClass('is-damaged');
  });
});
