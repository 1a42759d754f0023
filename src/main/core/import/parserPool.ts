import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Format } from '../../../shared/article.ts';
import { WorkbenchError, type ErrorInfo } from '../../../shared/errors.ts';
import type { ExtractLimits } from './extracted.ts';
import type { ParsedFile } from './parseFile.ts';

export type ParserRequest = {
  id: number;
  bytes: Uint8Array;
  format: Format;
  limits: ExtractLimits;
  now: string;
};
export type ParserResponse =
  { id: number; ok: true; parsed: ParsedFile } | { id: number; ok: false; error: ErrorInfo };

type Task = {
  request: ParserRequest;
  resolve: (parsed: ParsedFile) => void;
  reject: (error: WorkbenchError) => void;
};

type Slot = { worker: Worker; task: Task | null; timer: NodeJS.Timeout | null };

export type ParserPoolOptions = {
  /** How many parser threads; defaults to the number of cores, at most 4. */
  size?: number;
  /** Heap of each parser thread, in MB: a file that needs more fails alone. */
  maxHeapMb?: number;
  /** The worker script; the Electron build passes its bundled copy. */
  workerUrl?: URL | string;
};

/**
 * Parses files on worker threads, so that one hostile file (a PDF that loops, a DOCX
 * that inflates to gigabytes) is cut off by its timeout or its heap limit without
 * freezing or crashing the app, and so that a batch uses every core.
 */
export class ParserPool {
  readonly #slots: Slot[] = [];
  readonly #queue: Task[] = [];
  readonly #options: Required<ParserPoolOptions>;
  #nextId = 1;
  #closed = false;

  constructor(options: ParserPoolOptions = {}) {
    this.#options = {
      size: options.size ?? Math.max(1, Math.min(4, availableParallelism())),
      maxHeapMb: options.maxHeapMb ?? 384,
      workerUrl: options.workerUrl ?? new URL('./parseWorker.ts', import.meta.url),
    };
  }

  /** Parses one file's bytes; rejects with a WorkbenchError (IMPORT_TIMEOUT, IMPORT_OUT_OF_MEMORY, or the parser's). */
  parse(bytes: Uint8Array, format: Format, limits: ExtractLimits, now: Date): Promise<ParsedFile> {
    if (this.#closed) return Promise.reject(new WorkbenchError('INTERNAL', 'The parser pool is closed.'));
    return new Promise((resolve, reject) => {
      this.#queue.push({
        request: { id: this.#nextId++, bytes, format, limits, now: now.toISOString() },
        resolve,
        reject,
      });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0))
      task.reject(new WorkbenchError('INTERNAL', 'The import was stopped.'));
    await Promise.all(this.#slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      let slot = this.#slots.find((candidate) => candidate.task === null);
      if (!slot && this.#slots.length < this.#options.size) slot = this.#spawn();
      if (!slot) return;
      const task = this.#queue.shift();
      if (!task) return;
      this.#run(slot, task);
    }
  }

  #spawn(): Slot {
    const worker = new Worker(this.#options.workerUrl, {
      resourceLimits: { maxOldGenerationSizeMb: this.#options.maxHeapMb, maxYoungGenerationSizeMb: 48 },
    });
    worker.unref();
    const slot: Slot = { worker, task: null, timer: null };
    worker.on('message', (response: ParserResponse) => {
      const task = slot.task;
      if (task?.request.id !== response.id) return;
      this.#finish(slot);
      if (response.ok) task.resolve(response.parsed);
      else task.reject(new WorkbenchError(response.error.code, response.error.message));
      this.#dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const task = slot.task;
      this.#retire(slot);
      if (task) {
        task.reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new WorkbenchError(
                'IMPORT_OUT_OF_MEMORY',
                `reading it needed more than ${String(this.#options.maxHeapMb)} MB of memory`,
              )
            : new WorkbenchError('INTERNAL', `the parser failed: ${error.message}`),
        );
      }
      this.#dispatch();
    });
    worker.on('exit', () => {
      const task = slot.task;
      this.#retire(slot);
      task?.reject(new WorkbenchError('INTERNAL', 'the parser stopped unexpectedly'));
      this.#dispatch();
    });
    this.#slots.push(slot);
    return slot;
  }

  #run(slot: Slot, task: Task): void {
    slot.task = task;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      this.#retire(slot);
      void slot.worker.terminate();
      task.reject(
        new WorkbenchError(
          'IMPORT_TIMEOUT',
          `reading it took longer than ${String(task.request.limits.timeoutMs / 1000)} s`,
        ),
      );
      this.#dispatch();
    }, task.request.limits.timeoutMs);
    slot.worker.postMessage(task.request);
  }

  #finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    slot.worker.unref();
  }

  #retire(slot: Slot): void {
    this.#finish(slot);
    const index = this.#slots.indexOf(slot);
    if (index !== -1) this.#slots.splice(index, 1);
  }
}
