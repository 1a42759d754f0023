import { useCallback, useEffect, useRef, useState } from 'react';
import type { IndexEntry } from '../../../../shared/article.ts';
import type { ErrorInfo } from '../../../../shared/errors.ts';
import { useServices } from '../../api/ServicesProvider.tsx';

export type LibraryState = {
  dir: string | null;
  entries: IndexEntry[];
  isLoading: boolean;
  error: ErrorInfo | null;
};

/** A burst of changes (a batch import adds hundreds of articles) reloads the list once. */
const REFRESH_DELAY_MS = 250;

/** The library's index, kept current with the shell's library:changed events. */
export function useLibrary(): LibraryState & { reload: () => void } {
  const { client } = useServices();
  const [state, setState] = useState<LibraryState>({ dir: null, entries: [], isLoading: true, error: null });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const reload = useCallback(() => {
    void client.call('library:list', {}).then((result) => {
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
      if (event.name !== 'library:changed') return;
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
