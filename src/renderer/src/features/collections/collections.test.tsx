// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Collection } from '../../../../shared/article.ts';
import type { Client } from '../../api/client.ts';
import { fakeClient, renderWithServices } from '../../testing/renderWithServices.tsx';
import { ArticleCollections } from './ArticleCollections.tsx';
import { CollectionFilter } from './CollectionFilter.tsx';

afterEach(cleanup);

function collection(id: string, name: string, articleIds: string[]): Collection {
  return { id, name, articleIds, createdAt: '2024-01-01', updatedAt: '2024-01-01' };
}

/** A fake client holding collections in memory, as the core would. */
function collectionsClient(initial: Collection[]) {
  let collections = initial;
  const handle = (channel: string, input: unknown): unknown => {
    switch (channel) {
      case 'collections:list':
        return { collections };
      case 'collections:create': {
        const { name, articleIds } = input as { name: string; articleIds: string[] };
        const created = collection(`c${String(collections.length + 1)}`, name, articleIds);
        collections = [...collections, created];
        return created;
      }
      case 'collections:update': {
        const change = input as { id: string; name?: string; add?: string[]; remove?: string[] };
        collections = collections.map((existing) =>
          existing.id === change.id
            ? {
                ...existing,
                name: change.name ?? existing.name,
                articleIds: [...existing.articleIds, ...(change.add ?? [])].filter(
                  (id) => !(change.remove ?? []).includes(id),
                ),
              }
            : existing,
        );
        return collections.find((existing) => existing.id === change.id);
      }
      case 'collections:delete':
        collections = collections.filter((existing) => existing.id !== (input as { id: string }).id);
        return {};
      default:
        return {};
    }
  };
  const call = vi.fn((channel: string, input: unknown) =>
    Promise.resolve({ ok: true as const, value: handle(channel, input) }),
  );
  const client = { ...fakeClient().client, call } as unknown as Client;
  return { client, call };
}

describe('ArticleCollections', () => {
  it('adds the open article to a collection, takes it out, and starts a new one with it', async () => {
    const { client, call } = collectionsClient([
      collection('c1', 'Case Tanf', []),
      collection('c2', 'Report', ['a1']),
    ]);
    renderWithServices(<ArticleCollections articleId="a1" />, { client });
    const tanf = await screen.findByRole('checkbox', { name: 'Case Tanf' });
    expect(tanf).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Report' })).toBeChecked();

    fireEvent.click(tanf);
    await waitFor(() => {
      expect(screen.getByRole('checkbox', { name: 'Case Tanf' })).toBeChecked();
    });
    expect(call).toHaveBeenCalledWith('collections:update', { id: 'c1', add: ['a1'] });

    fireEvent.click(screen.getByRole('checkbox', { name: 'Report' }));
    await waitFor(() => {
      expect(screen.getByRole('checkbox', { name: 'Report' })).not.toBeChecked();
    });
    expect(call).toHaveBeenCalledWith('collections:update', { id: 'c2', remove: ['a1'] });

    const input = screen.getByRole('textbox', { name: 'New collection with this article' });
    fireEvent.change(input, { target: { value: ' Al-Omar ' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(await screen.findByRole('checkbox', { name: 'Al-Omar' })).toBeChecked();
    expect(call).toHaveBeenCalledWith('collections:create', { name: 'Al-Omar', articleIds: ['a1'] });
  });
});

describe('CollectionFilter', () => {
  it('offers all articles or one collection, and manages them: create, rename, delete after asking', async () => {
    const { client, call } = collectionsClient([collection('c1', 'Case Tanf', ['a1', 'a2'])]);
    const onChange = vi.fn();
    const onChanged = vi.fn();
    const collections = [collection('c1', 'Case Tanf', ['a1', 'a2'])];
    renderWithServices(
      <CollectionFilter
        collections={collections}
        value=""
        onChange={onChange}
        articleIds={['a1']}
        onChanged={onChanged}
      />,
      { client },
    );
    const select = screen.getByRole('combobox', { name: 'Collection' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['All articles', 'Case Tanf (2)']);
    fireEvent.change(select, { target: { value: 'c1' } });
    expect(onChange).toHaveBeenCalledWith('c1');

    fireEvent.click(screen.getByRole('button', { name: 'Manage collections' }));
    const dialog = screen.getByRole('dialog', { name: 'Manage collections' });
    const name = within(dialog).getByRole('textbox', { name: 'New collection name' });
    expect(name).toHaveFocus();
    fireEvent.change(name, { target: { value: 'Empty case' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Start it with the open article/u }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    await within(dialog).findByText('Created “Empty case”.');
    expect(call).toHaveBeenCalledWith('collections:create', { name: 'Empty case', articleIds: [] });
    expect(onChanged).toHaveBeenCalled();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Rename collection Case Tanf' }));
    const rename = within(dialog).getByRole('textbox', { name: 'New name for collection Case Tanf' });
    fireEvent.change(rename, { target: { value: 'Case Al-Tanf' } });
    fireEvent.keyDown(rename, { key: 'Enter' });
    await within(dialog).findByText('Renamed to “Case Al-Tanf”.');
    expect(call).toHaveBeenCalledWith('collections:update', { id: 'c1', name: 'Case Al-Tanf' });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete collection Case Tanf' }));
    expect(call).not.toHaveBeenCalledWith('collections:delete', expect.anything());
    expect(within(dialog).getByText(/Its 2 articles/u)).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete collection' }));
    await within(dialog).findByText(/Deleted “Case Tanf”/u);
    expect(call).toHaveBeenCalledWith('collections:delete', { id: 'c1' });
  });
});
