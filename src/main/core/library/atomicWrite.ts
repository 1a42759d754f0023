import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Prefix and suffix of every temporary file, so start-up clean-up can recognise left-overs. */
export const TEMP_PREFIX = '.tmp-';
export const TEMP_SUFFIX = '.partial';

/** A name no other writer (another process, another call in flight) will pick. */
export function temporaryNameFor(target: string): string {
  return path.join(
    path.dirname(target),
    `${TEMP_PREFIX}${path.basename(target)}-${String(process.pid)}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`,
  );
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
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: { durable: boolean } = { durable: true },
): Promise<void> {
  const temporary = temporaryNameFor(target);
  let handle;
  try {
    handle = await open(temporary, 'wx', 0o644);
    await handle.writeFile(data);
    if (options.durable) await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temporary, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  if (options.durable) await fsyncDirectory(path.dirname(target));
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
