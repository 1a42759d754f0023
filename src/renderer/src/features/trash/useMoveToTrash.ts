import { useCallback } from 'react';
import { useServices } from '../../api/ServicesProvider.tsx';
import { describeError } from '../../ui/describeError.ts';
import type { Notice } from '../../ui/StatusNotice.tsx';

type Options = {
  /** The article open in the reader. */
  currentId: string | null;
  /** Closes the reader (the open article is among those trashed). */
  closeArticle: () => void;
  /** Opens an article again (Undo brings back the one that was open). */
  openArticle: (id: string) => void;
  onNotice: (notice: Notice | null) => void;
};

function plural(count: number): string {
  return `${String(count)} ${count === 1 ? 'article' : 'articles'}`;
}

/**
 * Moves articles to the library's trash, with Undo in the status bar. Whatever was typed in them is
 * saved first (a save landing after the move would fail on a folder that has gone), and the open
 * article closes quietly rather than showing an error.
 */
export function useMoveToTrash({ currentId, closeArticle, openArticle, onNotice }: Options) {
  const { client, saves } = useServices();

  return useCallback(
    async (ids: readonly string[]) => {
      if (ids.length === 0) return;
      await Promise.all(ids.flatMap((id) => [saves.flushAll(`notes:${id}:`), saves.flush(`memo:${id}`)]));
      const wasOpen = currentId !== null && ids.includes(currentId) ? currentId : null;
      if (wasOpen !== null) closeArticle();
      const result = await client.call('trash:move', { ids: [...ids] });
      if (!result.ok) {
        if (wasOpen !== null) openArticle(wasOpen);
        onNotice({ tone: 'error', message: `Not moved to the trash: ${describeError(result.error)}` });
        return;
      }
      const moved = result.value.moved;
      const undo = async () => {
        if (moved.length === 0) return;
        const restored = await client.call('trash:restore', { ids: moved });
        if (!restored.ok) {
          onNotice({ tone: 'error', message: `Not restored: ${describeError(restored.error)}` });
          return;
        }
        if (wasOpen !== null && restored.value.restored.includes(wasOpen)) openArticle(wasOpen);
        onNotice({ tone: 'info', message: `Restored ${plural(restored.value.restored.length)}` });
      };
      onNotice({
        tone: 'info',
        message: `Moved ${plural(moved.length)} to the trash`,
        action: {
          label: 'Undo',
          run: () => {
            void undo();
          },
        },
      });
    },
    [client, saves, currentId, closeArticle, openArticle, onNotice],
  );
}
