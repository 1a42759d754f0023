// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SaveQueue } from '../../api/saveQueue.ts';
import { fakeClient, renderWithServices } from '../../testing/renderWithServices.tsx';
import { NoteFields } from './NoteFields.tsx';

afterEach(cleanup);

function fields(saved?: { translation: string; note: string }) {
  return <NoteFields articleId="a1" blockId="b3" position={3} saved={saved} isHighlighted={false} />;
}

describe('NoteFields', () => {
  it('autosaves what was typed, once the typing pauses, with both fields', async () => {
    const { client, call } = fakeClient();
    renderWithServices(fields({ translation: '', note: 'n' }), { client });
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
    renderWithServices(fields({ translation: '', note: '' }), { client, saves });
    expect(screen.getByLabelText('Translation of block 3')).toHaveValue('not lost');
  });
});
