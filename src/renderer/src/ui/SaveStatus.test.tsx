// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/result.ts';
import { SaveQueue } from '../api/saveQueue.ts';
import { fakeClient, renderWithServices } from '../testing/renderWithServices.tsx';
import { SaveStatus } from './SaveStatus.tsx';

afterEach(cleanup);

/** A save that waits, once the queue has started it, until the test settles it. */
function heldSave() {
  let settle: ((result: Result<unknown>) => void) | null = null;
  const save = () =>
    new Promise<Result<unknown>>((resolve) => {
      settle = resolve;
    });
  return {
    save,
    settle: async (result: Result<unknown>) => {
      await waitFor(() => {
        expect(settle).not.toBeNull();
      });
      settle?.(result);
    },
  };
}

describe('SaveStatus', () => {
  it('follows the save queue: Saved, Saving… while a change is unsent, the error with a retry', async () => {
    const saves = new SaveQueue(10);
    renderWithServices(<SaveStatus />, { client: fakeClient().client, saves });
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Saved');

    const first = heldSave();
    saves.change('memo:a', () => 'text', first.save);
    await waitFor(() => {
      expect(status).toHaveTextContent('Saving…');
    });
    await first.settle({ ok: false, error: { code: 'WRITE_FAILED', message: 'The disk is full.' } });
    await waitFor(() => {
      expect(status).toHaveTextContent(/^Not saved: .*The disk is full/u);
    });

    const retry = heldSave();
    saves.change('memo:a', () => 'text again', retry.save);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => {
      expect(status).toHaveTextContent('Saving…');
    });
    await retry.settle({ ok: true, value: {} });
    await waitFor(() => {
      expect(status).toHaveTextContent('Saved');
    });
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });
});
