import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CallResult, Output } from '../../../../shared/api.ts';
import type { LibraryRow } from '../../../../shared/article.ts';
import type { ErrorInfo } from '../../../../shared/errors.ts';
import { useServices } from '../../api/ServicesProvider.tsx';
import { arrivedFirstRows, takePrefetchedList } from '../../boot.ts';
import { afterNextPaint } from '../../ui/afterNextPaint.ts';

export type LibraryState = {
  dir: string | null;
  /**
   * Every article; while `isComplete` is false, only the first rows of the list's default view
   * (DEFAULT_VIEW), which the window shows at start-up before the whole list has arrived.
   */
  entries: LibraryRow[];
  /** How many articles the library holds, already known while only the first rows are in. */
  total: number;
  /**
   * Whether `entries` is the whole library. Whatever needs every article (filters, Select all, a
   * Shift range, forgetting an article that is no longer there) waits for it.
   */
  isComplete: boolean;
  isLoading: boolean;
  error: ErrorInfo | null;
};

/** The first rows of the default view, shown while the whole list is on its way. */
function firstRowsState(first: Output<'library:list'>): LibraryState {
  return {
    dir: first.dir,
    entries: first.entries,
    total: first.total,
    isComplete: false,
    isLoading: false,
    error: null,
  };
}

function loadingState(dir: string | null): LibraryState {
  return { dir, entries: [], total: 0, isComplete: false, isLoading: true, error: null };
}

/** Longest wait for a paint: a hidden window paints nothing, and the list must not wait for it. */
const PAINT_FALLBACK_MS = 500;

/**
 * Runs `task` once the page has painted what is rendered now. Rendering the whole list of 10,000
 * articles takes a few hundred milliseconds of the main thread; started before the first rows are
 * on screen, it would hold them back by as much.
 */
function afterPaint(task: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    task();
  };
  // Called as React commits the first rows: the frame after this task paints them.
  setTimeout(() => {
    if (document.visibilityState === 'hidden') once();
    else afterNextPaint(once);
  }, 0);
  setTimeout(once, PAINT_FALLBACK_MS);
}

/** How many times a whole list that failed to come is asked for again (after 1, 2, 4, 8 and 16 s). */
const WHOLE_LIST_RETRIES = 5;

/** A burst of changes (a batch import adds hundreds of articles) reloads the list once. */
const REFRESH_DELAY_MS = 250;

/**
 * Whether a save changes nothing the list shows: an autosave of a memo or notes that the row already
 * marks. Autosave fires about once a second while the analyst types, and reloading 10,000 entries
 * (several MB of JSON) each time made typing stutter. A memo or notes emptied entirely keep their
 * marker until the next reload.
 */
function isMarkerAlreadyShown(entries: readonly LibraryRow[], change: { kind: string; id: string }): boolean {
  if (change.kind !== 'memo-saved' && change.kind !== 'notes-saved') return false;
  const entry = entries.find((candidate) => candidate.id === change.id);
  return entry !== undefined && (change.kind === 'memo-saved' ? entry.hasMemo : entry.hasNotes);
}

/** The library's index, kept current with the shell's library:changed events. */
export function useLibrary(): LibraryState & { reload: () => void } {
  const { client } = useServices();
  /** The first rows the state began with, when they arrived before the first render. */
  const [shownAtStart] = useState(() => arrivedFirstRows(client));
  const [state, setState] = useState<LibraryState>(() =>
    shownAtStart === null ? loadingState(null) : firstRowsState(shownAtStart),
  );
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const shown = useRef(state.entries);
  useEffect(() => {
    shown.current = state.entries;
  });

  /** The latest list asked for: an answer to an older request (before a library switch, say) is dropped. */
  const latest = useRef(0);
  /** Called once the first rows asked for at start-up are in the page. */
  const onFirstRowsCommitted = useRef<(() => void) | null>(null);
  useLayoutEffect(() => {
    const committed = onFirstRowsCommitted.current;
    if (committed === null || state.isComplete || state.isLoading) return;
    onFirstRowsCommitted.current = null;
    committed();
  }, [state]);
  const failedWholeLists = useRef(0);
  /** `reload`, for the retry of a failed whole list (it cannot name itself). */
  const retry = useRef<(() => void) | null>(null);
  const reload = useCallback(() => {
    const request = ++latest.current;
    const showWhole = (result: CallResult<'library:list'>) => {
      if (request !== latest.current) return;
      setState(
        result.ok
          ? {
              dir: result.value.dir,
              entries: result.value.entries,
              total: result.value.total,
              isComplete: result.value.complete,
              isLoading: false,
              error: null,
            }
          : (previous) => ({ ...previous, isLoading: false, error: result.error }),
      );
      if (result.ok) failedWholeLists.current = 0;
      else if (failedWholeLists.current < WHOLE_LIST_RETRIES) {
        // Only the first rows may be on screen, and filters, sorts and Select all wait for the
        // whole list: a failed answer is asked for again rather than left waiting for a change.
        const delay = 1_000 * 2 ** failedWholeLists.current;
        failedWholeLists.current += 1;
        setTimeout(() => {
          if (request === latest.current) retry.current?.();
        }, delay);
      }
    };
    const prefetched = takePrefetchedList(client);
    if (prefetched === null) {
      void client.call('library:list', {}).then(showWhole);
      return;
    }
    // At start-up, the first rows show as soon as they arrive; the whole list replaces them once
    // they are painted, which is only certain once React has put them in the page (the layout
    // effect above): the whole list can arrive before that. A failed first request shows nothing:
    // the whole list's answer tells.
    let isFirstShown = false;
    let isFirstCommitted = false;
    let whole: CallResult<'library:list'> | null = null;
    const showWholeAfterPaint = (result: CallResult<'library:list'>) => {
      afterPaint(() => {
        showWhole(result);
      });
    };
    void prefetched.first.then((result) => {
      if (request !== latest.current || !result.ok || result.value.complete) {
        // No first rows to paint: the whole list is read as soon as it is in.
        prefetched.release();
        return;
      }
      isFirstShown = true;
      const onCommitted = () => {
        isFirstCommitted = true;
        if (whole !== null) showWholeAfterPaint(whole);
        // The whole list, asked for at start-up, is read once the first rows are on screen.
        afterPaint(prefetched.release);
      };
      // Rows the first render already showed are in the page: this runs after it, in an effect.
      if (result.value === shownAtStart) {
        onCommitted();
        return;
      }
      onFirstRowsCommitted.current = onCommitted;
      setState(firstRowsState(result.value));
    });
    void prefetched.full.then((result) => {
      if (!isFirstShown) showWhole(result);
      else if (isFirstCommitted) showWholeAfterPaint(result);
      else whole = result;
    });
  }, [client, shownAtStart]);

  useEffect(() => {
    retry.current = reload;
  }, [reload]);

  useEffect(() => {
    reload();
    const stop = client.subscribe((event) => {
      // Another library is open now: nothing of the old list may stay on screen a moment longer.
      if (event.name === 'library:switched') {
        setState(loadingState(event.payload.dir));
        reload();
        return;
      }
      if (event.name !== 'library:changed') return;
      if (isMarkerAlreadyShown(shown.current, event.payload)) return;
      if (timer.current !== null) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        reload();
      }, REFRESH_DELAY_MS);
    });
    return () => {
      stop();
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [client, reload]);

  return { ...state, reload };
}
