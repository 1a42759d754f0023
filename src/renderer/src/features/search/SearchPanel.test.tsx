// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Input, Output, SearchHitInfo, WorkbenchEvent } from '../../../../shared/api.ts';
import type { Result } from '../../../../shared/result.ts';
import type { Client } from '../../api/client.ts';
import { renderWithServices } from '../../testing/renderWithServices.tsx';
import { SearchPanel } from './SearchPanel.tsx';

afterEach(cleanup);

// jsdom lays nothing out; the virtualised list needs a viewport height to render rows into.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
});
afterAll(() => {
  if (clientHeight !== undefined) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
});

/** The UTF-16 range of `part` in `text`, as the index reports it. */
function rangeOf(text: string, part: string): { start: number; end: number } {
  const start = text.indexOf(part);
  return { start, end: start + part.length };
}

type Search = (input: Input<'search:query'>) => Promise<Result<Output<'search:query'>>>;

/** A client whose search:query answers through `search`, and whose events the test sends. */
function searchClient(search: Search) {
  const listeners = new Set<(event: WorkbenchEvent) => void>();
  const call = vi.fn((channel: string, input: unknown) => {
    if (channel === 'search:query') return search(input as Input<'search:query'>);
    return Promise.resolve({ ok: true as const, value: {} });
  });
  const client = {
    shell: 'web',
    call,
    subscribe: (listener: (event: WorkbenchEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    importFiles: vi.fn(),
    prepareForUnload: () => undefined,
  } as unknown as Client;
  const emit = (event: WorkbenchEvent) => {
    for (const listener of listeners) listener(event);
  };
  return { client, call, emit };
}

function hit(articleId: string, title: string, matches: SearchHitInfo['matches']): SearchHitInfo {
  return {
    articleId,
    title,
    outlet: 'Press TV',
    language: 'fr',
    date: '2023-11-01',
    score: 1,
    matches,
    matchCount: matches.length,
  };
}

const ASSAD = hit('a1', 'Syrie: attaque contre les bases', [
  {
    field: 'original',
    blockId: 'b17',
    snippet: '…ont secoué la base d’Aïn al-Assad (province d’al-Anbar)…',
    highlights: [rangeOf('…ont secoué la base d’Aïn al-Assad (province d’al-Anbar)…', 'Aïn al-Assad')],
  },
  { field: 'note', blockId: 'b3', snippet: 'Ain al-Assad again', highlights: [{ start: 0, end: 12 }] },
]);
const MEMO = hit('a2', 'Irak: frappes', [
  {
    field: 'memo',
    blockId: null,
    snippet: 'Ain al-Assad is the main base',
    highlights: [{ start: 0, end: 12 }],
  },
]);

function answer(hits: SearchHitInfo[], query = 'ain al-assad'): Promise<Result<Output<'search:query'>>> {
  return Promise.resolve({ ok: true, value: { query, hits, total: hits.length } });
}

function renderPanel(search: Search, filters = {}) {
  const services = searchClient(search);
  const onOpen = vi.fn();
  renderWithServices(
    <SearchPanel filters={filters} onOpen={onOpen} controls={<button type="button">Other control</button>}>
      <p>The library list</p>
    </SearchPanel>,
    { client: services.client },
  );
  const field = screen.getByRole('combobox', { name: 'Search library' });
  return { ...services, onOpen, field };
}

describe('SearchPanel', () => {
  it('shows the library until a query is typed, then the hits with their count, meta and snippets', async () => {
    const { field, call } = renderPanel(() => answer([ASSAD, MEMO]));
    expect(screen.getByText('The library list')).toBeInTheDocument();
    fireEvent.change(field, { target: { value: 'ain al-assad' } });
    await screen.findByRole('option', { name: 'Irak: frappes' });
    const results = screen.getByRole('listbox', { name: 'Search results' });
    expect(screen.queryByText('The library list')).toBeNull();
    expect(screen.getByText('2 articles')).toBeInTheDocument();
    const options = within(results).getAllByRole('option');
    expect(options).toHaveLength(2);
    expect(options[0]).toHaveAccessibleName('Syrie: attaque contre les bases');
    expect(options[0]).toHaveTextContent('Press TV');
    expect(options[0]).toHaveTextContent('Original');
    expect(options[1]).toHaveTextContent('Memo');
    expect(call).toHaveBeenCalledWith('search:query', { query: 'ain al-assad', filters: {}, limit: 100 });
  });

  it('marks the hits in a snippet as text, never as markup', async () => {
    const hostile = hit('a3', 'Hostile', [
      {
        field: 'original',
        blockId: 'b1',
        snippet: 'x <img src=x onerror=alert(1)> <b>Assad</b> y',
        highlights: [rangeOf('x <img src=x onerror=alert(1)> <b>Assad</b> y', 'Assad')],
      },
    ]);
    const { field } = renderPanel(() => answer([hostile]));
    fireEvent.change(field, { target: { value: 'assad' } });
    await screen.findByRole('option', { name: 'Hostile' });
    const results = screen.getByRole('listbox', { name: 'Search results' });
    const marks = results.querySelectorAll('mark');
    expect([...marks].map((mark) => mark.textContent)).toEqual(['Assad']);
    expect(results.querySelector('img, b')).toBeNull();
    expect(within(results).getByText(/<img src=x onerror=alert\(1\)>/u)).toBeInTheDocument();
  });

  it('waits for typing to pause and shows only the answer to the latest query', async () => {
    let resolveFirst: (value: Result<Output<'search:query'>>) => void = () => undefined;
    const search = vi.fn<Search>((input) =>
      input.query === 'ain'
        ? new Promise((resolve) => {
            resolveFirst = resolve;
          })
        : answer([MEMO], input.query),
    );
    const { field } = renderPanel(search);
    fireEvent.change(field, { target: { value: 'a' } });
    fireEvent.change(field, { target: { value: 'ai' } });
    fireEvent.change(field, { target: { value: 'ain' } });
    await waitFor(() => {
      expect(search).toHaveBeenCalledTimes(1);
    });
    expect(search.mock.calls[0]?.[0].query).toBe('ain');
    fireEvent.change(field, { target: { value: 'ain al' } });
    await screen.findByRole('option', { name: 'Irak: frappes' });
    // The slow answer to the earlier query arrives last and is dropped.
    await act(async () => {
      resolveFirst({ ok: true, value: { query: 'ain', hits: [ASSAD], total: 1 } });
      await Promise.resolve();
    });
    expect(screen.queryByRole('option', { name: 'Syrie: attaque contre les bases' })).toBeNull();
    expect(screen.getAllByRole('option')).toHaveLength(1);
  });

  it('moves through the hits with the arrow keys and opens one with Enter at its block or memo', async () => {
    const { field, onOpen } = renderPanel(() => answer([ASSAD, MEMO]));
    fireEvent.change(field, { target: { value: 'ain al-assad' } });
    const first = await screen.findByRole('option', { name: 'Syrie: attaque contre les bases' });
    expect(first).toHaveAttribute('aria-selected', 'true');
    expect(field).toHaveAttribute('aria-activedescendant', first.id);
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    const second = screen.getByRole('option', { name: 'Irak: frappes' });
    expect(second).toHaveAttribute('aria-selected', 'true');
    expect(field).toHaveAttribute('aria-activedescendant', second.id);
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    expect(second).toHaveAttribute('aria-selected', 'true');
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onOpen).toHaveBeenLastCalledWith('a2', MEMO.matches[0]);
    fireEvent.keyDown(field, { key: 'ArrowUp' });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(onOpen).toHaveBeenLastCalledWith('a1', ASSAD.matches[0]);
    // A click on one snippet opens the article at that match.
    fireEvent.click(within(first).getByText('again'));
    expect(onOpen).toHaveBeenLastCalledWith('a1', ASSAD.matches[1]);
  });

  it('Escape clears the search and gives the focus back; Ctrl+K and the Find command reach the field', async () => {
    const { field, emit } = renderPanel(() => answer([ASSAD]));
    const other = screen.getByRole('button', { name: 'Other control' });
    other.focus();
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    expect(field).toHaveFocus();
    fireEvent.change(field, { target: { value: 'assad' } });
    await screen.findByRole('listbox', { name: 'Search results' });
    fireEvent.keyDown(field, { key: 'Escape' });
    expect(field).toHaveValue('');
    expect(screen.getByText('The library list')).toBeInTheDocument();
    expect(other).toHaveFocus();
    act(() => {
      emit({ name: 'app:command', payload: { command: 'find' } });
    });
    expect(field).toHaveFocus();
    other.focus();
    fireEvent.keyDown(window, { key: 'F', metaKey: true });
    expect(field).toHaveFocus();
  });

  it('passes the filters, says calmly when nothing is found, and shows an error as it reads', async () => {
    const search = vi.fn<Search>((input) =>
      input.query === 'broken'
        ? Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'The index is damaged.' } })
        : answer([], input.query),
    );
    const { field } = renderPanel(search, { tag: 'Syria', hasNotes: true });
    fireEvent.change(field, { target: { value: 'zzz' } });
    expect(await screen.findByText('Nothing found for “zzz”.')).toBeInTheDocument();
    expect(search).toHaveBeenLastCalledWith({
      query: 'zzz',
      filters: { tag: 'Syria', hasNotes: true },
      limit: 100,
    });
    fireEvent.change(field, { target: { value: 'broken' } });
    expect(await screen.findByText('Search failed: The index is damaged.')).toBeInTheDocument();
  });

  it('runs the open search again when the library changes', async () => {
    const search = vi.fn<Search>(() => answer([ASSAD]));
    const { field, emit } = renderPanel(search);
    fireEvent.change(field, { target: { value: 'assad' } });
    await screen.findByRole('option', { name: 'Syrie: attaque contre les bases' });
    expect(search).toHaveBeenCalledTimes(1);
    act(() => {
      emit({ name: 'library:changed', payload: { kind: 'notes-saved', id: 'a1' } });
    });
    await waitFor(() => {
      expect(search).toHaveBeenCalledTimes(2);
    });
  });
});
