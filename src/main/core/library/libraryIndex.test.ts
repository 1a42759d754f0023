import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { IndexEntry } from '../../../shared/article.ts';
import { arrangeFirst, DEFAULT_VIEW } from '../../../shared/arrangeEntries.ts';
import { addToFingerprint, emptyFingerprint, hashesOf } from './entryFingerprint.ts';
import { INDEX_FILE, LibraryIndex } from './libraryIndex.ts';

function entry(id: string, tags: string[] = []): IndexEntry {
  return {
    id,
    title: `Article ${id}`,
    outlet: 'Press TV',
    language: 'fr',
    publishedAt: '2024-01-29',
    importedAt: `2026-01-01T00:00:0${id.length % 10}.000Z`,
    originalFileName: `${id}.txt`,
    sha256: id.padEnd(64, '0'),
    textSha256: id.padEnd(64, '1'),
    tags,
    hasNotes: false,
    hasMemo: false,
    damaged: null,
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'workbench-index-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('keeps durable and batch changes, and a fingerprint that matches its entries, across a reopen', async () => {
  const index = new LibraryIndex(dir);
  await index.replaceAll([]);
  // A batch's entries, written without a sync, then a durable edit and the batch's end.
  for (let number = 0; number < 500; number += 1)
    await index.put(entry(`a${String(number)}`), { durable: false });
  await index.put(entry('a7', ['Aïn al-Assad']), { durable: true });
  await index.delete('a8', { durable: true });
  await index.compact();
  const ids = index.ids();
  index.close();

  const reopened = new LibraryIndex(dir);
  await reopened.load();
  expect(reopened.problem).toBeNull();
  expect(reopened.size).toBe(499);
  expect(reopened.get('a7')?.tags).toEqual(['Aïn al-Assad']);
  expect(reopened.has('a8')).toBe(false);
  // A changed entry keeps its place in the list.
  expect(reopened.ids()).toEqual(ids);
  expect(reopened.ids()[7]).toBe('a7');
  const fresh = emptyFingerprint();
  for (const kept of reopened.entries()) addToFingerprint(fresh, hashesOf(kept), 1);
  expect(reopened.fingerprint()).toEqual(fresh);
  reopened.close();
});

it('answers the same from disk and from the whole list once it is read', async () => {
  const index = new LibraryIndex(dir);
  await index.replaceAll([entry('one'), entry('two')]);
  expect(index.get('two')?.title).toBe('Article two');
  expect(index.idBySha256(entry('two').sha256)).toBe('two');
  expect(index.entries().map((kept) => kept.id)).toEqual(['one', 'two']);
  await index.put(entry('three'), { durable: true });
  await index.put({ ...entry('one'), hasNotes: true }, { durable: true });
  await index.delete('two', { durable: true });
  const fromMemory = index.entries();
  expect(fromMemory.map((kept) => kept.id)).toEqual(['one', 'three']);
  index.close();
  const reopened = new LibraryIndex(dir);
  await reopened.load();
  expect(reopened.entries()).toEqual(fromMemory);
  expect(reopened.idBySha256(entry('two').sha256)).toBeUndefined();
  reopened.close();
});

it('picks the newest-first view’s first rows from the newest articles alone', async () => {
  const dates = [
    '2024-01-03',
    '2024-01-01',
    null,
    '2024-01-03',
    '',
    '2024-01-02',
    '2023-12-31',
    '2024-01-02',
  ];
  const entries = dates.map((publishedAt, number) => ({
    ...entry(`n${String(number)}`),
    // Equal titles two by two, so that ties fall through to the list's order.
    title: `Title ${String(number % 2)}`,
    publishedAt,
    importedAt: `2026-01-01T00:00:0${String(number)}.000Z`,
  }));
  const index = new LibraryIndex(dir);
  await index.replaceAll(entries);
  // Only what the first rows need is read: not the undated or older ones.
  expect(index.newest(2).map((kept) => kept.id)).toEqual(['n0', 'n3']);
  expect(index.newest(3).map((kept) => kept.id)).toEqual(['n0', 'n3', 'n5', 'n7']);
  index.close();
  for (const count of [1, 2, 3, 4, 5, 6, 7, 8, 20]) {
    // A fresh index each time: once the whole list is read, newest() answers from it.
    const fresh = new LibraryIndex(dir);
    await fresh.load();
    const newest = fresh.newest(count);
    expect(arrangeFirst(newest, DEFAULT_VIEW, count)).toEqual(arrangeFirst(entries, DEFAULT_VIEW, count));
    fresh.close();
  }
});

