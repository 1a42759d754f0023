import { hostname } from 'node:os';
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { WorkbenchError } from '../../../shared/errors.ts';

export const LOCK_FILE = 'library.lock';

type LockOwner = { pid: number; hostname: string; startedAt: string };

/** Whether a process with this id is still running on this machine. */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(lockPath: string): Promise<LockOwner | null> {
  try {
    const parsed = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.hostname === 'string') {
      return { pid: parsed.pid, hostname: parsed.hostname, startedAt: String(parsed.startedAt) };
    }
    return null;
  } catch {
    return null;
  }
}

/** A held write lock on a library folder. */
export type LibraryLock = { release: () => Promise<void> };

/**
 * Takes the library's write lock, so that two processes never write the same library.
 * The lock file names its owner; a lock whose owner process on this machine is gone
 * (killed, crashed) is stale and taken over. A live owner gives LIBRARY_LOCKED.
 */
export async function acquireLibraryLock(libraryDir: string): Promise<LibraryLock> {
  const lockPath = path.join(libraryDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(JSON.stringify(me));
        await handle.sync();
      } finally {
        await handle.close();
      }
      return {
        release: async () => {
          const owner = await readOwner(lockPath);
          if (owner?.pid === me.pid && owner.hostname === me.hostname) await rm(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new WorkbenchError(
          'WRITE_FAILED',
          `Cannot lock the library at ${libraryDir}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      const owner = await readOwner(lockPath);
      const isStale =
        owner === null
          ? attempt > 0 // an unreadable lock may be mid-write by its owner: look once more before taking it
          : owner.hostname === me.hostname && !isProcessAlive(owner.pid);
      if (owner !== null && !isStale) {
        const where =
          owner.hostname === me.hostname
            ? `process ${String(owner.pid)}`
            : `process ${String(owner.pid)} on ${owner.hostname}`;
        throw new WorkbenchError(
          'LIBRARY_LOCKED',
          `The library at ${libraryDir} is open for writing in another ${where} (since ${owner.startedAt}). Close it there, or open the library read-only.`,
        );
      }
      if (isStale) await rm(lockPath, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new WorkbenchError(
    'LIBRARY_LOCKED',
    `Cannot take the lock of the library at ${libraryDir}: another process keeps taking it.`,
  );
}
