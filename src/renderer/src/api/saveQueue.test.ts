import { describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/result.ts';
import { SaveQueue } from './saveQueue.ts';

function deferred() {
  let resolve!: (result: Result<unknown>) => void;
  const promise = new Promise<Result<unknown>>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('SaveQueue', () => {
  it('never has two saves of one key in flight, and sends the newest value last', async () => {
    const queue = new SaveQueue(60_000);
    const first = deferred();
    const sent: string[] = [];
    const save = vi.fn((value: string) => {
      sent.push(value);
      return sent.length === 1 ? first.promise : Promise.resolve({ ok: true as const, value: null });
    });
    let text = 'a';
    queue.change('k', () => text, save);
    const flushing = queue.flush('k');
    text = 'ab';
    queue.change('k', () => text, save);
    const second = queue.flush('k');
    expect(sent).toEqual(['a']);
    expect(queue.state).toEqual({ kind: 'saving' });
    // A view re-opened now shows what was typed behind the save in flight, not only what it sends.
    expect(queue.latest('k')).toBe('ab');
    first.resolve({ ok: true, value: null });
    await Promise.all([flushing, second]);
    expect(sent).toEqual(['a', 'ab']);
    expect(queue.state).toEqual({ kind: 'saved' });
    expect(queue.latest('k')).toBe('ab');
  });

  it('gives back its own last write unless the version on disk is that write or a later one', async () => {
    const queue = new SaveQueue(60_000);
    const answer = deferred();
    queue.change(
      'k',
      () => 'mine',
      () => answer.promise,
    );
    const flushing = queue.flush('k');
    // In flight: whatever the view read from disk may be older.
    expect(queue.latest('k', '2026-11-25T10:00:00.000Z')).toBe('mine');
    answer.resolve({ ok: true, value: { updatedAt: '2026-11-25T10:00:05.000Z' } });
    await flushing;
    // Read before this write landed: the window's own version is newer.
    expect(queue.latest('k', '2026-11-25T10:00:00.000Z')).toBe('mine');
    expect(queue.latest('k', null)).toBe('mine');
    // This write, or another window's later one: the disk's version shows.
    expect(queue.latest('k', '2026-11-25T10:00:05.000Z')).toBeUndefined();
    expect(queue.latest('k', '2026-11-25T10:07:00.000Z')).toBeUndefined();
    // A change not yet sent always comes first.
    queue.change(
      'k',
      () => 'typed since',
      () => Promise.resolve({ ok: true as const, value: null }),
    );
    expect(queue.latest('k', '2026-11-25T10:07:00.000Z')).toBe('typed since');
  });

  it('keeps a failed value, reports it, and sends it again on retry', async () => {
    const queue = new SaveQueue(60_000);
    const save = vi
      .fn<(value: string) => Promise<Result<unknown>>>()
      .mockResolvedValueOnce({ ok: false, error: { code: 'WRITE_FAILED', message: 'disk full' } })
      .mockResolvedValue({ ok: true, value: null });
    queue.change('k', () => 'v', save);
    await queue.flush('k');
    expect(queue.state).toEqual({
      kind: 'error',
      error: { code: 'WRITE_FAILED', message: 'disk full' },
      failedCount: 1,
    });
    expect(queue.hasUnsaved).toBe(true);
    await queue.retryFailed();
    expect(save).toHaveBeenCalledTimes(2);
    expect(queue.state).toEqual({ kind: 'saved' });
    expect(queue.hasUnsaved).toBe(false);
  });

  it('sends a change by itself after the delay even while changes keep coming', async () => {
    vi.useFakeTimers();
    try {
      const queue = new SaveQueue(700);
      const save = vi.fn(() => Promise.resolve({ ok: true as const, value: null }));
      for (let i = 0; i < 10; i += 1) {
        queue.change('k', () => i, save);
        await vi.advanceTimersByTimeAsync(100);
      }
      expect(save).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
