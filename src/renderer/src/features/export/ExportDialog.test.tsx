// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkbenchEvent } from '../../../../shared/api.ts';
import type { LibraryRow } from '../../../../shared/article.ts';
import type { Client } from '../../api/client.ts';
import { renderWithServices } from '../../testing/renderWithServices.tsx';
import { ExportButton } from './ExportButton.tsx';

function entry(id: string, title: string, tags: string[] = []): LibraryRow {
  return {
    id,
    title,
    outlet: 'Press TV',
    language: 'fr',
    publishedAt: '2023-11-01',
    importedAt: '2023-11-02T10:00:00.000Z',
    originalFileName: `${id}.txt`,
    tags,
    hasNotes: false,
    hasMemo: false,
    damaged: null,
  };
}

const ENTRIES = [
  entry('aaa111', 'Syrie: attaque', ['syria', 'drones']),
  entry('bbb222', 'Irak: frappes', ['syria']),
  entry('ccc333', 'Liban: tensions'),
];
const COLLECTION = {
  id: 'case-1',
  name: 'Tanf case',
  articleIds: ['aaa111', 'bbb222'],
  createdAt: 'x',
  updatedAt: 'x',
};

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** A client that answers each channel as told and lets the test push events. */
function scriptedClient(shell: 'web' | 'desktop', answers: Record<string, Answer> = {}) {
  const listeners = new Set<(event: WorkbenchEvent) => void>();
  const call = vi.fn((channel: string, _input: unknown): Promise<Answer> => {
    const answer = answers[channel] ?? {
      ok: true,
      value:
        channel === 'collections:list'
          ? { collections: [COLLECTION] }
          : channel === 'report:build'
            ? { markdown: '# Report\n', fileName: 'syrie-attaque.md', articles: 1, leftOut: [] }
            : channel === 'report:save'
              ? { path: '/home/analyst/syrie-attaque.md', articles: 1, leftOut: [] }
              : {},
    };
    return Promise.resolve(answer);
  });
  const client = {
    shell,
    call,
    subscribe: (listener: (event: WorkbenchEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    importFiles: vi.fn(),
    prepareForUnload: () => undefined,
  } as unknown as Client;
  const emit = (event: WorkbenchEvent) => {
    act(() => {
      for (const listener of listeners) listener(event);
    });
  };
  return { client, call, emit };
}

function renderExport(
  client: Client,
  {
    currentId = 'aaa111',
    selectedIds = ['aaa111'],
  }: { currentId?: string | null; selectedIds?: string[] } = {},
) {
  const onNotice = vi.fn();
  renderWithServices(
    <ExportButton currentId={currentId} selectedIds={selectedIds} entries={ENTRIES} onNotice={onNotice} />,
    { client },
  );
  return { onNotice };
}

async function openDialog() {
  fireEvent.click(screen.getByRole('button', { name: 'Export report' }));
  // The dialog's script loads when it is first opened.
  const dialog = await screen.findByRole('dialog', { name: 'Export report' });
  // The collections arrive asynchronously.
  await waitFor(() => {
    expect(within(dialog).getByRole('radio', { name: 'Collection' })).toBeEnabled();
  });
  return dialog;
}

function reportCall(call: ReturnType<typeof scriptedClient>['call'], channel: string) {
  return call.mock.calls.find(([name]) => name === channel)?.[1];
}

let clicked: HTMLAnchorElement[] = [];

beforeEach(() => {
  localStorage.clear();
  clicked = [];
  URL.createObjectURL = vi.fn(() => 'blob:report');
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this);
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('Export report', () => {
  it('opens a dialog named "Export report" with every scope, and focus inside it', async () => {
    const { client } = scriptedClient('web');
    renderExport(client);
    const dialog = await openDialog();
    expect(within(dialog).getByRole('radio', { name: /^This article: Syrie: attaque/u })).toBeChecked();
    expect(within(dialog).getByRole('radio', { name: 'The selected articles (1)' })).toBeEnabled();
    expect(within(dialog).getByRole('radio', { name: 'Articles tagged' })).toBeEnabled();
    expect(within(dialog).getByRole('radio', { name: 'All articles (3)' })).toBeEnabled();
    expect(within(dialog).getByRole('combobox', { name: 'Tag' })).toHaveDisplayValue('syria (2)');
    expect(within(dialog).getByRole('combobox', { name: 'Collection' })).toHaveDisplayValue('Tanf case (2)');
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
  });

  it('builds the open article’s report in the web shell and downloads it under the file name it gives', async () => {
    const { client, call } = scriptedClient('web');
    const { onNotice } = renderExport(client);
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    expect(reportCall(call, 'report:build')).toEqual({
      scope: { kind: 'articles', ids: ['aaa111'] },
      options: { includeOriginal: true, includeNotes: true, citationStyle: 'footnotes' },
    });
    expect(call.mock.calls.some(([name]) => name === 'report:save')).toBe(false);
    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.download).toBe('syrie-attaque.md');
    expect(clicked[0]?.href).toBe('blob:report');
    expect(onNotice).toHaveBeenCalledWith({
      tone: 'info',
      message: 'Report of 1 article downloaded as syrie-attaque.md',
    });
  });

  it('asks the main process to save in Electron, and says where the report went', async () => {
    const { client, call } = scriptedClient('desktop');
    const { onNotice } = renderExport(client);
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole('radio', { name: 'All articles (3)' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => {
      expect(onNotice).toHaveBeenCalledWith({
        tone: 'info',
        message: 'Report of 1 article saved to /home/analyst/syrie-attaque.md',
      });
    });
    expect(reportCall(call, 'report:save')).toMatchObject({ scope: { kind: 'all' } });
    expect(call.mock.calls.some(([name]) => name === 'report:build')).toBe(false);
    expect(clicked).toHaveLength(0);
  });

  it('says which damaged articles a report had to leave out', async () => {
    const { client } = scriptedClient('web', {
      'report:build': {
        ok: true,
        value: {
          markdown: '# Report\n',
          fileName: 'all.md',
          articles: 2,
          leftOut: [{ id: 'bbb222', reason: '/lib/articles/bbb222/article.json is empty' }],
        },
      },
    });
    const { onNotice } = renderExport(client);
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole('radio', { name: 'All articles (3)' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => {
      expect(onNotice).toHaveBeenCalledWith({
        tone: 'error',
        message:
          'Report of 2 articles downloaded as all.md; left out 1 damaged article: bbb222 (/lib/articles/bbb222/article.json is empty)',
      });
    });
  });

  it('keeps the dialog open when the save dialog is cancelled', async () => {
    const { client } = scriptedClient('desktop', {
      'report:save': { ok: true, value: { path: null, articles: 1, leftOut: [] } },
    });
    const { onNotice } = renderExport(client);
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => {
      expect(within(dialog).getByRole('button', { name: 'Export' })).toBeEnabled();
    });
    expect(dialog).toBeInTheDocument();
    expect(onNotice).not.toHaveBeenCalled();
  });

  it('sends the scope chosen: the selection, a tag, a collection', async () => {
    const { client, call } = scriptedClient('web');
    renderExport(client, { selectedIds: ['aaa111', 'ccc333'] });
    let dialog = await openDialog();
    // Several selected articles: the selection is what the dialog offers first.
    expect(within(dialog).getByRole('radio', { name: 'The selected articles (2)' })).toBeChecked();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => {
      expect(reportCall(call, 'report:build')).toMatchObject({
        scope: { kind: 'articles', ids: ['aaa111', 'ccc333'] },
      });
    });

    call.mockClear();
    dialog = await openDialog();
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Tag' }), { target: { value: 'drones' } });
    expect(within(dialog).getByRole('radio', { name: 'Articles tagged' })).toBeChecked();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => {
      expect(reportCall(call, 'report:build')).toMatchObject({ scope: { kind: 'tag', tag: 'drones' } });
    });

    call.mockClear();
    dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Collection' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => {
      expect(reportCall(call, 'report:build')).toMatchObject({ scope: { kind: 'collection', id: 'case-1' } });
    });
  });

  it('remembers the options for the next export, across sessions', async () => {
    const { client, call } = scriptedClient('web');
    renderExport(client);
    let dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Include original text' }));
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Inline' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    // A new session: the window is rendered again from scratch.
    cleanup();
    renderExport(client);
    dialog = await openDialog();
    expect(within(dialog).getByRole('checkbox', { name: 'Include original text' })).not.toBeChecked();
    expect(within(dialog).getByRole('checkbox', { name: 'Include translation notes' })).toBeChecked();
    expect(within(dialog).getByRole('radio', { name: 'Inline' })).toBeChecked();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));
    await waitFor(() => {
      expect(reportCall(call, 'report:build')).toMatchObject({
        options: { includeOriginal: false, includeNotes: true, citationStyle: 'inline' },
      });
    });
  });

  it('shows why an export failed, and stays open to try again', async () => {
    const { client } = scriptedClient('web', {
      'report:build': { ok: false, error: { code: 'ARTICLE_NOT_FOUND', message: 'No article aaa111.' } },
    });
    const { onNotice } = renderExport(client);
    const dialog = await openDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The report was not built: No article aaa111.',
    );
    expect(onNotice).not.toHaveBeenCalled();
    expect(clicked).toHaveLength(0);
  });

  it('opens from the menu command, and closes with Escape', async () => {
    const { client, emit } = scriptedClient('desktop');
    renderExport(client, { currentId: null, selectedIds: [] });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    emit({ name: 'app:command', payload: { command: 'exportReport' } });
    const dialog = await screen.findByRole('dialog', { name: 'Export report' });
    // Nothing open or selected: the whole library is what can be exported.
    expect(within(dialog).getByRole('radio', { name: 'This article (none is open)' })).toBeDisabled();
    expect(within(dialog).getByRole('radio', { name: 'All articles (3)' })).toBeChecked();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await Promise.resolve();
  });
});
