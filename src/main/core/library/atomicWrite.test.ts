import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { writeFileAtomic } from './atomicWrite.ts';
import { ValidatedJsonFile } from './validatedJsonFile.ts';

// Disk errors cannot be produced on demand (and root ignores permissions), so they are injected.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, open: vi.fn(actual.open), rename: vi.fn(actual.rename), link: vi.fn(actual.link) };
});

function failure(code: string, syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected, ${syscall}`), { code, syscall });
}

const schema = z.object({ value: z.string() });
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'workbench-atomic-'));
  file = path.join(dir, 'notes.json');
  await writeFile(file, '{"value":"previous"}\n');
});
afterEach(async () => {
  for (const mocked of [fs.open, fs.rename, fs.link]) vi.mocked(mocked).mockReset();
  await rm(dir, { recursive: true, force: true });
});

describe('writes that fail', () => {
  it.each([
    ['ENOSPC', 'the disk is full'],
    ['EACCES', 'permission denied'],
    ['EROFS', 'read-only file system'],
  ])('turn %s into WRITE_FAILED naming the file and leave the previous version', async (code, meaning) => {
    const realOpen = (await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises')).open;
    vi.mocked(fs.open).mockImplementation(async (target, flags, mode) => {
      const handle = await realOpen(target, flags, mode);
      if (flags === 'wx') handle.writeFile = () => Promise.reject(failure(code, 'write')); // the disk fills mid-write
      return handle;
    });
    const json = new ValidatedJsonFile(file, schema, { backup: true });
    const error = await json.write({ value: 'new' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'WRITE_FAILED' });
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain(meaning);
    expect((error as Error).message).toContain('previous version of the file is unchanged');
    expect(await readFile(file, 'utf8')).toBe('{"value":"previous"}\n');
    expect(await readdir(dir)).toEqual(['notes.json']);
  });

  it('leaves the previous version when the rename fails', async () => {
    vi.mocked(fs.rename).mockRejectedValueOnce(failure('EIO', 'rename'));
    await expect(writeFileAtomic(file, 'new')).rejects.toMatchObject({ code: 'EIO' });
    expect(await readFile(file, 'utf8')).toBe('{"value":"previous"}\n');
    expect(await readdir(dir)).toEqual(['notes.json']);
  });

  it('copies the backup where hard links are not supported', async () => {
    vi.mocked(fs.link).mockRejectedValueOnce(failure('EPERM', 'link'));
    await writeFileAtomic(file, '{"value":"new"}\n', { keepPrevious: `${file}.bak` });
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('{"value":"previous"}\n');
    expect(await readFile(file, 'utf8')).toBe('{"value":"new"}\n');
  });
});
