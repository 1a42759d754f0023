import type { CallResult } from '../../shared/api.ts';
import type { Client } from './api/client.ts';
import { connectClient } from './api/connectClient.ts';

/*
 * The first thing the window's script runs (main.tsx, before React and the app are loaded): it
 * connects to the shell and asks for the library's list, so that the request overlaps the loading
 * of the rest of the script and the first render.
 */

/** The client for this page's shell, or null without one (a web page opened without its token). */
export const bootClient: Client | null = connectClient();

let prefetched: Promise<CallResult<'library:list'>> | null = null;

/** Asks for the library's list now (main.tsx calls it right after asking for the app's script). */
export function prefetchLibraryList(): void {
  if (bootClient !== null) prefetched = bootClient.call('library:list', {});
}

/** The list asked for at start-up, once, for `client`; later loads ask again. */
export function takePrefetchedList(client: Client): Promise<CallResult<'library:list'>> | null {
  const list = client === bootClient ? prefetched : null;
  prefetched = null;
  return list;
}
