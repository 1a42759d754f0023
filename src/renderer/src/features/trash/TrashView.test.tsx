// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TrashEntry } from '../../../../shared/article.ts';
import type { Client } from '../../api/client.ts';
import { renderWithServices } from '../../testing/renderWithServices.tsx';
import { TrashView } from './TrashView.tsx';

afterEach(cleanup);

function trashed(id: string, title: string): TrashEntry {
  return {
    id,
    title,
    outlet: 'Press TV',
    language: 'fr',
    publishedAt: '2023-11-01',
    importedAt: '2023-11-02T10:00:00.000Z',
    originalFileName: `${id}.txt`,
    sha256: '0'.repeat(64),
    textSha256: '1'.repeat(64),
    tags: [],
    hasNotes: true,
    hasMemo: false,
    damaged: null,
    deletedAt: '2026-03-01T09:00:00.000Z',
  };
}

/** A client with a trash that restore and empty really change. */
function trashClient(initial: TrashEntry[]) {
  let entries = [...initial];
  const call = vi.fn((channel: string, input: unknown) => {
    switch (channel) {
      case 'trash:list':
        return Promise.resolve({ ok: true, value: { entries } });
      case 'trash:restore': {
        const { ids } = input as { ids: string[] };
        entries = entries.filter((entry) => !ids.includes(entry.id));
        return Promise.resolve({ ok: true, value: { restored: ids } });
      }
      case 'trash:empty': {
        const removed = entries.length;
        entries = [];
        return Promise.resolve({ ok: true, value: { removed } });
      }
      default:
        return Promise.resolve({ ok: true, value: {} });
    }
  });
  const client = {
    shell: 'web',
    call,
    subscribe: () => () => undefined,
    importFiles: vi.fn(),
    prepareForUnload: () => undefined,
  } as unknown as Client;
  return { client, call };
}

function renderTrash(entries: TrashEntry[]) {
  const { client, call } = trashClient(entries);
  const onNotice = vi.fn();
  const onClose = vi.fn();
  renderWithServices(<TrashView onClose={onClose} onNotice={onNotice} />, { client });
  return { call, onNotice, onClose };
}

describe('TrashView', () => {
  it('lists the trashed articles, each with Restore, which puts it back', async () => {
    const { call, onNotice } = renderTrash([trashed('aaa111', 'Syrie: attaque'), trashed('bbb222', 'Irak')]);
    const list = await screen.findByRole('list', { name: 'Trash' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Syrie: attaque');
    const restore = within(rows[0]!).getByRole('button', { name: 'Restore' });
    expect(restore).toHaveAccessibleDescription('Syrie: attaque');
    fireEvent.click(restore);
    await waitFor(() => {
      expect(within(screen.getByRole('list', { name: 'Trash' })).getAllByRole('listitem')).toHaveLength(1);
    });
    expect(call).toHaveBeenCalledWith('trash:restore', { ids: ['aaa111'] });
    expect(onNotice).toHaveBeenCalledWith({ tone: 'info', message: 'Restored 1 article to the library' });
  });

  it('asks before emptying, says how many go for good, and does nothing on Cancel', async () => {
    const { call, onNotice } = renderTrash([trashed('aaa111', 'Syrie'), trashed('bbb222', 'Irak')]);
    await screen.findByRole('list', { name: 'Trash' });
    fireEvent.click(screen.getByRole('button', { name: 'Empty trash' }));
    const question = screen.getByRole('alertdialog', { name: 'Empty trash?' });
    expect(question).toHaveTextContent('2 articles will be deleted for good');
    // The safe answer has the focus.
    expect(within(question).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    fireEvent.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(call).not.toHaveBeenCalledWith('trash:empty', {});

    fireEvent.click(screen.getByRole('button', { name: 'Empty trash' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete 2 articles for good' }));
    await screen.findByText(/The trash is empty/u);
    expect(call).toHaveBeenCalledWith('trash:empty', {});
    expect(onNotice).toHaveBeenCalledWith({ tone: 'info', message: 'Deleted 2 articles for good' });
    expect(screen.getByRole('button', { name: 'Empty trash' })).toBeDisabled();
  });

  it('says the trash is empty, and goes back to the library', async () => {
    const { onClose } = renderTrash([]);
    await screen.findByText(/The trash is empty/u);
    fireEvent.click(screen.getByRole('button', { name: 'Back to library' }));
    expect(onClose).toHaveBeenCalled();
  });
});
