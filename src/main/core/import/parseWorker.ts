import { parentPort } from 'node:worker_threads';
import { toErrorInfo } from '../../../shared/errors.ts';
import type { ParserRequest, ParserResponse } from './parserPool.ts';
import { parseFile } from './parseFile.ts';

/** Runs parseFile off the main thread, one request at a time, for ParserPool. */
parentPort?.on('message', (request: ParserRequest) => {
  parseFile(request.bytes, request.format, { limits: request.limits, now: new Date(request.now) }).then(
    (parsed) => {
      parentPort?.postMessage({ id: request.id, ok: true, parsed } satisfies ParserResponse);
    },
    (error: unknown) => {
      parentPort?.postMessage({
        id: request.id,
        ok: false,
        error: toErrorInfo(error),
      } satisfies ParserResponse);
    },
  );
});

// Every static import above has loaded: the pool starts the first file's clock now.
parentPort?.postMessage({ ready: true } satisfies ParserResponse);
