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
  | { id: number; ok: true; parsed: ParsedFile }
  | { id: number; ok: false; error: ErrorInfo }
  /** Sent once by a new thread when its code is loaded: a file's time limit starts from then. */
  | { ready: true };

/** How long a new parser thread may take to load its code (a loaded machine, a cold disk). */
const STARTUP_TIMEOUT_MS = 60_000;

type Task = {
  request: ParserRequest;
  resolve: (parsed: ParsedFile) => void;
  reject: (error: WorkbenchError) => void;
};

type Slot = { worker: Worker; task: Task | null; timer: NodeJS.Timeout | null; ready: boolean };

export type ParserPoolOptions = {
  /** How many parser threads; defaults to the number of cores, at most 4. */
  size?: number;
  /** Heap of each parser thread, in MB: a file that needs more fails alone. Defaults to a share of PARSER_HEAP_BUDGET_MB. */
  maxHeapMb?: number;
  /** The worker script; the Electron build passes its bundled copy. */
  workerUrl?: URL | string;
};

/**
 * The parser threads' heaps together, in MB. The import's budget is 512 MB of RSS; the main
 * thread holds ~180 MB and each thread adds its code and buffers outside the heap, so a fixed
 * 384 MB per thread let two hostile files at once reach 517 MB (tests/hostileCorpus.test.ts).
 * A 384 MB budget still left the whole hostile corpus in one batch at 495–522 MB from run to run;
 * 320 MB (160 MB a thread with two) kept it at 490–499 MB at first, but later runs reached
 * 500–512 MB and one fresh-clone CI 512.3 MB; 288 MB (144 MB a thread) measured 486–502 MB, and
 * every DOCX, PDF, Readability, Scrapinghub and Trafilatura page of ../shared/corpus still imports
 * through the pool without running out of memory.
 */
export const PARSER_HEAP_BUDGET_MB = 288;
const MIN_HEAP_MB = 128;

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
    const size = options.size ?? Math.max(1, Math.min(4, availableParallelism()));
    this.#options = {
      size,
      maxHeapMb: options.maxHeapMb ?? Math.max(MIN_HEAP_MB, Math.floor(PARSER_HEAP_BUDGET_MB / size)),
      workerUrl: options.workerUrl ?? new URL('./parseWorker.ts', import.meta.url),
    };
  }

  /** The heap limit each parser thread runs with, in MB. */
  get maxHeapMb(): number {
    return this.#options.maxHeapMb;
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
    // A 48 MB young generation took each thread's RSS far past its old-generation limit: with
    // two threads busy on hostile files the import reached 540 MB; 16 MB keeps it under 512.
    const worker = new Worker(this.#options.workerUrl, {
      resourceLimits: { maxOldGenerationSizeMb: this.#options.maxHeapMb, maxYoungGenerationSizeMb: 16 },
    });
    worker.unref();
    const slot: Slot = { worker, task: null, timer: null, ready: false };
    worker.on('message', (response: ParserResponse) => {
      if ('ready' in response) {
        slot.ready = true;
        // The task waiting for this thread gets its whole time limit from now.
        if (slot.task) this.#startTimer(slot, slot.task);
        return;
      }
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
    // A thread that is still loading its code queues the request; its time limit starts once
    // it is ready, so a slow start on a busy machine is not counted against the file.
    if (slot.ready) this.#startTimer(slot, task);
    else this.#startTimer(slot, task, STARTUP_TIMEOUT_MS + task.request.limits.timeoutMs);
    slot.worker.postMessage(task.request);
  }

  #startTimer(slot: Slot, task: Task, ms = task.request.limits.timeoutMs): void {
    if (slot.timer) clearTimeout(slot.timer);
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
    }, ms);
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
