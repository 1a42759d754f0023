import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { WorkbenchError } from '../../../shared/errors.ts';
import { fsyncDirectory, TEMP_PREFIX, TEMP_SUFFIX } from '../library/atomicWrite.ts';
import { numberedFileName } from './safeFileName.ts';

const MAX_TRIES = 10_000;

/** Error codes of a file system that has no hard links (FAT, exFAT, some network shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK', 'EXDEV']);

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** Puts the finished temporary file at `target` unless something is there already; false if it is. */
async function placeExclusively(temporary: string, target: string): Promise<boolean> {
  try {
    // A hard link appears whole or not at all, and fails rather than replace an existing file.
    await link(temporary, target);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(errorCode(error) ?? '')) throw error;
  }
  try {
    await copyFile(temporary, target, constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Writes `contents` to the first of `candidate(1)`, `candidate(2)`… that does not exist and
 * returns its path: an existing file is never overwritten, even by another process racing for
 * the same name. The text is written and fsynced under a temporary name first, so a crash
 * never leaves half a report under the real name.
 */
export async function writeNewFile(candidate: (n: number) => string, contents: string): Promise<string> {
  const first = candidate(1);
  const dir = path.dirname(first);
  // Short, not derived from the name: a 255-byte report name leaves no room for a prefix.
  const temporary = path.join(
    dir,
    `${TEMP_PREFIX}report-${String(process.pid)}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`,
  );
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    for (let n = 1; n <= MAX_TRIES; n += 1) {
      const target = candidate(n);
      if (await placeExclusively(temporary, target)) {
        await fsyncDirectory(dir);
        return target;
      }
    }
    throw new WorkbenchError(
      'WRITE_FAILED',
      `${first} and ${String(MAX_TRIES - 1)} numbered variants all exist.`,
    );
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    throw new WorkbenchError('WRITE_FAILED', `Cannot write ${first}: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Candidate paths for a report titled `title` in `dir`: `Title.md`, `Title (2).md`… */
export function reportPathsIn(dir: string, title: string): (n: number) => string {
  return (n) => path.join(dir, numberedFileName(title, n));
}

/** Candidate paths around a file name the user chose: `out.md`, then `out (2).md`… */
export function numberedPaths(file: string): (n: number) => string {
  const extension = path.extname(file);
  const stem = file.slice(0, file.length - extension.length);
  return (n) => (n <= 1 ? file : `${stem} (${String(n)})${extension}`);
}
