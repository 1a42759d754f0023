import { useCallback, useEffect, useRef, useState } from 'react';
import type { SearchFiltersInput, SearchHitInfo } from '../../../../shared/api.ts';
import type { ErrorInfo } from '../../../../shared/errors.ts';
import { useServices } from '../../api/ServicesProvider.tsx';

/** Long enough to skip the intermediate words of a fast typist, short enough to feel instant. */
export const SEARCH_DELAY_MS = 120;
/** Hits fetched per request; more are fetched as the list scrolls towards its end. */
export const SEARCH_PAGE_SIZE = 100;
/** A burst of library changes (an import, autosaves) runs the open search again once. */
const REFRESH_DELAY_MS = 400;

/** The answer to one request: which query and filters it answers, so a newer input shows it is stale. */
type Answer = {
  key: string;
  hits: SearchHitInfo[];
  total: number;
  error: ErrorInfo | null;
};

export type SearchState = {
  /** Whether there is a query at all: without one, the library shows instead of results. */
  isActive: boolean;
  /** The query and filters the results shown belong to; changes when a new search answers. */
  resultKey: string;
  hits: readonly SearchHitInfo[];
  total: number;
  error: ErrorInfo | null;
  /** A newer query or filter is on its way: the previous results stay until it answers. */
  isPending: boolean;
  /** Whether any search has answered for the current query yet. */
  hasAnswer: boolean;
};

function requestKey(query: string, filters: SearchFiltersInput): string {
  return JSON.stringify([query, filters]);
}

/**
 * Searches the library as the analyst types: each change waits SEARCH_DELAY_MS for the next one, and
 * an answer to anything but the latest request is dropped, so a slow early query never overwrites a
 * later one. The open search runs again when the library changes (a note just written is findable).
 */
export function useSearch(query: string, filters: SearchFiltersInput) {
  const { client } = useServices();
  const trimmed = query.trim();
  const key = requestKey(trimmed, filters);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [refreshCount, setRefreshCount] = useState(0);
  const latest = useRef(0);
  const isLoadingMore = useRef(false);

  useEffect(() => {
    latest.current += 1;
    const sequence = latest.current;
    if (trimmed === '') return;
    const [, searchFilters] = JSON.parse(key) as [string, SearchFiltersInput];
    const timer = setTimeout(() => {
      void client
        .call('search:query', { query: trimmed, filters: searchFilters, limit: SEARCH_PAGE_SIZE })
        .then((result) => {
          if (sequence !== latest.current) return;
          isLoadingMore.current = false;
          setAnswer(
            result.ok
              ? { key, hits: result.value.hits, total: result.value.total, error: null }
              : { key, hits: [], total: 0, error: result.error },
          );
        });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [client, key, trimmed, refreshCount]);

  // Without a query there is nothing to run again: an autosave (one a second while the analyst
  // types) then re-rendered the search panel for nothing, at any moment between two keystrokes.
  const hasQuery = useRef(false);
  useEffect(() => {
    hasQuery.current = trimmed !== '';
  });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = client.subscribe((event) => {
      if (event.name !== 'library:changed' && event.name !== 'library:switched') return;
      if (timer !== null || !hasQuery.current) return;
      timer = setTimeout(() => {
        timer = null;
        setRefreshCount((count) => count + 1);
      }, REFRESH_DELAY_MS);
    });
    return () => {
      stop();
      if (timer !== null) clearTimeout(timer);
    };
  }, [client]);

  /** Fetches the next page of hits, when the list nears the end of those it has. */
  const loadMore = useCallback(() => {
    if (answer?.key !== key || answer.hits.length >= answer.total) return;
    if (isLoadingMore.current) return;
    isLoadingMore.current = true;
    const sequence = latest.current;
    const [, searchFilters] = JSON.parse(key) as [string, SearchFiltersInput];
    void client
      .call('search:query', {
        query: trimmed,
        filters: searchFilters,
        limit: SEARCH_PAGE_SIZE,
        offset: answer.hits.length,
      })
      .then((result) => {
        isLoadingMore.current = false;
        if (sequence !== latest.current || !result.ok) return;
        setAnswer((previous) =>
          previous?.key === key
            ? { ...previous, hits: [...previous.hits, ...result.value.hits], total: result.value.total }
            : previous,
        );
      });
  }, [answer, client, key, trimmed]);

  const state: SearchState = {
    isActive: trimmed !== '',
    resultKey: answer?.key ?? '',
    hits: trimmed === '' ? [] : (answer?.hits ?? []),
    total: trimmed === '' ? 0 : (answer?.total ?? 0),
    error: trimmed === '' ? null : (answer?.error ?? null),
    isPending: trimmed !== '' && answer?.key !== key,
    hasAnswer: trimmed !== '' && answer !== null,
  };
  return { state, loadMore };
}