it('reports a damaged file and leaves it for the caller to quarantine', async () => {
  await writeFile(
    path.join(dir, INDEX_FILE),
    'not a database at all, but long enough to be read as one '.repeat(20),
  );
  const index = new LibraryIndex(dir);
  await index.load();
  expect(index.problem).toContain(INDEX_FILE);
  expect(index.damagedFiles).toEqual([path.join(dir, INDEX_FILE)]);
  await index.replaceAll([entry('one')]);
  expect(index.problem).toBeNull();
  expect(index.size).toBe(1);
  index.close();
});

it('answers from memory when it cannot write the rebuilt index, and leaves what is on disk alone', async () => {
  const index = new LibraryIndex(dir);
  await index.replaceAll([entry('old')]);
  index.close();
  // Something the index cannot be moved over: a folder where its -journal goes.
  await mkdir(path.join(dir, `${INDEX_FILE}-journal`));
  await writeFile(path.join(dir, `${INDEX_FILE}-journal`, 'keep'), '');
  const reopened = new LibraryIndex(dir);
  await reopened.load();
  await expect(reopened.replaceAll([entry('one'), entry('two')])).rejects.toMatchObject({
    code: 'WRITE_FAILED',
  });
  expect(reopened.size).toBe(2);
  expect(reopened.get('two')?.title).toBe('Article two');
  expect(reopened.entries().map((kept) => kept.id)).toEqual(['one', 'two']);
  await reopened.put(entry('three'), { durable: true });
  expect(reopened.ids()).toEqual(['one', 'two', 'three']);
  reopened.close();
  await rm(path.join(dir, `${INDEX_FILE}-journal`), { recursive: true });
  const onDisk = new LibraryIndex(dir);
  await onDisk.load();
  expect(onDisk.ids()).toEqual(['old']);
  onDisk.close();
});

/** An index whose database refuses one article: undoing that change alone, or the whole transaction. */
async function indexRefusing(how: 'ABORT' | 'ROLLBACK'): Promise<LibraryIndex> {
  const setUp = new LibraryIndex(dir);
  await setUp.replaceAll([entry('kept')]);
  setUp.close();
  const db = new DatabaseSync(path.join(dir, INDEX_FILE));
  db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON entries WHEN NEW.id = 'refused'
    BEGIN SELECT RAISE(${how}, 'the disk is full, say'); END`);
  db.close();
  const index = new LibraryIndex(dir);
  await index.load();
  return index;
}

function fingerprintOfEntries(index: LibraryIndex) {
  const fresh = emptyFingerprint();
  for (const kept of index.entries()) if (kept.damaged === null) addToFingerprint(fresh, hashesOf(kept), 1);
  return fresh;
}

it('undoes only the change that failed, keeping the batch before it', async () => {
  const index = await indexRefusing('ABORT');
  await index.put(entry('batch1'), { durable: false });
  await expect(index.put(entry('refused'), { durable: false })).rejects.toMatchObject({
    code: 'WRITE_FAILED',
  });
  await index.compact();
  expect(index.ids()).toEqual(['kept', 'batch1']);
  expect(index.size).toBe(2);
  expect(index.fingerprint()).toEqual(fingerprintOfEntries(index));
  index.close();
});

it('follows the database when a failure ends the whole batch’s transaction', async () => {
  const index = await indexRefusing('ROLLBACK');
  await index.put(entry('batch1'), { durable: false });
  await expect(index.put(entry('refused'), { durable: true })).rejects.toMatchObject({
    code: 'WRITE_FAILED',
  });
  // The batch went with it, in memory as on disk (its folders are found again at the next open).
  expect(index.has('batch1')).toBe(false);
  expect(index.size).toBe(1);
  expect(index.fingerprint()).toEqual(fingerprintOfEntries(index));
  await index.put(entry('after'), { durable: true });
  index.close();
  const reopened = new LibraryIndex(dir);
  await reopened.load();
  expect(reopened.ids()).toEqual(['kept', 'after']);
  expect(reopened.fingerprint()).toEqual(fingerprintOfEntries(reopened));
  reopened.close();
});
