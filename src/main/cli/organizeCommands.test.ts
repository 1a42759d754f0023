import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_FIXTURE } from '../../../tests/corpusPath.ts';
import { importFiles } from '../core/import/importFiles.ts';
import { openLibrary } from '../core/library/openLibrary.ts';
import { runCli } from './main.ts';

let dir: string;
let id: string;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    [...args, '--library', dir],
    { out: (text) => out.push(text), err: (text) => err.push(text), isTty: false },
    '0.0.0-test',
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'workbench-organize-'));
  const { library } = await openLibrary(dir, { mode: 'write', create: true });
  try {
    const [result] = await importFiles(library, [SEED_FIXTURE]);
    id = result?.id ?? '';
  } finally {
    await library.close();
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('workbench tag, tags and collection', () => {
  it('tags an article, renames, merges and deletes tags, and lists them with counts', async () => {
    expect(await cli('tag', id, '--add', 'syrie', '--add', 'usa')).toMatchObject({
      code: 0,
      out: `${id}  syrie, usa`,
    });
    expect(await cli('tags', 'rename', 'syrie', 'Syrie')).toMatchObject({
      code: 0,
      err: '1 article(s) changed.',
    });
    expect((await cli('tags', 'merge', 'usa', 'Syrie', '--into', 'levant')).code).toBe(0);
    expect(JSON.parse((await cli('tags', '--json')).out)).toEqual({ levant: 1 });
    expect((await cli('tag', id, '--remove', 'levant')).out).toBe(`${id}  (no tags)`);
    expect(await cli('tags', 'delete')).toMatchObject({ code: 2 });
    expect(await cli('tag', 'ffffffffffff', '--add', 'x')).toMatchObject({ code: 1 });
  });

  it('creates a collection, adds and removes articles, renames and deletes it, and exports it', async () => {
    const created = JSON.parse((await cli('collection', 'create', 'Al-Tanf', id, '--json')).out) as {
      id: string;
    };
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/u);
    expect((await cli('collection', 'list')).out).toContain('1 article(s)  Al-Tanf');
    const exported = await cli('export', '--collection', 'Al-Tanf');
    expect(exported.code).toBe(0);
    expect(exported.out).toContain('50867cf41cfea20ff0d012009e222ebc39e6952b41f84927d24a9f5736873de0');
    expect((await cli('search', 'pétrolier', '--collection', 'Al-Tanf')).out).toContain(id);
    expect((await cli('collection', 'remove', 'Al-Tanf', id)).out).toContain('0 article(s)  Al-Tanf');
    expect((await cli('search', 'pétrolier', '--collection', 'Al-Tanf')).out).toBe('');
    expect((await cli('collection', 'rename', created.id, 'Tanf')).out).toContain('Tanf');
    expect(await cli('collection', 'add', 'Tanf', 'ffffffffffff')).toMatchObject({ code: 1 });
    expect(await cli('collection', 'delete', 'Tanf')).toMatchObject({ code: 0 });
    expect(await cli('collection', 'delete', 'Tanf')).toMatchObject({ code: 1 });
  });
});
