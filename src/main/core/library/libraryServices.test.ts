import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_FIXTURE } from '../../../../tests/corpusPath.ts';
import { importFiles } from '../import/importFiles.ts';
import { ParserPool } from '../import/parserPool.ts';
import { COLLECTIONS_FILE } from './collections.ts';
import { openLibrary, TRASH_DIR, type Library, type LibraryChange } from './openLibrary.ts';

let temp: string;
let library: Library;
let pool: ParserPool;
let changes: LibraryChange[];

beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'workbench-services-'));
  ({ library } = await openLibrary(temp, { mode: 'write', create: true }));
  pool = new ParserPool({ size: 1 });
  changes = [];
  library.onChange((change) => changes.push(change));
});

afterEach(async () => {
  await pool.close();
  await library.close();
  await rm(temp, { recursive: true, force: true });
});

/** Imports the seed and a second, different article; returns their ids. */
async function importTwo(): Promise<[string, string]> {
  const other = path.join(temp, 'other.txt');
  await import('node:fs/promises').then(({ writeFile }) =>
    writeFile(other, 'A second article\n\nIts only paragraph talks about something else entirely.\n'),
  );
  const results = await importFiles(library, [SEED_FIXTURE, other], { pool });
  const ids = results.map((result) => result.id);
  if (ids[0] === undefined || ids[1] === undefined) throw new Error(JSON.stringify(results));
  return [ids[0], ids[1]];
}

async function reopen(): Promise<Library> {
  await library.close();
  ({ library } = await openLibrary(temp, { mode: 'write' }));
  library.onChange((change) => changes.push(change));
  return library;
}

describe('tags', () => {
  it('sets tags trimmed, NFC and without repeats, on disk and in the index', async () => {
    const [id] = await importTwo();
    await library.setTags(id, ['  Syrie ', 'Al-Tanf', 'Syrie', 'Cafe\u0301', '']);
    const expected = ['Syrie', 'Al-Tanf', 'Café'];
    expect((await library.readArticle(id)).tags).toEqual(expected);
    expect(library.entry(id)?.tags).toEqual(expected);
    expect(changes).toContainEqual({ kind: 'tags-saved', id });
    expect((await reopen()).entry(id)?.tags).toEqual(expected);
  });

  it('renames, merges and deletes a tag across articles', async () => {
    const [first, second] = await importTwo();
    await library.setTags(first, ['syria', 'oil']);
    await library.setTags(second, ['Syria', 'usa']);
    expect(await library.renameTag('syria', 'Syria')).toBe(1);
    expect(library.entry(first)?.tags).toEqual(['Syria', 'oil']);
    expect(await library.mergeTags(['oil', 'usa'], 'energy')).toBe(2);
    expect(library.entry(first)?.tags).toEqual(['Syria', 'energy']);
    expect(library.entry(second)?.tags).toEqual(['Syria', 'energy']);
    expect(await library.deleteTag('Syria')).toBe(2);
    expect((await library.readArticle(second)).tags).toEqual(['energy']);
    expect(await library.deleteTag('nowhere')).toBe(0);
  });

  it('keeps a tag change and a memo save of the same article that arrive together', async () => {
    const [id] = await importTwo();
    const doc = {
      type: 'doc' as const,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }],
    };
    await Promise.all([
      library.saveMemo(id, doc),
      library.setTags(id, ['kept']),
      library.updateMetadata(id, 'author', 'A. N. Other'),
    ]);
    const entry = (await reopen()).entry(id);
    expect(entry).toMatchObject({ tags: ['kept'], hasMemo: true });
    expect((await library.readArticle(id)).metadata.author).toEqual({
      value: 'A. N. Other',
      origin: 'analyst',
    });
  });
});

