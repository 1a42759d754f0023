import type { CallResult, Output } from '../../shared/api.ts';
import type { Client } from './api/client.ts';
import { connectClient } from './api/connectClient.ts';

/*
 * The first thing the window's script runs (main.tsx, before React and the app are loaded): it
 * connects to the shell and asks for the library's list, so that the request overlaps the loading
 * of the rest of the script and the first render.
 */

/** The client for this page's shell, or null without one (a web page opened without its token). */
export const bootClient: Client | null = connectClient();

/**
 * How many rows the window asks for before the whole list: the list shows about 20 at once, and a
 * few screens more cover a tall window and the first scrolls while the rest is on its way.
 */
export const FIRST_PAGE_ROWS = 60;

/** The two answers asked for at start-up: the first rows of the default view, then every row. */
export type PrefetchedList = {
  first: Promise<CallResult<'library:list'>>;
  full: Promise<CallResult<'library:list'>>;
  /**
   * Lets the whole list's answer be read. Until then it waits unread where the client can hold it
   * (the web shell): it is asked for at once, so the shell prepares it while the window starts, but
   * decoding and parsing its several MB took the page's thread for 100-200 ms, and when it arrived
   * between the first render and its paint it delayed the first rows by as much. The window calls
   * this once they are painted, or at once when they will not be shown.
   */
  release: () => void;
};

let prefetched: PrefetchedList | null = null;
/** The first rows once they are in, so that the window's first render can show them already. */
let firstRows: CallResult<'library:list'> | null = null;

/**
 * Asks for the library's list now (main.tsx calls it right after asking for the app's script). The
 * first rows come on their own, a few KB that arrive and render at once; the whole list (3.4 MB of
 * JSON for 10,000 articles) is asked for once they are in, so that the shell answers the small
 * request first and the large one travels while the window renders the first rows.
 */
export function prefetchLibraryList(): void {
  if (bootClient === null) return;
  const client = bootClient;
  const { promise: released, resolve } = Promise.withResolvers<undefined>();
  const release = () => {
    resolve(undefined);
  };
  const first = client.call('library:list', { first: FIRST_PAGE_ROWS });
  const full = first.then((result) =>
    // A small library came whole with the first rows: there is nothing more to ask for.
    result.ok && result.value.complete
      ? result
      : client.callHeld === undefined
        ? client.call('library:list', {})
        : client.callHeld('library:list', {}, released),
  );
  prefetched = { first, full, release };
  void first.then((result) => {
    firstRows = result;
  });
}

/**
 * The first rows asked for at start-up if they arrived before the app rendered (they usually do:
 * they are a few KB, the app's script several hundred), so that its first render shows them
 * rather than an empty list with a second render just after.
 */
export function arrivedFirstRows(client: Client): Output<'library:list'> | null {
  if (client !== bootClient || prefetched === null || firstRows?.ok !== true) return null;
  return firstRows.value.complete ? null : firstRows.value;
}

/** The lists asked for at start-up, once, for `client`; later loads ask for the whole list again. */
export function takePrefetchedList(client: Client): PrefetchedList | null {
  const list = client === bootClient ? prefetched : null;
  prefetched = null;
  return list;
}
