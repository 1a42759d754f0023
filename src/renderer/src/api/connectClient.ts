import type { Client } from './client.ts';
import { createBridgeClient } from './createBridgeClient.ts';
import { createHttpClient } from './createHttpClient.ts';

const TOKEN_KEY = 'workbench.token';

/**
 * The web shell's token arrives in the URL fragment (never sent to a server, never in a log).
 * It is kept for this tab only, so a reload still works, and taken out of the address bar so it
 * does not end up in history, bookmarks or a screenshot.
 */
function takeToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash !== null && fromHash !== '') {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The client for the shell this page runs in: the preload's bridge, else HTTP with the run's token; null without either. */
export function connectClient(): Client | null {
  if (window.workbench !== undefined) return createBridgeClient(window.workbench);
  const token = takeToken();
  return token === null ? null : createHttpClient(token);
}
