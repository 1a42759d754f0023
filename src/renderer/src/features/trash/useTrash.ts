import { useCallback, useEffect, useState } from 'react';
import type { TrashEntry } from '../../../../shared/article.ts';
import type { ErrorInfo } from '../../../../shared/errors.ts';
import { useServices } from '../../api/ServicesProvider.tsx';

export type TrashState = { entries: TrashEntry[] | null; error: ErrorInfo | null };

/** The library's trash, kept current with the events that change it (here or in another window). */
export function useTrash() {
  const { client } = useServices();
  const [state, setState] = useState<TrashState>({ entries: null, error: null });

  const reload = useCallback(
    () =>
      client.call('trash:list', {}).then((result) => {
        setState(
          result.ok
            ? { entries: result.value.entries, error: null }
            : (previous) => ({ ...previous, error: result.error }),
        );
      }),
    [client],
  );

  useEffect(() => {
    void reload();
    return client.subscribe((event) => {
      if (
        event.name === 'library:switched' ||
        (event.name === 'library:changed' &&
          ['article-trashed', 'article-restored', 'trash-emptied'].includes(event.payload.kind))
      )
        void reload();
    });
  }, [client, reload]);

  return { ...state, reload };
}