describe('trash', () => {
  it('moves an article with its notes to the trash and restores it intact', async () => {
    const [id, other] = await importTwo();
    const article = await library.readArticle(id);
    const block = article.blocks[2]!;
    await library.saveNote(id, block.id, { translation: 'traduction', note: 'remarque' });
    const notesBefore = await readFile(path.join(library.articleDir(id), 'notes.json'), 'utf8');

    expect(await library.moveToTrash([id, 'ffffffffffff'])).toEqual([id]);
    expect(library.entry(id)).toBeUndefined();
    expect(library.list().map((entry) => entry.id)).toEqual([other]);
    const trash = await library.listTrash();
    expect(trash).toHaveLength(1);
    expect(trash[0]).toMatchObject({
      id,
      hasNotes: true,
      title: article.metadata.title.value,
      damaged: null,
    });
    expect(Date.parse(trash[0]!.deletedAt)).toBeGreaterThan(Date.now() - 60_000);
    // Still gone after reopening: the index is not the only record of it.
    expect((await reopen()).entry(id)).toBeUndefined();

    expect(await library.restoreFromTrash([id])).toEqual([id]);
    expect(library.entry(id)).toMatchObject({ id, hasNotes: true });
    expect(await readFile(path.join(library.articleDir(id), 'notes.json'), 'utf8')).toBe(notesBefore);
    expect(await library.listTrash()).toEqual([]);
    expect(changes.map((change) => change.kind)).toEqual(
      expect.arrayContaining(['article-trashed', 'article-restored']),
    );
  });

  it('refuses to restore over the same file imported again, and keeps both', async () => {
    const [id] = await importTwo();
    await library.moveToTrash([id]);
    const [again] = await importFiles(library, [SEED_FIXTURE], { pool });
    expect(again?.id).toBe(id);
    await expect(library.restoreFromTrash([id])).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    expect(await library.listTrash()).toHaveLength(1);
    expect(library.entry(id)).toBeDefined();
  });

  it('empties the trash for good and drops the ids from collections', async () => {
    const [id, other] = await importTwo();
    const collection = await library.createCollection('Case A', [id, other]);
    await library.moveToTrash([id]);
    expect(await library.emptyTrash()).toBe(1);
    expect(await library.listTrash()).toEqual([]);
    expect(await readdir(path.join(temp, TRASH_DIR))).toEqual([]);
    expect((await library.listCollections()).find((found) => found.id === collection.id)?.articleIds).toEqual(
      [other],
    );
    expect(await library.emptyTrash()).toBe(0);
  });
});

/** Imports `count` small distinct articles; returns their ids. */
async function importMany(count: number): Promise<string[]> {
  const { writeFile } = await import('node:fs/promises');
  const files: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const file = path.join(temp, `many-${String(index)}.txt`);
    await writeFile(
      file,
      `Article number ${String(index)}\n\nA paragraph that differs: ${String(index * 7919)}.\n`,
    );
    files.push(file);
  }
  const results = await importFiles(library, files, { pool });
  return results.map((result) => result.id ?? '');
}

describe('trash under load', () => {
  it('dates every article of a large batch right and empties only what it listed', async () => {
    const ids = await importMany(40);
    // Asked in this order while the first move is still running: they happen in this order.
    const firstMoved = library.moveToTrash(ids.slice(0, 38));
    const emptied = library.emptyTrash();
    const moreMoved = library.moveToTrash(ids.slice(38));
    expect(await firstMoved).toHaveLength(38);
    expect(await emptied).toBe(38);
    expect(await moreMoved).toEqual(ids.slice(38));
    // The two moved after the listing are still in the trash, dated today.
    const trash = await library.listTrash();
    expect(trash.map((entry) => entry.id).sort()).toEqual(ids.slice(38).sort());
    for (const entry of trash)
      expect(Math.abs(Date.parse(entry.deletedAt) - Date.now())).toBeLessThan(600_000);
    expect(library.list()).toEqual([]);
    expect((await reopen()).list()).toEqual([]);
  });

  it('renames a tag on every article it can, skipping one trashed meanwhile', async () => {
    const ids = await importMany(3);
    for (const id of ids) await library.setTags(id, ['old']);
    const [renamed] = await Promise.all([library.renameTag('old', 'new'), library.moveToTrash([ids[1]!])]);
    const tagsNow = ids.map((id) => library.entry(id)?.tags ?? null);
    expect(tagsNow[0]).toEqual(['new']);
    expect(tagsNow[2]).toEqual(['new']);
    expect(renamed).toBeGreaterThanOrEqual(2);
  });
});

describe('collections', () => {
  it('creates, updates, lists and deletes collections, durably', async () => {
    const [id, other] = await importTwo();
    const created = await library.createCollection('  Al-Tanf case ', [id]);
    expect(created).toMatchObject({ name: 'Al-Tanf case', articleIds: [id] });
    const updated = await library.updateCollection(created.id, {
      name: 'Tanf',
      add: [other, id],
      remove: [id],
    });
    expect(updated).toMatchObject({ name: 'Tanf', articleIds: [other] });
    expect(changes).toContainEqual({ kind: 'collections-saved', id: created.id, articleIds: [id, other] });
    expect(await library.collectionsOf(other)).toEqual([created.id]);
    expect(await (await reopen()).listCollections()).toEqual([updated]);
    const onDisk = JSON.parse(await readFile(path.join(temp, COLLECTIONS_FILE), 'utf8')) as unknown;
    expect(onDisk).toMatchObject({ schemaVersion: 1, collections: [{ id: created.id, name: 'Tanf' }] });
    await library.deleteCollection(created.id);
    expect(await library.listCollections()).toEqual([]);
    await expect(library.deleteCollection(created.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
