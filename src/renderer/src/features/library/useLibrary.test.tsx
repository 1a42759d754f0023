// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallResult, Output } from '../../../../shared/api.ts';
import type { LibraryRow } from '../../../../shared/article.ts';
import type { PrefetchedList } from '../../boot.ts';
import { fakeClient, renderWithServices } from '../../testing/renderWithServices.tsx';
import { LibraryPane } from './LibraryPane.tsx';
import { useLibrary } from './useLibrary.ts';

/** What start-up asked for; each test sets it before rendering, and useLibrary takes it once. */
const boot = vi.hoisted(() => ({
  prefetched: null as PrefetchedList | null,
  arrived: null as Output<'library:list'> | null,
}));
vi.mock('../../boot.ts', () => ({
  arrivedFirstRows: () => boot.arrived,
  takePrefetchedList: () => {
    const taken = boot.prefetched;
    boot.prefetched = null;
    return taken;
  },
}));

afterEach(() => {
  cleanup();
  boot.arrived = null;
});

// jsdom lays nothing out; the virtualiser needs a viewport to render rows into.
beforeAll(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(300);
});

function entry(index: number): LibraryRow {
  return {
    id: `a${String(index).padStart(11, '0')}`,
    title: `Article ${String(index)}`,
    outlet: 'Press TV',
    language: 'fr',
    publishedAt: `2023-11-${String(28 - index).padStart(2, '0')}`,
    importedAt: '2023-11-02T10:00:00.000Z',
    originalFileName: `${String(index)}.txt`,
    tags: [],
    hasNotes: false,
    hasMemo: false,
    damaged: null,
  };
}

/** The whole library, newest first, and its first two rows as the shell answers `first: 2`. */
const ALL = [1, 2, 3, 4, 5].map(entry);
const FIRST_ROWS: Output<'library:list'> = {
  dir: '/library',
  entries: ALL.slice(0, 2),
  total: 5,
  complete: false,
};
const FIRST: CallResult<'library:list'> = { ok: true, value: FIRST_ROWS };
const WHOLE: CallResult<'library:list'> = {
  ok: true,
  // In the library's own order, not the list's: the window arranges the whole list itself.
  value: { dir: '/library', entries: [...ALL].reverse(), total: 5, complete: true },
};

function Window() {
  const library = useLibrary();
  return (
    <LibraryPane
      entries={library.entries}
      isComplete={library.isComplete}
      total={library.total}
      loadError={library.error}
      onRetryLoad={library.reload}
      selectedId={null}
      onSelect={vi.fn()}
      importControls={null}
    />
  );
}

function setUp(first: CallResult<'library:list'> = FIRST) {
  const { client, call } = fakeClient();
  // The fake answers {} to everything; the collections filter needs a list.
  call.mockImplementation((channel: string) =>
    Promise.resolve({
      ok: true as const,
      value: (channel === 'collections:list'
        ? { collections: [] }
        : channel === 'library:list' && WHOLE.ok
          ? WHOLE.value
          : {}) as never,
    }),
  );
  let answerWhole: (result: CallResult<'library:list'>) => void = () => undefined;
  // How many rows were on screen when the whole list was let through.
  const release = vi.fn(() => shownTitles().length);
  boot.prefetched = {
    first: Promise.resolve(first),
    full: new Promise((resolve) => {
      answerWhole = resolve;
    }),
    release,
  };
  renderWithServices(<Window />, { client });
  return {
    call,
    release,
    answerWhole: (result: CallResult<'library:list'>) => {
      answerWhole(result);
    },
  };
}

function shownTitles(): string[] {
  return within(screen.getByRole('listbox', { name: 'Library' }))
    .queryAllByRole('option')
    .filter((option) => option.getAttribute('aria-disabled') !== 'true')
    .map((option) => option.querySelector('.library-row__title')?.textContent ?? '');
}

