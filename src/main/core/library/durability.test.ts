import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeArticle } from '../../../../tests/makeArticle.ts';
import { z } from 'zod';
import { describeRepair, QUARANTINE_DIR } from './quarantine.ts';
import { LEGACY_INDEX_FILE } from './legacyIndex.ts';
import { INDEX_FILE } from './libraryIndex.ts';
import { openLibrary } from './openLibrary.ts';
import { ValidatedJsonFile } from './validatedJsonFile.ts';

const memo = (text: string) => ({
  type: 'doc' as const,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

async function quarantined(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else found.push(path.relative(path.join(dir, QUARANTINE_DIR), full));
    }
  };
  await walk(path.join(dir, QUARANTINE_DIR));
  return found;
}

let dir: string;
let id: string;
let folder: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'workbench-durability-'));
  const { library } = await openLibrary(dir, { mode: 'write', create: true });
  const { article, original } = makeArticle('Durable');
  id = article.id;
  folder = path.join(dir, 'articles', id);
  await library.addArticle(article, original, { durable: true });
  await library.saveNote(id, 'b1', { translation: 'first', note: '' });
  await library.saveNote(id, 'b1', { translation: 'second', note: '' });
  await library.saveMemo(id, memo('memo one'));
  await library.saveMemo(id, memo('memo two'));
  await library.close();
});
afterEach(async () => {
  await chmod(folder, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('rolling backups', () => {
  it('keeps the version each save replaced as <file>.bak, and no temporaries in the article folder', async () => {
    expect((await readdir(folder)).sort()).toEqual([
      'article.json',
      'memo.json',
      'memo.json.bak',
      'notes.json',
      'notes.json.bak',
      'original.txt',
    ]);
    const backup = JSON.parse(await readFile(path.join(folder, 'notes.json.bak'), 'utf8')) as {
      notes: Record<string, { translation: string }>;
    };
    expect(backup.notes.b1?.translation).toBe('first');
    expect(await readFile(path.join(folder, 'memo.json.bak'), 'utf8')).toContain('memo one');
  });
});

describe('damaged files', () => {
  it.each([
    ['garbage', 'not json at all'],
    ['truncated', '{"schemaVersion": 1, "notes": {"b1": {"transl'],
    ['empty', ''],
  ])('quarantines %s notes.json and restores the last good version', async (_kind, damage) => {
    await writeFile(path.join(folder, 'notes.json'), damage);
    const { library, report } = await openLibrary(dir, { mode: 'write' });
    expect((await library.readNotes(id)).notes.b1?.translation).toBe('first');
    await library.close();
    const repairs = library.repairs();
    expect(repairs).toHaveLength(1);
    expect(repairs[0]).toMatchObject({
      file: path.join(folder, 'notes.json'),
      restoredFrom: path.join(folder, 'notes.json.bak'),
    });
    expect(report.repairs).toBe(repairs);
    expect(describeRepair(repairs[0]!)).toContain('moved to');
    const kept = await quarantined(dir);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(new RegExp(`^[^/]+/articles/${id}/notes\\.json$`, 'u'));
    expect(await readFile(path.join(dir, QUARANTINE_DIR, kept[0]!), 'utf8')).toBe(damage);
    const restored = JSON.parse(await readFile(path.join(folder, 'notes.json'), 'utf8')) as {
      notes: Record<string, { translation: string }>;
    };
    expect(restored.notes.b1?.translation).toBe('first');
  });

  it('bases a save on the backup when notes.json is damaged, keeping the damaged file', async () => {
    await writeFile(path.join(folder, 'notes.json'), '{"schemaVersion": 1, "no');
    const { library } = await openLibrary(dir, { mode: 'write' });
    await library.saveNote(id, 'b1', { translation: 'third', note: 'after the damage' });
    await library.close();
    expect((await quarantined(dir)).some((file) => file.endsWith('notes.json'))).toBe(true);
    expect(library.repairs().some((repair) => repair.quarantinedTo !== null)).toBe(true);
    expect(await readFile(path.join(folder, 'notes.json'), 'utf8')).toContain('third');
  });

  it('reports a damaged memo.json without a backup, and a save over it keeps it in the quarantine', async () => {
    await rm(path.join(folder, 'memo.json.bak'));
    const damaged = '{"schemaVersion": 1, "doc": {"ty';
    await writeFile(path.join(folder, 'memo.json'), damaged);
    const { library } = await openLibrary(dir, { mode: 'write' });
    await expect(library.readMemo(id)).rejects.toMatchObject({ code: 'ARTICLE_DAMAGED' });
    expect(await readFile(path.join(folder, 'memo.json'), 'utf8')).toBe(damaged);
    // The editor holds the whole memo, so saving it replaces the file; the damaged one is kept.
    await library.saveMemo(id, memo('from the editor'));
    await library.close();
    const kept = await quarantined(dir);
    expect(kept).toHaveLength(1);
    expect(await readFile(path.join(dir, QUARANTINE_DIR, kept[0]!), 'utf8')).toBe(damaged);
    expect(library.repairs()).toHaveLength(1);
  });

  it('leaves a damaged notes.json without a backup where it is and refuses to save over it', async () => {
    await rm(path.join(folder, 'notes.json.bak'));
    const damaged = '{"schemaVersion": 1, "notes": {"b1": {"transl';
    await writeFile(path.join(folder, 'notes.json'), damaged);
    const { library } = await openLibrary(dir, { mode: 'write' });
    await expect(library.readNotes(id)).rejects.toMatchObject({ code: 'ARTICLE_DAMAGED' });
    await expect(library.saveNote(id, 'b1', { translation: 'x', note: '' })).rejects.toMatchObject({
      code: 'ARTICLE_DAMAGED',
    });
    await library.close();
    expect(await readFile(path.join(folder, 'notes.json'), 'utf8')).toBe(damaged);
  });

  it('moves an empty memo.json without a backup to the quarantine: it held nothing', async () => {
    await rm(path.join(folder, 'memo.json.bak'));
    await writeFile(path.join(folder, 'memo.json'), '');
    const { library } = await openLibrary(dir, { mode: 'write' });
    expect((await library.readMemo(id)).doc).toBeNull();
    await library.close();
    expect(library.repairs()[0]?.consequence).toContain('nothing was lost');
    expect(await readdir(folder)).not.toContain('memo.json');
    expect(await quarantined(dir)).toHaveLength(1);
  });

  it('restores a damaged article.json from its backup while opening', async () => {
    await copyFile(path.join(folder, 'article.json'), path.join(folder, 'article.json.bak'));
    await writeFile(path.join(folder, 'article.json'), '{"schemaVersion": 1, "id": "trunc');
    await rm(path.join(dir, INDEX_FILE));
    const { library, report } = await openLibrary(dir, { mode: 'write' });
    expect(library.entry(id)?.damaged).toBeNull();
    expect(report.repairs.map((repair) => repair.file)).toEqual([path.join(folder, 'article.json')]);
    await library.close();
    expect(JSON.parse(await readFile(path.join(folder, 'article.json'), 'utf8'))).toMatchObject({ id });
    expect((await quarantined(dir))[0]).toMatch(/article\.json$/u);
  });

  it('quarantines a damaged index and rebuilds it', async () => {
    await writeFile(path.join(dir, INDEX_FILE), 'SQLite format 3\u0000 and then garbage');
    const { library, report } = await openLibrary(dir, { mode: 'write' });
    expect(report.indexRebuilt).toContain(INDEX_FILE);
    expect(report.repairs[0]?.consequence).toContain('rebuilt');
    expect(library.size).toBe(1);
    expect(library.entry(id)?.damaged).toBeNull();
    await library.close();
    expect((await quarantined(dir))[0]).toMatch(/library\.sqlite$/u);
  });

  it('answers look-ups from the index a reader rebuilt in memory from a damaged one', async () => {
    await writeFile(path.join(dir, INDEX_FILE), 'garbage');
    const { library, report } = await openLibrary(dir, { mode: 'read' });
    expect(report.indexRebuilt).toContain(INDEX_FILE);
    expect(library.entry(id)?.damaged).toBeNull();
    expect(library.entry('no-such-article')).toBeUndefined();
    expect(library.findBySha256(library.entry(id)?.sha256 ?? '')).toBe(id);
    await library.close();
    expect(await readFile(path.join(dir, INDEX_FILE), 'utf8')).toBe('garbage');
  });

  it('quarantines a damaged index of an older version (library.json) and rebuilds it', async () => {
    await rm(path.join(dir, INDEX_FILE));
    await writeFile(path.join(dir, LEGACY_INDEX_FILE), '{"schemaVersion": 1, "articles": [{"id": 3}]}');
    const { library, report } = await openLibrary(dir, { mode: 'write' });
    expect(report.indexRebuilt).toContain('entry 0 is damaged');
    expect(library.size).toBe(1);
    await library.close();
    expect((await quarantined(dir))[0]).toMatch(/library\.json$/u);
  });

  it('shows a reader what a writer still open has saved', async () => {
    const { library } = await openLibrary(dir, { mode: 'write' });
    await library.saveNote(id, 'b1', { translation: 'saved while the app runs', note: '' });
    const { library: reader, report } = await openLibrary(dir, { mode: 'read' });
    expect(report.indexRebuilt).toBeNull();
    expect(reader.entry(id)?.hasNotes).toBe(true);
    await reader.close();
    await library.close();
  });

  it('reads from the backup without writing anything when open read-only', async () => {
    await writeFile(path.join(folder, 'notes.json'), 'garbage');
    const { library } = await openLibrary(dir, { mode: 'read' });
    expect((await library.readNotes(id)).notes.b1?.translation).toBe('first');
    expect(library.repairs()[0]?.consequence).toContain('open the library for writing');
    expect(await readFile(path.join(folder, 'notes.json'), 'utf8')).toBe('garbage');
    expect(await quarantined(dir)).toEqual([]);
  });
});

describe('disk errors', () => {
  it.skipIf(process.getuid?.() === 0)(
    'gives WRITE_FAILED with the path and leaves the previous file intact in a read-only folder',
    async () => {
      const before = await readFile(path.join(folder, 'notes.json'), 'utf8');
      const { library } = await openLibrary(dir, { mode: 'write' });
      await chmod(folder, 0o555);
      const error = await library
        .saveNote(id, 'b1', { translation: 'lost?', note: '' })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'WRITE_FAILED' });
      expect((error as Error).message).toContain(path.join(folder, 'notes.json'));
      expect((error as Error).message).toContain('permission denied');
      await chmod(folder, 0o755);
      await library.close();
      expect(await readFile(path.join(folder, 'notes.json'), 'utf8')).toBe(before);
    },
  );
});

describe('the folder check', () => {
  it('can run after open and reports when it is done', async () => {
    const { library: other } = await openLibrary(path.join(dir, 'other'), { mode: 'write', create: true });
    const { article, original } = makeArticle('Synced in');
    await other.addArticle(article, original, { durable: true });
    await other.close();
    await mkdir(path.join(dir, 'articles', article.id));
    for (const name of ['article.json', 'original.txt'])
      await copyFile(
        path.join(dir, 'other', 'articles', article.id, name),
        path.join(dir, 'articles', article.id, name),
      );
    const { library, report } = await openLibrary(dir, { mode: 'write', folderCheck: 'background' });
    expect(report.folderCheck).toBe('background');
    const done = await library.whenFolderChecked();
    expect(done.folderCheck).toBe('done');
    expect(done.addedFromFolders).toBe(1);
    expect(library.size).toBe(2);
    await library.close();
  });
});

describe('schema migrations', () => {
  const v2 = z.object({ schemaVersion: z.literal(2), notes: z.record(z.string(), z.string()) });
  const chain = {
    current: 2,
    steps: [
      {
        from: 1,
        migrate: (json: Record<string, unknown>) => ({
          notes: Object.fromEntries(
            (json.items as string[]).map((item, index) => [`b${String(index)}`, item]),
          ),
        }),
      },
    ],
  };

  it('migrates an older file on read and keeps it as <file>.v1.bak before the first save', async () => {
    const file = path.join(dir, 'old.json');
    const old = JSON.stringify({ schemaVersion: 1, items: ['a', 'b'] });
    await writeFile(file, old);
    const json = new ValidatedJsonFile(file, v2, { backup: true, migrations: chain });
    const data = await json.read();
    expect(data).toEqual({ schemaVersion: 2, notes: { b0: 'a', b1: 'b' } });
    expect(await readFile(file, 'utf8')).toBe(old); // reading never writes
    await json.write({ schemaVersion: 2, notes: { b0: 'changed' } });
    await json.write({ schemaVersion: 2, notes: { b0: 'again' } });
    expect(await readFile(`${file}.v1.bak`, 'utf8')).toBe(old);
    expect(await readFile(`${file}.bak`, 'utf8')).toContain('changed');
  });

  it('refuses a file from a newer version as damaged, naming it', async () => {
    const file = path.join(dir, 'new.json');
    await writeFile(file, JSON.stringify({ schemaVersion: 3, notes: {} }));
    await expect(new ValidatedJsonFile(file, v2, { migrations: chain }).read()).rejects.toThrow(
      /new\.json cannot be read: it was written by a newer version/u,
    );
  });
});
