import type { ErrorInfo } from '../../../shared/errors.ts';
import type { Result } from '../../../shared/result.ts';

/** How a window's saves stand, for the status bar. */
export type SaveState =
  { kind: 'saved' } | { kind: 'saving' } | { kind: 'error'; error: ErrorInfo; failedCount: number };

type Entry = {
  /** Reads the value to save at the moment the save starts (a memo serialises only then). */
  read: () => unknown;
  save: (value: unknown) => Promise<Result<unknown>>;
  timer: ReturnType<typeof setTimeout> | null;
  dirty: boolean;
  inFlight: Promise<void> | null;
  error: ErrorInfo | null;
};

/** The time a save answered was written at (`updatedAt` of a memo or a note), if it says. */
function stampOf(value: unknown): string | null {
  const stamp: unknown =
    typeof value === 'object' && value !== null ? (value as { updatedAt?: unknown }).updatedAt : undefined;
  return typeof stamp === 'string' ? stamp : null;
}

/** Longest time typed text waits before it is sent; the issue allows about a second at risk. */
export const AUTOSAVE_DELAY_MS = 700;

/**
 * Every unsaved change of the window, by key (`notes:<article>:<block>`, `memo:<article>`). A change
 * is sent at most AUTOSAVE_DELAY_MS after it is made, even while typing goes on (a pure debounce
 * would hold a fast typist's words indefinitely), at once on `flush` (blur, article switch, page
 * hide). One save per key is in flight at a time, so an older one can never land after a newer one;
 * a failed save keeps its value and is retried by `retryFailed` or the next change.
 *
 * It also remembers the newest value per key in this window: a view re-opened while its save is
 * still in flight (switching back and forth quickly) shows that, and what was typed behind it,
 * rather than the older copy it reads from disk.
 */
export class SaveQueue {
  readonly #entries = new Map<string, Entry>();
  /** The last value written or being written per key, and its stamp on disk once written. */
  readonly #latest = new Map<string, { value: unknown; savedAt: string | null }>();
  readonly #listeners = new Set<() => void>();
  #state: SaveState = { kind: 'saved' };
  readonly #delayMs: number;

  constructor(delayMs = AUTOSAVE_DELAY_MS) {
    this.#delayMs = delayMs;
  }

  /** Records a change: `read` gives the value when the save starts, `save` writes it. */
  change<T>(key: string, read: () => T, save: (value: T) => Promise<Result<unknown>>): void {
    // The entry is updated in place: a save in flight holds on to it and must see newer changes.
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = { read, save: save as Entry['save'], timer: null, dirty: true, inFlight: null, error: null };
      this.#entries.set(key, entry);
    }
    entry.read = read;
    entry.save = save as Entry['save'];
    entry.dirty = true;
    const scheduled = entry;
    scheduled.timer ??= setTimeout(() => {
      scheduled.timer = null;
      void this.flush(key);
    }, this.#delayMs);
    this.#update();
  }

  /**
   * The newest value of `key` this window has, for a view re-opened on it: a change not yet sent
   * (typed while a save was in flight, say), else the last value it wrote or is writing. Undefined
   * when there is none, or when the version the view read from disk (stamped `onDisk`) is that
   * write or a later one: another window may have saved since, and its version must show, not be
   * saved over.
   */
  latest(key: string, onDisk: string | null = null): unknown {
    const entry = this.#entries.get(key);
    if (entry?.dirty === true) return entry.read();
    const written = this.#latest.get(key);
    if (written === undefined) return undefined;
    // Stamps are ISO 8601 times in UTC, which compare as strings.
    if (written.savedAt !== null && onDisk !== null && onDisk >= written.savedAt) return undefined;
    return written.value;
  }

  /** Sends the pending change of `key` now; resolves when it and any save before it are done. */
  async flush(key: string): Promise<void> {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    if (entry.timer !== null) {
      clearTimeout(entry.timer);
      entry.timer = null;
    }
    if (entry.inFlight !== null) {
      await entry.inFlight;
      // The save that was in flight may have left a newer change behind it.
      if (entry.dirty) await this.flush(key);
      return;
    }
    if (!entry.dirty) return;
    // Read synchronously, before any await: the view may be about to unmount.
    const value = entry.read();
    entry.dirty = false;
    const written = { value, savedAt: null as string | null };
    this.#latest.set(key, written);
    entry.inFlight = (async () => {
      const result = await entry.save(value);
      entry.inFlight = null;
      if (result.ok) {
        written.savedAt = stampOf(result.value);
        entry.error = null;
        if (!entry.dirty && entry.timer === null && this.#entries.get(key) === entry)
          this.#entries.delete(key);
      } else {
        entry.error = result.error;
        entry.dirty = true;
      }
      this.#update();
    })();
    this.#update();
    await entry.inFlight;
    if (SaveQueue.#changedSince(entry)) await this.flush(key);
  }

  /** Whether a change arrived while a save was in flight (TypeScript cannot see that mutation across the await). */
  static #changedSince(entry: Entry): boolean {
    return entry.dirty && entry.error === null;
  }

  /** Sends every pending change whose key starts with `prefix` (all of them by default). */
  async flushAll(prefix = ''): Promise<void> {
    const keys = [...this.#entries.keys()].filter((key) => key.startsWith(prefix));
    await Promise.all(keys.map((key) => this.flush(key)));
  }

  /** Tries the failed saves again. */
  async retryFailed(): Promise<void> {
    const failed = [...this.#entries].filter(([, entry]) => entry.error !== null).map(([key]) => key);
    for (const key of failed) {
      const entry = this.#entries.get(key);
      if (entry) entry.error = null;
    }
    await Promise.all(failed.map((key) => this.flush(key)));
  }

  /** Whether anything typed is not yet on disk. */
  get hasUnsaved(): boolean {
    return this.#entries.size > 0;
  }

  get state(): SaveState {
    return this.#state;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #update(): void {
    const entries = [...this.#entries.values()];
    const failed = entries.filter((entry) => entry.error !== null);
    const first = failed[0]?.error;
    const next: SaveState =
      first !== undefined && first !== null
        ? { kind: 'error', error: first, failedCount: failed.length }
        : entries.length > 0
          ? { kind: 'saving' }
          : { kind: 'saved' };
    if (JSON.stringify(next) === JSON.stringify(this.#state)) return;
    this.#state = next;
    for (const listener of this.#listeners) listener();
  }
}