describe('useLibrary at start-up', () => {
  it('shows the first rows with the library’s size, then the whole list once it arrives', async () => {
    const { answerWhole } = setUp();
    expect(await screen.findByRole('option', { name: /Article 1/u })).toHaveAttribute('aria-setsize', '5');
    expect(shownTitles()).toEqual(['Article 1', 'Article 2']);
    expect(screen.getByRole('heading', { name: /Library/u })).toHaveTextContent('5');
    // The rows not yet in hold their places.
    expect(screen.getAllByRole('option', { name: 'Loading…' })).toHaveLength(3);

    act(() => {
      answerWhole(WHOLE);
    });
    await vi.waitFor(() => {
      expect(shownTitles()).toEqual(['Article 1', 'Article 2', 'Article 3', 'Article 4', 'Article 5']);
    });
    expect(screen.queryByRole('option', { name: 'Loading…' })).toBeNull();
  });

  it('lets the whole list be read only once the first rows are on screen', async () => {
    const { release } = setUp();
    await screen.findByRole('option', { name: /Article 1/u });
    await vi.waitFor(() => {
      expect(release).toHaveBeenCalledTimes(1);
    });
    expect(release.mock.results[0]?.value).toBe(2);
  });

  it('lets the whole list be read at once when the first rows fail', async () => {
    const { release } = setUp({ ok: false, error: { code: 'INTERNAL', message: 'gone' } });
    await vi.waitFor(() => {
      expect(release).toHaveBeenCalledTimes(1);
    });
    expect(release.mock.results[0]?.value).toBe(0);
  });

  it('shows first rows that arrived before the app in its first render', async () => {
    boot.arrived = FIRST_ROWS;
    const { answerWhole } = setUp();
    expect(shownTitles()).toEqual(['Article 1', 'Article 2']);
    act(() => {
      answerWhole(WHOLE);
    });
    await vi.waitFor(() => {
      expect(shownTitles()).toHaveLength(5);
    });
  });

  it('waits for the whole list before it sorts or filters', async () => {
    const { answerWhole } = setUp();
    await screen.findByRole('option', { name: /Article 1/u });
    fireEvent.change(screen.getByRole('combobox', { name: 'Sort by' }), { target: { value: 'title' } });
    expect(shownTitles()).toEqual([]);
    expect(screen.getByText('Loading the whole library…')).toBeInTheDocument();

    act(() => {
      answerWhole(WHOLE);
    });
    await vi.waitFor(() => {
      expect(shownTitles()).toEqual(['Article 1', 'Article 2', 'Article 3', 'Article 4', 'Article 5']);
    });
    expect(screen.queryByText('Loading the whole library…')).toBeNull();
  });

  it('keeps the first rows when the whole list fails, and asks for it again', async () => {
    const { answerWhole, call } = setUp();
    await screen.findByRole('option', { name: /Article 1/u });
    act(() => {
      answerWhole({ ok: false, error: { code: 'INTERNAL', message: 'gone' } });
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(shownTitles()).toEqual(['Article 1', 'Article 2']);
    expect(call.mock.calls.filter(([channel]) => channel === 'library:list')).toHaveLength(0);
    // The retry, a second later, gets the whole list.
    await vi.waitFor(
      () => {
        expect(shownTitles()).toHaveLength(5);
      },
      { timeout: 3_000 },
    );
    expect(call.mock.calls.filter(([channel]) => channel === 'library:list')).toHaveLength(1);
  });

  it('tells why the library could not be listed instead of inviting an import, and lists it on Try again', async () => {
    const failed = {
      ok: false as const,
      error: { code: 'READ_FAILED' as const, message: 'library.sqlite: disk I/O error' },
    };
    const { answerWhole, call } = setUp(failed);
    act(() => {
      answerWhole(failed);
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The library could not be listed. library.sqlite: disk I/O error');
    expect(screen.queryByText(/Drop article files here/u)).toBeNull();
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    // Asked again at once, not at the next automatic retry a second later.
    expect(call.mock.calls.filter(([channel]) => channel === 'library:list')).toHaveLength(1);
    await vi.waitFor(() => {
      expect(shownTitles()).toHaveLength(5);
    });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
