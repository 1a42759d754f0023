import { useCallback, useEffect, useRef, useState } from 'react';
import type { LibraryRow } from '../../../../shared/article.ts';
import type { ErrorInfo } from '../../../../shared/errors.ts';
import { useServices } from '../../api/ServicesProvider.tsx';
import { takePrefetchedList } from '../../boot.ts';

export type LibraryState = {
  dir: string | null;
  entries: LibraryRow[];
  isLoading: boolean;
  error: ErrorInfo | null;
};

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
  const [state, setState] = useState<LibraryState>({ dir: null, entries: [], isLoading: true, error: null });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const shown = useRef(state.entries);
  useEffect(() => {
    shown.current = state.entries;
  });

  /** The latest list asked for: an answer to an older request (before a library switch, say) is dropped. */
  const latest = useRef(0);
  const reload = useCallback(() => {
    const request = ++latest.current;
    void (takePrefetchedList(client) ?? client.call('library:list', {})).then((result) => {
      if (request !== latest.current) return;
      setState(
        result.ok
          ? { dir: result.value.dir, entries: result.value.entries, isLoading: false, error: null }
          : (previous) => ({ ...previous, isLoading: false, error: result.error }),
      );
    });
  }, [client]);

  useEffect(() => {
    reload();
    const stop = client.subscribe((event) => {
      // Another library is open now: nothing of the old list may stay on screen a moment longer.
      if (event.name === 'library:switched') {
        setState({ dir: event.payload.dir, entries: [], isLoading: true, error: null });
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
