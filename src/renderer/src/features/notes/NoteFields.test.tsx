// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BlockNote } from '../../../../shared/article.ts';
import type { Client } from '../../api/client.ts';
import { SaveQueue } from '../../api/saveQueue.ts';
import { fakeClient, renderWithServices } from '../../testing/renderWithServices.tsx';
import { NoteFields } from './NoteFields.tsx';

afterEach(cleanup);

const EARLIER = '2026-11-25T10:00:00.000Z';

function fields(saved?: BlockNote) {
  return <NoteFields articleId="a1" blockId="b3" position={3} saved={saved} isHighlighted={false} />;
}

describe('NoteFields', () => {
  it('autosaves what was typed, once the typing pauses, with both fields', async () => {
    const { client, call } = fakeClient();
    renderWithServices(fields({ translation: '', note: 'n', updatedAt: EARLIER }), { client });
    await userEvent.type(screen.getByLabelText('Translation of block 3'), 'Syria');
    await waitFor(() => {
      expect(call).toHaveBeenCalled();
    });
    await waitFor(() => {
      expect(call).toHaveBeenLastCalledWith('notes:save', {
        id: 'a1',
        blockId: 'b3',
        translation: 'Syria',
        note: 'n',
      });
    });
  });

  it('saves at once when the field loses focus', () => {
    const { client, call } = fakeClient();
    renderWithServices(fields(), { client, saves: new SaveQueue(60_000) });
    const note = screen.getByLabelText('Note on block 3');
    fireEvent.change(note, { target: { value: 'check the date' } });
    expect(call).not.toHaveBeenCalled();
    fireEvent.blur(note);
    expect(call).toHaveBeenCalledWith('notes:save', {
      id: 'a1',
      blockId: 'b3',
      translation: '',
      note: 'check the date',
    });
  });

  it('keeps typed text across a switch away and back, even if the disk copy is older', () => {
    const { client, call } = fakeClient();
    const saves = new SaveQueue(60_000);
    const first = renderWithServices(fields(), { client, saves });
    fireEvent.change(screen.getByLabelText('Translation of block 3'), { target: { value: 'not lost' } });
    first.unmount();
    void saves.flushAll();
    expect(call).toHaveBeenCalledTimes(1);
    renderWithServices(fields({ translation: '', note: '', updatedAt: EARLIER }), { client, saves });
    expect(screen.getByLabelText('Translation of block 3')).toHaveValue('not lost');
  });

  it("shows another window's later save on re-opening, rather than this window's older one", async () => {
    const saves = new SaveQueue(60_000);
    const call = vi.fn((_channel: string, input: object) =>
      Promise.resolve({ ok: true as const, value: { ...input, updatedAt: '2026-11-25T10:01:00.000Z' } }),
    );
    const client = { ...fakeClient().client, call } as unknown as Client;
    const first = renderWithServices(fields(), { client, saves });
    fireEvent.change(screen.getByLabelText('Translation of block 3'), { target: { value: 'mine' } });
    first.unmount();
    await saves.flushAll();
    // Another window saved this block at 10:05; this one wrote at 10:01.
    renderWithServices(
      fields({ translation: 'from the other window', note: '', updatedAt: '2026-11-25T10:05:00.000Z' }),
      { client, saves },
    );
    expect(screen.getByLabelText('Translation of block 3')).toHaveValue('from the other window');
  });
});
