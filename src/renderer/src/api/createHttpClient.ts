import type { Channel, WorkbenchEvent } from '../../../shared/api.ts';
import type { ErrorInfo } from '../../../shared/errors.ts';
import type { Result } from '../../../shared/result.ts';
import { EVENT_NAMES } from '../../../shared/vocabulary.ts';
import type { Client } from './client.ts';
import { readEventStream } from './readEventStream.ts';

const RECONNECT_MS = [500, 1000, 2000, 5000] as const;

function networkError(error: unknown): ErrorInfo {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: 'INTERNAL',
    message: `The workbench server did not answer (${reason}). Is npm run web still running?`,
  };
}

async function readResult<T>(response: Response): Promise<Result<T>> {
  try {
    return (await response.json()) as Result<T>;
  } catch {
    return {
      ok: false,
      error: { code: 'INTERNAL', message: `The server answered ${String(response.status)}.` },
    };
  }
}

/**
 * The client in a browser (the web shell): calls are POSTs to /api/<channel> with the run's token
 * in a header, events come from a fetch-read event stream that reconnects on its own.
 */
export function createHttpClient(token: string, origin = ''): Client {
  const headers = { authorization: `Bearer ${token}` };
  let unloading = false;
  const listeners = new Set<(event: WorkbenchEvent) => void>();
  let stream: AbortController | null = null;

  const connect = (attempt: number): void => {
    const controller = new AbortController();
    stream = controller;
    void (async () => {
      try {
        const response = await fetch(`${origin}/api/events`, { headers, signal: controller.signal });
        if (!response.ok || response.body === null) throw new Error(`status ${String(response.status)}`);
        attempt = 0;
        await readEventStream(response.body, ({ event, data }) => {
          // The payload is trusted as the answers to calls are (the shell built both from the
          // contract); only events this window does not know of are left out.
          if (!(EVENT_NAMES as readonly string[]).includes(event)) return;
          const message = { name: event, payload: JSON.parse(data) as unknown } as WorkbenchEvent;
          for (const listener of listeners) listener(message);
        });
      } catch {
        // Reconnects below unless the last listener left.
      }
      if (controller.signal.aborted || listeners.size === 0) return;
      const delay = RECONNECT_MS[Math.min(attempt, RECONNECT_MS.length - 1)];
      setTimeout(() => {
        if (listeners.size > 0 && stream === controller) connect(attempt + 1);
      }, delay);
    })();
  };

  /** Sends a request; its answer is read once `ready` resolves (at once without it). */
  const post = async <T>(path: string, init: RequestInit, ready?: Promise<void>): Promise<Result<T>> => {
    try {
      // keepalive lets the last autosave outlive a closing tab (its body must stay under 64 KB).
      const response = await fetch(`${origin}/api/${path}`, { ...init, keepalive: unloading });
      // Until the body is read, the browser only buffers it: decoding and parsing it take the page's thread.
      if (ready !== undefined) await ready;
      return await readResult<T>(response);
    } catch (error) {
      return { ok: false, error: networkError(error) };
    }
  };

  const callRequest = (input: unknown): RequestInit => ({
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const call: Client['call'] = (channel: Channel, input) => post(channel, callRequest(input));
  const callHeld: NonNullable<Client['callHeld']> = (channel: Channel, input, ready) =>
    post(channel, callRequest(input), ready);

  return {
    shell: 'web',
    call,
    callHeld,
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) connect(0);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stream?.abort();
          stream = null;
        }
      };
    },
    async importFiles(files, batchId) {
      const uploadIds: string[] = [];
      const failed: { file: string; status: 'failed'; error: ErrorInfo }[] = [];
      for (const file of files) {
        const uploaded = await post<{ uploadId: string }>('upload', {
          method: 'POST',
          headers: { ...headers, 'x-file-name': encodeURIComponent(file.name) },
          body: file,
        });
        if (uploaded.ok) uploadIds.push(uploaded.value.uploadId);
        else failed.push({ file: file.name, status: 'failed', error: uploaded.error });
      }
      if (uploadIds.length === 0) return { ok: true, value: { results: failed } };
      const imported = await call('library:import', { batchId, source: { kind: 'uploads', uploadIds } });
      if (!imported.ok) return imported;
      return { ok: true, value: { results: [...failed, ...imported.value.results] } };
    },
    prepareForUnload() {
      unloading = true;
    },
  };
}
