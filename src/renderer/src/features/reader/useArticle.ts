import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api.ts';
import type { Article } from '../../../../shared/article.ts';
import type { ErrorInfo } from '../../../../shared/errors.ts';
import { useServices } from '../../api/ServicesProvider.tsx';

export type ArticleData = Output<'article:get'>;

export type ArticleState =
  | { status: 'none'; id: null }
  | { status: 'loading'; id: string }
  | { status: 'ready'; id: string; data: ArticleData }
  | { status: 'error'; id: string; error: ErrorInfo };

/** One article with its notes and memo, as they were on disk when it was opened; none for a null id. */
export function useArticle(id: string | null) {
  const { client } = useServices();
  const [state, setState] = useState<ArticleState>(
    id === null ? { status: 'none', id } : { status: 'loading', id },
  );

  useEffect(() => {
    if (id === null) return;
    let isCurrent = true;
    void client.call('article:get', { id }).then((result) => {
      if (!isCurrent) return;
      setState(
        result.ok
          ? { status: 'ready', id, data: result.value }
          : { status: 'error', id, error: result.error },
      );
    });
    return () => {
      isCurrent = false;
    };
  }, [client, id]);

  /** Replaces the article part after a metadata correction, keeping the notes and memo as they are. */
  const replaceArticle = useCallback((article: Article) => {
    setState((previous) =>
      previous.status === 'ready' && previous.id === article.id
        ? { ...previous, data: { ...previous.data, article } }
        : previous,
    );
  }, []);

  // Until the effect above catches up with a new id, the old article must not show under it.
  const current: ArticleState =
    state.id === id ? state : id === null ? { status: 'none', id } : { status: 'loading', id };
  return { state: current, replaceArticle };
}
