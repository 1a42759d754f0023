import { access, copyFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { fsyncDirectory, fsyncFile } from './atomicWrite.ts';

export const QUARANTINE_DIR = 'quarantine';

/** One damaged file found and what was done about it, for the open report and the CLI. */
export type Repair = {
  /** The damaged file, as it was named in the library. */
  file: string;
  /** Why it could not be used. */
  problem: string;
  /** Where the damaged bytes are kept now; null when the file was left where it was. */
  quarantinedTo: string | null;
  /** The backup the file was restored from; null when there was none. */
  restoredFrom: string | null;
  /** What this means for the analyst, when the above does not say it all. */
  consequence: string | null;
};

/** One line for the analyst: what was damaged, where it went, what replaced it. */
export function describeRepair(repair: Repair): string {
  const parts = [`${repair.file}: ${repair.problem}.`];
  if (repair.quarantinedTo !== null) parts.push(`The damaged file was moved to ${repair.quarantinedTo}.`);
  if (repair.restoredFrom !== null)
    parts.push(`The last good version was restored from ${repair.restoredFrom}.`);
  if (repair.consequence !== null) parts.push(repair.consequence);
  return parts.join(' ');
}

/**
 * The library's quarantine: damaged files are kept under `quarantine/<time>/<path in the
 * library>`, one time folder per session, so that nothing the analyst wrote is ever deleted
 * and the app can go on with a good version. The folder is outside `articles/`, so nothing
 * reads it as part of the library.
 */
export class Quarantine {
  readonly #libraryDir: string;
  #sessionDir: string | null = null;

  constructor(libraryDir: string) {
    this.#libraryDir = libraryDir;
  }

  /**
   * Keeps the damaged `file`: copied (`move: false`, the caller then replaces it atomically so
   * the library never lacks the file) or renamed (`move: true`). Durable when it resolves;
   * returns the quarantined path.
   */
  async keep(file: string, options: { move: boolean }): Promise<string> {
    this.#sessionDir ??= path.join(
      this.#libraryDir,
      QUARANTINE_DIR,
      new Date().toISOString().replace(/[:.]/gu, '-'),
    );
    const relative = path.relative(this.#libraryDir, file);
    const inside = relative.startsWith('..') || path.isAbsolute(relative) ? path.basename(file) : relative;
    let target = path.join(this.#sessionDir, inside);
    await mkdir(path.dirname(target), { recursive: true });
    // The same file damaged twice in one session (restored, damaged again) keeps both copies.
    for (let attempt = 2; await exists(target); attempt += 1)
      target = path.join(this.#sessionDir, `${inside}.${String(attempt)}`);
    if (options.move) {
      await rename(file, target);
      await fsyncDirectory(path.dirname(file));
    } else {
      await copyFile(file, target);
      await fsyncFile(target);
    }
    await fsyncDirectory(path.dirname(target));
    return target;
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
