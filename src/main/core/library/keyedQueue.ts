/**
 * Runs tasks one after another per key, different keys in parallel. The core's saveNote reads
 * notes.json, changes one block and writes the file back, so two saves of the same article in
 * flight at once (the analyst tabbing from block 3 to block 4 within the autosave delay) could
 * each write back a file without the other's change; queueing them per article prevents that.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      // Forget idle keys so that a long session does not keep one entry per article ever touched.
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Resolves when every task queued so far under `key` has settled. */
  async settled(key: string): Promise<void> {
    await this.#tails.get(key);
  }

  /** Resolves when every task queued so far has settled. */
  async idle(): Promise<void> {
    await Promise.all(this.#tails.values());
  }
}
