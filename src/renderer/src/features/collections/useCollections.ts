import { useCallback, useEffect, useState } from 'react';
import type { Collection } from '../../../../shared/article.ts';
import type { ErrorInfo } from '../../../../shared/errors.ts';
import { useServices } from '../../api/ServicesProvider.tsx';

export type CollectionsState = {
  collections: readonly Collection[];
  error: ErrorInfo | null;
  isLoading: boolean;
};

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * The library's collections, by name, kept current with library:changed 'collections-saved' (this
 * window, another one, or the CLI) and with trash changes, which take articles out of them.
 * `reload` lets a component that just changed one show it without waiting for the event.
 */
export function useCollections(): CollectionsState & { reload: () => void } {
  const { client } = useServices();
  const [state, setState] = useState<CollectionsState>({ collections: [], error: null, isLoading: true });

  const reload = useCallback(() => {
    void client.call('collections:list', {}).then((result) => {
      setState(
        result.ok
          ? {
              collections: [...result.value.collections].sort((a, b) => collator.compare(a.name, b.name)),
              error: null,
              isLoading: false,
            }
          : (previous) => ({ ...previous, error: result.error, isLoading: false }),
      );
    });
  }, [client]);

  useEffect(() => {
    reload();
    return client.subscribe((event) => {
      if (
        event.name === 'library:switched' ||
        (event.name === 'library:changed' &&
          ['collections-saved', 'article-trashed', 'article-restored', 'trash-emptied'].includes(
            event.payload.kind,
          ))
      )
        reload();
    });
  }, [client, reload]);

  return { ...state, reload };
}
