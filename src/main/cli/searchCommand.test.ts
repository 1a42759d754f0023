import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, SEED_FIXTURE } from '../../../tests/corpusPath.ts';
import { importFiles } from '../core/import/importFiles.ts';
import { openLibrary } from '../core/library/openLibrary.ts';
import { runSearchCommand } from './searchCommand.ts';

let root: string;
let libraryDir: string;
let seedId: string;

async function search(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSearchCommand(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out, err };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'workbench-search-cli-'));
  const inbox = path.join(root, 'inbox');
  await mkdir(inbox);
  await copyFile(SEED_FIXTURE, path.join(inbox, 'press-tv.txt'));
  await copyFile(
    corpusPath('multilingual-encoding-samples', 'charset-normalizer', 'sample-arabic.txt'),
    path.join(inbox, 'arabic.txt'),
  );
  libraryDir = path.join(root, 'library');
  const { library } = await openLibrary(libraryDir, { mode: 'write', create: true });
  const results = await importFiles(library, [inbox]);
  await library.close();
  seedId = results.find((result) => result.file.endsWith('press-tv.txt'))?.id ?? '';
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('workbench search', () => {
  it('prints one line per article with its hits marked, and says the index was built', async () => {
    const { code, out, err } = await search('ain', 'al-assad', '--library', libraryDir);
    expect(code).toBe(0);
    expect(err.join('\n')).toMatch(/rebuilt/);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(new RegExp(`^${seedId}  2023-11-01  original b\\w+ +.*«Aïn» «al-Assad»`, 'u'));
  });

  it('prints an array of hits with --json, filtered', async () => {
    const found = await search('"champ pétrolier"', '--json', '--library', libraryDir, '--language', 'fr');
    expect(found.code).toBe(0);
    const hits = JSON.parse(found.out.join('\n')) as { articleId: string; matches: { snippet: string }[] }[];
    expect(hits.map((hit) => hit.articleId)).toEqual([seedId]);
    expect(hits[0]?.matches[0]?.snippet).toContain('champ pétrolier');
    const none = await search('ain', '--json', '--library', libraryDir, '--language', 'ar', '--has-notes');
    expect(JSON.parse(none.out.join('\n'))).toEqual([]);
    const arabic = await search(
      'احيانا',
      '--json',
      '--library',
      libraryDir,
      '--no-has-notes',
      '--limit',
      '1',
    );
    expect((JSON.parse(arabic.out.join('\n')) as unknown[]).length).toBe(1);
  });

  it('exits 2 on usage errors and 1 when there is no library', async () => {
    expect((await search('--library', libraryDir)).code).toBe(2);
    expect((await search('ain', '--limit', 'many', '--library', libraryDir)).code).toBe(2);
    expect((await search('ain', '--from', 'last week', '--library', libraryDir)).code).toBe(2);
    expect((await search('ain', '--colour', '--library', libraryDir)).code).toBe(2);
    const missing = await search('ain', '--json', '--library', path.join(root, 'nowhere'));
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out.join('\n'))).toMatchObject({ error: { code: 'LIBRARY_NOT_FOUND' } });
  });

  it('takes hostile queries as text', async () => {
    for (const query of ['"', '*', 'AND OR NOT', '(', 'NEAR', '-', ':']) {
      expect((await search(query, '--library', libraryDir)).code, query).toBe(0);
    }
  });
});
