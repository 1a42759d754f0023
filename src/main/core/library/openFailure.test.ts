import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { makeArticle } from '../../../../tests/makeArticle.ts';
import { INDEX_FILE } from './libraryIndex.ts';
import { openLibrary } from './openLibrary.ts';

/** A folder whose listing fails with a disk error while `failing.dir` names it. */
const failing = vi.hoisted(() => ({ dir: '' }));
vi.mock('node:fs/promises', async (original) => {
  const actual = await original<typeof import('node:fs/promises')>();
  const readdir: typeof actual.readdir = ((target: string, ...rest: unknown[]) => {
    if (target === failing.dir) {
      return Promise.reject(Object.assign(new Error(`EIO: i/o error, scandir '${target}'`), { code: 'EIO' }));
    }
    return (actual.readdir as (...args: unknown[]) => Promise<unknown>)(target, ...rest);
  }) as typeof actual.readdir;
  return { ...actual, readdir };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'workbench-open-failure-'));
});
afterEach(async () => {
  failing.dir = '';
  await rm(dir, { recursive: true, force: true });
});

it.each([
  ['checking its folders', false],
  ['rebuilding a damaged index', true],
])(
  'releases the library when opening fails while %s, so that a second try can open it',
  async (_name, damaged) => {
    const { library } = await openLibrary(dir, { mode: 'write', create: true });
    const { article, original } = makeArticle('Kept');
    await library.addArticle(article, original, { durable: true });
    await library.close();
    if (damaged) await writeFile(path.join(dir, INDEX_FILE), 'not a database at all, '.repeat(40));
    failing.dir = path.join(dir, 'articles');
    await expect(openLibrary(dir, { mode: 'write', folderCheck: 'wait' })).rejects.toMatchObject({
      code: 'READ_FAILED',
    });
    failing.dir = '';
    const { library: again } = await openLibrary(dir, { mode: 'write' });
    expect(again.list().map((entry) => entry.id)).toEqual([article.id]);
    await again.close();
  },
);
