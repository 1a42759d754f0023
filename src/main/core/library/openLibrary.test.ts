import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeArticle } from '../../../../tests/makeArticle.ts';
import { WorkbenchError } from '../../../shared/errors.ts';
import { LEGACY_INDEX_FILE, LEGACY_JOURNAL_FILE } from './legacyIndex.ts';
import { INDEX_FILE } from './libraryIndex.ts';
import { LOCK_FILE, acquireLibraryLock } from './libraryLock.ts';
import { openLibrary } from './openLibrary.ts';

async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files[path.relative(dir, full)] = (await readFile(full)).toString('base64');
    }
  };
  await walk(dir);
  return files;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'workbench-library-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the library on disk', () => {
  it('stores an article in its own folder and lists it again after reopening', async () => {
    const { library } = await openLibrary(dir, { mode: 'write', create: true });
    const { article, original } = makeArticle('First article');
    await library.addArticle(article, original, { durable: true });
    await library.close();

    const folder = path.join(dir, 'articles', article.id);
    expect((await readdir(folder)).sort()).toEqual(['article.json', 'original.txt']);
    expect(await readFile(path.join(folder, 'original.txt'))).toEqual(Buffer.from(original));

    const { library: again } = await openLibrary(dir, { mode: 'read' });
    expect(again.list().map((entry) => entry.id)).toEqual([article.id]);
    expect((await again.readArticle(article.id)).metadata.title.value).toBe('First article');
    expect(again.findBySha256(article.sha256)).toBe(article.id);
  });

  it('saves notes and memos durably and marks the index', async () => {
    const { library } = await openLibrary(dir, { mode: 'write', create: true });
    const { article, original } = makeArticle('Annotated');
    await library.addArticle(article, original, { durable: false });
    await library.saveNote(article.id, 'b1', { translation: 'Annoté', note: 'check the date' });
    await library.saveMemo(article.id, {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Memo' }] }],
    });
    await expect(library.saveNote(article.id, 'nope', { translation: 'x', note: '' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await library.close();

    expect((await readdir(path.join(dir, 'articles', article.id))).sort()).toEqual([
      'article.json',
      'memo.json',
      'notes.json',
      'original.txt',
    ]);
    const { library: again } = await openLibrary(dir, { mode: 'read' });
    expect((await again.readNotes(article.id)).notes.b1?.translation).toBe('Annoté');
    expect(again.entry(article.id)).toMatchObject({ hasNotes: true, hasMemo: true });
  });

  it('stamps each save of a note later than the one it replaces, even when the clock steps back', async () => {
    const { library } = await openLibrary(dir, { mode: 'write', create: true });
    const { article, original } = makeArticle('Stamped notes');
    await library.addArticle(article, original, { durable: false });
    // Only the clock is faked: the library's file work runs on real timers.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T10:00:00.000Z'));
    try {
      const first = await library.saveNote(article.id, 'b1', { translation: 'un', note: '' });
      const sameMillisecond = await library.saveNote(article.id, 'b1', { translation: 'deux', note: '' });
      vi.setSystemTime(new Date('2026-11-25T09:00:00.000Z'));
      const clockBack = await library.saveNote(article.id, 'b1', { translation: 'trois', note: '' });
      expect(sameMillisecond.updatedAt > first.updatedAt).toBe(true);
      expect(clockBack.updatedAt > sameMillisecond.updatedAt).toBe(true);
    } finally {
      vi.useRealTimers();
      await library.close();
    }
  });

  it('marks an article as having a memo only when the memo holds text, however deep', async () => {
    const { library } = await openLibrary(dir, { mode: 'write', create: true });
    const { article, original } = makeArticle('Memo marker');
    await library.addArticle(article, original, { durable: false });
    await library.saveMemo(article.id, {
      type: 'doc',
      content: [{ type: 'paragraph' }, { type: 'horizontalRule' }],
    });
    expect(library.entry(article.id)).toMatchObject({ hasMemo: false });
    const listItem = {
      type: 'listItem',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }],
    };
    await library.saveMemo(article.id, {
      type: 'doc',
      content: [{ type: 'bulletList', content: [listItem] }],
    });
    expect(library.entry(article.id)).toMatchObject({ hasMemo: true });
    await library.close();
  });

  it('opens an article with the saves already sent for it, even those still being written', async () => {
    const { library } = await openLibrary(dir, { mode: 'write', create: true });
    const { article, original } = makeArticle('Reloaded while typing');
    await library.addArticle(article, original, { durable: false });
    const memo = (text: string) => ({
      type: 'doc' as const,
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    });
    await library.saveMemo(article.id, memo('Before the reload'));
    // The closing page's last saves, not awaited: the new page asks for the article at once.
    const lastSaves = [
      library.saveMemo(article.id, memo('Before the reload, and the last words')),
      library.saveNote(article.id, 'b1', { translation: 'Dernier mot', note: '' }),
    ];
    const opened = await library.readOpened(article.id);
    expect(JSON.stringify(opened.memo.doc)).toContain('and the last words');
    expect(opened.notes.notes.b1?.translation).toBe('Dernier mot');
    expect(opened.article.id).toBe(article.id);
    await Promise.all(lastSaves);
    await library.close();
  });

  describe('a memo saved as a splice of its paragraphs', () => {
    const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
    const texts = (doc: unknown) =>
      (doc as { content: { content: { text: string }[] }[] }).content.map((node) => node.content[0]?.text);

    async function libraryWithMemo(...paragraphs: string[]) {
      const { library } = await openLibrary(dir, { mode: 'write', create: true });
      const { article, original } = makeArticle('Memo article');
      await library.addArticle(article, original, { durable: true });
      const saved = await library.saveMemo(article.id, { type: 'doc', content: paragraphs.map(paragraph) });
      return { library, id: article.id, base: saved.updatedAt ?? '' };
    }

    it('replaces, inserts and removes paragraphs of the version it was made to, durably', async () => {
      const { library, id, base } = await libraryWithMemo('one', 'two', 'three', 'four');
      const first = await library.patchMemo(id, {
        base,
        baseCount: 4,
        from: 1,
        to: 3,
        nodes: [paragraph('two, edited'), paragraph('new'), paragraph('also new')],
      });
      expect(first.updatedAt).not.toBe(base);
      // The next change is made to the version the first one produced.
      await library.patchMemo(id, { base: first.updatedAt, baseCount: 5, from: 0, to: 1, nodes: [] });
      await library.close();

      const { library: again } = await openLibrary(dir, { mode: 'read' });
      const memo = await again.readMemo(id);
      expect(texts(memo.doc)).toEqual(['two, edited', 'new', 'also new', 'four']);
      expect(again.entry(id)).toMatchObject({ hasMemo: true });
    });

    it('refuses a change made to another version, or out of its bounds, and leaves memo.json as it was', async () => {
      const { library, id, base } = await libraryWithMemo('one', 'two');
      const file = path.join(dir, 'articles', id, 'memo.json');
      const before = await readFile(file);
      const refused = [
        { base: '2001-01-01T00:00:00.000Z', baseCount: 2, from: 0, to: 1, nodes: [] },
        { base, baseCount: 3, from: 0, to: 1, nodes: [] },
        { base, baseCount: 2, from: 2, to: 1, nodes: [] },
        { base, baseCount: 2, from: 0, to: 3, nodes: [] },
      ];
      for (const splice of refused) {
        await expect(library.patchMemo(id, splice)).rejects.toMatchObject({ code: 'SAVE_CONFLICT' });
      }
      // A whole save since (another window) makes the old base stale too.
      await library.saveMemo(id, { type: 'doc', content: [paragraph('from elsewhere')] });
      const afterOther = await readFile(file);
      await expect(
        library.patchMemo(id, { base, baseCount: 2, from: 0, to: 1, nodes: [paragraph('late')] }),
      ).rejects.toMatchObject({ code: 'SAVE_CONFLICT' });
      expect(await readFile(file)).toEqual(afterOther);
      expect(afterOther).not.toEqual(before);
      await library.close();
    });

    it('stamps a new version later than the one it replaces, even within the same millisecond', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-24T10:00:00.000Z') });
      try {
        const { library, id, base } = await libraryWithMemo('one');
        const next = await library.patchMemo(id, {
          base,
          baseCount: 1,
          from: 0,
          to: 1,
          nodes: [paragraph('1')],
        });
        expect(base).toBe('2026-11-24T10:00:00.000Z');
        expect(next.updatedAt).toBe('2026-11-24T10:00:00.001Z');
        // The change made to the first version no longer passes as made to the second.
        await expect(
          library.patchMemo(id, { base, baseCount: 1, from: 0, to: 1, nodes: [] }),
        ).rejects.toMatchObject({ code: 'SAVE_CONFLICT' });
        // Nor does it after a whole save by another window in that millisecond.
        const other = await library.saveMemo(id, { type: 'doc', content: [paragraph('other window')] });
        expect(other.updatedAt).toBe('2026-11-24T10:00:00.002Z');
        await expect(
          library.patchMemo(id, { base: next.updatedAt, baseCount: 1, from: 0, to: 1, nodes: [] }),
        ).rejects.toMatchObject({ code: 'SAVE_CONFLICT' });
        await library.close();
      } finally {
        vi.useRealTimers();
      }
    });

    it('refuses a change to a memo that is damaged or was never saved, so that the window saves it whole', async () => {
      const { library, id, base } = await libraryWithMemo('one');
      const file = path.join(dir, 'articles', id, 'memo.json');
      await writeFile(file, '{ torn');
      await expect(
        library.patchMemo(id, { base, baseCount: 1, from: 0, to: 1, nodes: [] }),
      ).rejects.toMatchObject({ code: 'SAVE_CONFLICT' });
      expect(await readFile(file, 'utf8')).toBe('{ torn');
      const other = makeArticle('No memo yet');
      await library.addArticle(other.article, other.original, { durable: true });
      await expect(
        library.patchMemo(other.article.id, { base: '', baseCount: 0, from: 0, to: 0, nodes: [] }),
      ).rejects.toMatchObject({ code: 'SAVE_CONFLICT' });
      await library.close();
    });
  });

  it('reports a damaged article.json with its path and keeps the file as it was', async () => {
    const { library } = await openLibrary(dir, { mode: 'write', create: true });
    const good = makeArticle('Good');
    const bad = makeArticle('Bad');
    await library.addArticle(good.article, good.original, { durable: false });
    await library.addArticle(bad.article, bad.original, { durable: false });
    await library.close();
    const badFile = path.join(dir, 'articles', bad.article.id, 'article.json');
    await writeFile(badFile, '{"schemaVersion": 1, "id": "truncated');
    await rm(path.join(dir, INDEX_FILE));
    const before = await readFile(badFile, 'utf8');

    const { library: reopened, report } = await openLibrary(dir, { mode: 'write' });
    expect(report.addedFromFolders).toBe(2);
    const damaged = reopened.list().find((entry) => entry.id === bad.article.id);
    expect(damaged?.damaged).toContain(badFile);
    expect(reopened.list().find((entry) => entry.id === good.article.id)?.damaged).toBeNull();
    await expect(reopened.readArticle(bad.article.id)).rejects.toMatchObject({ code: 'ARTICLE_DAMAGED' });
    await reopened.close();
    expect(await readFile(badFile, 'utf8')).toBe(before);
  });

  it('releases the library when the index it rebuilt cannot be written, so that a second try can open it', async () => {
    const { library } = await openLibrary(dir, { mode: 'write', create: true });
    const { article, original } = makeArticle('Kept');
    await library.addArticle(article, original, { durable: true });
    await library.close();
    await writeFile(
      path.join(dir, INDEX_FILE),
      'not a database at all, but long enough to be one '.repeat(20),
    );
    // Something the rebuilt index cannot be moved over: a folder where its -journal goes.
    const blocker = path.join(dir, `${INDEX_FILE}-journal`);
    await mkdir(blocker);
    await writeFile(path.join(blocker, 'keep'), '');
    await expect(openLibrary(dir, { mode: 'write' })).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    await rm(blocker, { recursive: true });
    const { library: again } = await openLibrary(dir, { mode: 'write' });
    expect(again.list().map((entry) => entry.id)).toEqual([article.id]);
    await again.close();
  });

  it('rebuilds a garbage index from the folders and picks up folders the index missed', async () => {
    const { library } = await openLibrary(dir, { mode: 'write', create: true });
    const one = makeArticle('One');
    const two = makeArticle('Two');
    await library.addArticle(one.article, one.original, { durable: false });
    await library.close();
    // A folder that arrived without an index line (a kill between rename and journal, or a sync).
    const { library: other } = await openLibrary(path.join(dir, '..', `${path.basename(dir)}-other`), {
      mode: 'write',
      create: true,
    });
    await other.addArticle(two.article, two.original, { durable: false });
    await other.close();
    await mkdir(path.join(dir, 'articles', two.article.id));
    for (const name of await readdir(path.join(other.dir, 'articles', two.article.id))) {
      await writeFile(
        path.join(dir, 'articles', two.article.id, name),
        await readFile(path.join(other.dir, 'articles', two.article.id, name)),
      );
    }
    await rm(other.dir, { recursive: true });

    const { library: read, report } = await openLibrary(dir, { mode: 'read' });
    expect(report.addedFromFolders).toBe(1);
    expect(
      read
        .list()
        .map((entry) => entry.id)
        .sort(),
    ).toEqual([one.article.id, two.article.id].sort());
    await read.close();

    await writeFile(path.join(dir, INDEX_FILE), 'garbage');
    const { library: repaired, report: second } = await openLibrary(dir, { mode: 'write' });
    expect(second.indexRebuilt).toContain(INDEX_FILE);
    expect(repaired.size).toBe(2);
    await repaired.close();
    const { library: reader, report: third } = await openLibrary(dir, { mode: 'read' });
    expect(third.indexRebuilt).toBeNull();
    expect(third.addedFromFolders).toBe(0);
    expect(reader.size).toBe(2);
    await reader.close();
  });

  it('moves an index of an older version (library.json and its journal) into library.sqlite, keeping the old files', async () => {
    const { library } = await openLibrary(dir, { mode: 'write', create: true });
    const one = makeArticle('Première dépêche');
    const two = makeArticle('Второе сообщение');
    await library.addArticle(one.article, one.original, { durable: true });
    await library.addArticle(two.article, two.original, { durable: true });
    await library.saveNote(one.article.id, one.article.blocks[0]!.id, { translation: 'First', note: '' });
    const before = library.list();
    await library.setTags(two.article.id, ['Aïn al-Assad']);
    const entries = library.list();
    const fingerprint = library.fingerprint();
    await library.close();
    // An index as version 1 wrote it: one object per article, then a journal line and a torn one.
    await rm(path.join(dir, INDEX_FILE));
    const legacy = JSON.stringify({ schemaVersion: 1, articles: before });
    await writeFile(path.join(dir, LEGACY_INDEX_FILE), legacy);
    const tagged = entries.find((entry) => entry.id === two.article.id);
    await writeFile(
      path.join(dir, LEGACY_JOURNAL_FILE),
      `${JSON.stringify({ op: 'put', entry: tagged })}\n{"op":"put","entry":{"id":"to`,
    );

    // A reader does not move it: it reads it in memory.
    const { library: reader, report: read } = await openLibrary(dir, { mode: 'read' });
    expect(read.indexRebuilt).toBeNull();
    expect(reader.list()).toEqual(entries);
    await reader.close();
    expect(await readdir(dir)).not.toContain(INDEX_FILE);

    const { library: upgraded, report } = await openLibrary(dir, { mode: 'write' });
    expect(report.indexRebuilt).toBeNull();
    expect(report.addedFromFolders).toBe(0);
    expect(upgraded.list()).toEqual(entries);
    expect(upgraded.fingerprint()).toEqual(fingerprint);
    await upgraded.close();
    const files = await readdir(dir);
    expect(files).toContain(INDEX_FILE);
    expect(files).not.toContain(LEGACY_INDEX_FILE);
    expect(await readFile(path.join(dir, `${LEGACY_INDEX_FILE}.v2.bak`), 'utf8')).toBe(legacy);

    // The stored fingerprint, changed with every write, matches one computed afresh by a reader.
    const { library: again } = await openLibrary(dir, { mode: 'write' });
    await again.setTags(one.article.id, ['Tanf']);
    const { library: second } = await openLibrary(dir, { mode: 'read' });
    expect(second.list()).toEqual(again.list());
    expect(second.fingerprint()).toEqual(again.fingerprint());
    expect(second.fingerprint()).not.toEqual(fingerprint);
    await second.close();
    await again.close();
  });

  it('removes half-written article folders and temporary files left by a killed import', async () => {
    const { library } = await openLibrary(dir, { mode: 'write', create: true });
    await library.close();
    await mkdir(path.join(dir, 'articles', '.tmp-abc-1-ff.partial'));
    await writeFile(path.join(dir, '.tmp-library.json-1-ff.partial'), '{');
    const { library: reopened, report } = await openLibrary(dir, { mode: 'write' });
    expect(report.removedTemporaries).toHaveLength(2);
    expect(reopened.size).toBe(0);
    await reopened.close();
    expect(await readdir(path.join(dir, 'articles'))).toEqual([]);
  });

  it('gives LIBRARY_LOCKED to a second writer and leaves the library unchanged', async () => {
    const { library } = await openLibrary(dir, { mode: 'write', create: true });
    const { article, original } = makeArticle('Locked');
    await library.addArticle(article, original, { durable: true });
    const before = await snapshot(dir);
    const error = await openLibrary(dir, { mode: 'write' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect(error).toMatchObject({ code: 'LIBRARY_LOCKED' });
    expect((error as Error).message).toContain(dir);
    expect(await snapshot(dir)).toEqual(before);
    // Readers are never locked out.
    const { library: reader } = await openLibrary(dir, { mode: 'read' });
    expect(reader.size).toBe(1);
    await library.close();
    expect(await readdir(dir)).not.toContain(LOCK_FILE);
  });

  it('takes over a lock whose process is gone', async () => {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const deadPid = Number(child.stdout);
    await writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: deadPid, hostname: (await import('node:os')).hostname(), startedAt: 'then' }),
    );
    const lock = await acquireLibraryLock(dir);
    expect((JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number }).pid).toBe(
      process.pid,
    );
    await lock.release();
  });

  it('refuses to open a library that does not exist for reading', async () => {
    await expect(openLibrary(path.join(dir, 'missing'), { mode: 'read' })).rejects.toMatchObject({
      code: 'LIBRARY_NOT_FOUND',
    });
    await expect(openLibrary(path.join(dir, 'missing'), { mode: 'write' })).rejects.toMatchObject({
      code: 'LIBRARY_NOT_FOUND',
    });
  });

  it('rejects article ids that could escape the library folder', async () => {
    const { library } = await openLibrary(dir, { mode: 'read' }).catch(async () =>
      openLibrary(dir, { mode: 'write', create: true }),
    );
    await expect(library.readArticle('../../etc')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await library.close();
  });
});
