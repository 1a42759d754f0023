import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { IndexEntry } from '../../../shared/article.ts';
import { LibraryIndex } from './libraryIndex.ts';

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

it('keeps a change saved while a compaction rewrites the snapshot', async () => {
  const index = new LibraryIndex(dir);
  await index.load();
  // A batch's entries, in memory and not yet on disk, then the batch's compaction with a
  // durable edit (a tag) arriving while the snapshot is being written.
  for (let number = 0; number < 2_000; number += 1)
    await index.put(entry(`a${String(number)}`), { durable: false });
  const compaction = index.compact();
  const tagged = index.put(entry('a7', ['Aïn al-Assad']), { durable: true });
  await Promise.all([compaction, tagged]);

  const reopened = new LibraryIndex(dir);
  await reopened.load();
  expect(reopened.problem).toBeNull();
  expect(reopened.size).toBe(2_000);
  expect(reopened.get('a7')?.tags).toEqual(['Aïn al-Assad']);
  expect(reopened.fingerprint()).toEqual(index.fingerprint());
});
