import { randomBytes } from 'node:crypto';
import { copyFile, link, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Prefix and suffix of every temporary file, so start-up clean-up can recognise left-overs. */
export const TEMP_PREFIX = '.tmp-';
export const TEMP_SUFFIX = '.partial';

/**
 * A name no other writer (another process, another call in flight) will pick, beside the
 * target or in `directory` (on the same file system, so that a rename can move it into place).
 */
export function temporaryNameFor(target: string, directory = path.dirname(target)): string {
  return path.join(
    directory,
    `${TEMP_PREFIX}${path.basename(target)}-${String(process.pid)}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`,
  );
}

/**
 * Says what a failed file operation means for the analyst: "the disk is full" reads better
 * than ENOSPC, and the code stays in brackets for whoever has to help.
 */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const plain: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EACCES: 'permission denied',
    EPERM: 'the operation is not permitted',
    EROFS: 'the library is on a read-only file system',
    EIO: 'the disk reported an input/output error',
    ENOENT: 'the file or folder does not exist',
    EMFILE: 'too many files are open',
  };
  const meaning = code === undefined ? undefined : plain[code];
  const message = error instanceof Error ? error.message : String(error);
  return meaning === undefined ? message : `${meaning} (${code ?? ''}: ${message})`;
}

/**
 * Flushes a directory's entry table, so that a rename inside it survives power loss.
 * Windows cannot open directories for fsync; there NTFS journals the rename itself.
 */
export async function fsyncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `target` with `data` so that a reader (or a crash) sees either the old or the
 * new content, never a mix: write a uniquely named temporary file beside it, fsync it,
 * rename it over the target, fsync the directory. steno, lowdb's writer, renames but
 * never fsyncs, so an acknowledged save could vanish on power loss.
 *
 * With `durable: false` the fsyncs are left to the caller (a batch import groups them).
 * `temporaryDir` puts the temporary files in one folder the next start-up cleans, instead of
 * beside the target (an article folder, of which a library may have 100,000).
 * With `keepPrevious`, the file being replaced becomes that path (a rolling backup): it is
 * hard-linked there before the rename, which costs two directory entries and no copy, and
 * the one directory fsync covers both renames. A crash between the steps leaves the backup
 * either the older or the replaced version, both of them complete files.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: { durable?: boolean; keepPrevious?: string; temporaryDir?: string } = {},
): Promise<void> {
  const durable = options.durable ?? true;
  const temporary = temporaryNameFor(target, options.temporaryDir);
  let handle;
  try {
    handle = await open(temporary, 'wx', 0o644);
    await handle.writeFile(data);
    if (durable) await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.keepPrevious !== undefined) await keepAs(target, options.keepPrevious, options.temporaryDir);
    await rename(temporary, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  if (durable) await fsyncDirectory(path.dirname(target));
}

/** Makes `backup` another name of `file`'s current content; a missing `file` leaves it alone. */
async function keepAs(file: string, backup: string, temporaryDir?: string): Promise<void> {
  const temporary = temporaryNameFor(backup, temporaryDir);
  try {
    await link(file, temporary);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    // File systems without hard links (FAT, some network shares): copy instead.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EOPNOTSUPP') throw error;
    await copyFile(file, temporary);
  }
  try {
    await rename(temporary, backup);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Opens and fsyncs a file that was written without `durable`. */
export async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
