// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LibraryRow } from '../../../../shared/article.ts';
import type { Client } from '../../api/client.ts';
import { fakeClient, makeArticle, renderWithServices } from '../../testing/renderWithServices.tsx';
import { TagChips } from './TagChips.tsx';
import { TagEditor } from './TagEditor.tsx';
import { TagFilter } from './TagFilter.tsx';

afterEach(cleanup);

const article = {
  ...makeArticle([{ kind: 'headline', text: 'Syrie', language: 'fr', direction: 'ltr' }]),
  tags: ['Syria'],
};

/**
 * A fake client whose article:setTags answers with the article carrying the tags it was given, and whose
 * article:get answers with `stored`, the article as on disk.
 */
function tagsClient(stored = article) {
  const call = vi.fn((channel: string, input: unknown) =>
    Promise.resolve({
      ok: true as const,
      value:
        channel === 'article:setTags'
          ? { ...article, tags: (input as { tags: string[] }).tags }
          : channel === 'article:get'
            ? { article: stored }
            : { articles: 2 },
    }),
  );
  const client = { ...fakeClient().client, call } as unknown as Client;
  return { client, call };
}

function entry(id: string, tags: string[]): LibraryRow {
  return {
    id,
    title: id,
    outlet: null,
    language: 'fr',
    publishedAt: null,
    importedAt: '2023-11-02T10:00:00.000Z',
    originalFileName: `${id}.txt`,
    tags,
    hasNotes: false,
    hasMemo: false,
    damaged: null,
  };
}

describe('TagEditor', () => {
  it('adds a tag with Enter and removes one with its button, saving the whole list each time', async () => {
    const { client, call } = tagsClient();
    const onSaved = vi.fn();
    renderWithServices(<TagEditor article={article} onSaved={onSaved} />, { client });
    const input = screen.getByRole('combobox', { name: 'Tags' });
    fireEvent.change(input, { target: { value: '  Iraq ' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(input).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Remove tag Iraq' })).toBeInTheDocument();
    await waitFor(() => {
      expect(call).toHaveBeenCalledWith('article:setTags', { id: article.id, tags: ['Syria', 'Iraq'] });
    });
    await waitFor(() => {
      expect(onSaved).toHaveBeenLastCalledWith(expect.objectContaining({ tags: ['Syria', 'Iraq'] }));
    });
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag Syria' }));
    expect(screen.queryByRole('button', { name: 'Remove tag Syria' })).toBeNull();
    await waitFor(() => {
      expect(call).toHaveBeenLastCalledWith('article:setTags', { id: article.id, tags: ['Iraq'] });
    });
  });

  it('ignores a tag already there and refuses one with control characters', () => {
    const { client, call } = tagsClient();
    renderWithServices(<TagEditor article={article} onSaved={vi.fn()} />, { client });
    const input = screen.getByRole('combobox', { name: 'Tags' });
    fireEvent.change(input, { target: { value: 'Syria' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.change(input, { target: { value: 'bad\u202etag' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.getByRole('alert')).toHaveTextContent('a tag cannot contain control characters');
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    expect(call).not.toHaveBeenCalledWith('article:setTags', expect.anything());
  });
});

describe('TagEditor, after a change elsewhere', () => {
  it('shows the tags as saved on disk, not as the reader opened them', async () => {
    const { client } = tagsClient({ ...article, tags: ['Syrie'] });
    const onSaved = vi.fn();
    renderWithServices(<TagEditor article={article} onSaved={onSaved} />, { client });
    expect(await screen.findByRole('button', { name: 'Remove tag Syrie' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove tag Syria' })).toBeNull();
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ tags: ['Syrie'] }));
  });
});

describe('TagChips', () => {
  it('shows a few tags as text and counts the rest', () => {
    renderWithServices(<TagChips tags={['a', 'b', 'c', '<b>d</b>', 'e']} />, { client: fakeClient().client });
    expect(screen.getByText('a')).toHaveClass('tag-chip');
    expect(screen.getByText('+2')).toBeInTheDocument();
  });
});

describe('TagFilter and the tag manager', () => {
  const entries = [entry('a', ['Syria', 'Iraq']), entry('b', ['Syria', 'syria']), entry('c', [])];

  function renderFilter() {
    const { client, call } = tagsClient();
    const onChange = vi.fn();
    renderWithServices(<TagFilter entries={entries} value="" onChange={onChange} />, { client });
    return { call, onChange };
  }

  it('filters by a tag of the library, counted', () => {
    const { onChange } = renderFilter();
    const select = screen.getByRole('combobox', { name: 'Tag' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['All tags', 'Iraq (1)', 'Syria (2)', 'syria (1)']);
    fireEvent.change(select, { target: { value: 'Syria' } });
    expect(onChange).toHaveBeenCalledWith('Syria');
  });

  it('renames a tag, merges several, and deletes one only after asking', async () => {
    const { call } = renderFilter();
    fireEvent.click(screen.getByRole('button', { name: 'Manage tags' }));
    const dialog = screen.getByRole('dialog', { name: 'Manage tags' });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Rename tag Iraq' }));
    const rename = within(dialog).getByRole('textbox', { name: 'New name for tag Iraq' });
    fireEvent.change(rename, { target: { value: 'Irak' } });
    fireEvent.keyDown(rename, { key: 'Enter' });
    await within(dialog).findByText('Renamed “Iraq” to “Irak” on 2 articles.');
    expect(call).toHaveBeenCalledWith('tags:rename', { from: 'Iraq', to: 'Irak' });

    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Select tag Syria' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Select tag syria' }));
    expect(within(dialog).getByRole('textbox', { name: 'Merge 2 tags into' })).toHaveValue('Syria');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Merge' }));
    await within(dialog).findByText('Merged 2 tags into “Syria” on 2 articles.');
    expect(call).toHaveBeenCalledWith('tags:merge', { tags: ['Syria', 'syria'], into: 'Syria' });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete tag syria' }));
    expect(call).not.toHaveBeenCalledWith('tags:delete', expect.anything());
    expect(within(dialog).getByText(/from 1 article\?/u)).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete tag' }));
    await within(dialog).findByText('Removed “syria” from 2 articles.');
    expect(call).toHaveBeenCalledWith('tags:delete', { tag: 'syria' });

    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
