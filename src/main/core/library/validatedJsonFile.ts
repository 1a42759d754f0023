import { access, readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { WorkbenchError, type ErrorCode } from '../../../shared/errors.ts';
import { describeFileError, writeFileAtomic } from './atomicWrite.ts';
import { backupPathFor, versionBackupPathFor } from './backups.ts';
import { migrateJson, type MigrationChain } from './migrations.ts';
import type { Quarantine } from './quarantine.ts';

/** Summarises zod's issues in one line an analyst can act on. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

export type JsonFileOptions = {
  damagedCode?: ErrorCode;
  durable?: boolean;
  /**
   * Keep the version each write replaces as `<file>.bak`, and read that backup when the file
   * is damaged or missing (the caller then sees `recovered` and repairs the file).
   */
  backup?: boolean;
  /** Where a damaged file is kept before a write replaces it; without one, such a write is refused. */
  quarantine?: Quarantine;
  /** The file's schema history: older files are migrated in memory on read. */
  migrations?: MigrationChain;
  /** Where the temporary files of a write go (see writeFileAtomic). */
  temporaryDir?: string;
  /**
   * Read an empty (or blank) file with no usable backup as a missing one, reported through
   * `recovered`: it holds nothing to lose, and refusing it would block the article for nothing.
   */
  blankIsAbsent?: boolean;
};

/**
 * A lowdb adapter for one JSON file of the library: validated with its zod schema on
 * every read (a file that fails is reported with its path, never replaced by defaults)
 * and replaced atomically on every write.
 */
export class ValidatedJsonFile<T> implements Adapter<T> {
  readonly file: string;
  readonly #schema: z.ZodType<T>;
  readonly #damagedCode: ErrorCode;
  readonly #durable: boolean;
  readonly #options: JsonFileOptions;
  /**
   * Set by `read()` when the file was damaged or missing and its backup was read instead
   * (`from`), or when it was blank and read as missing (`from: null`).
   */
  recovered: { problem: string; from: string | null } | null = null;
  /** Set by `write()` when it found the file damaged and kept it in the quarantine first. */
  quarantined: { problem: string; to: string } | null = null;

  constructor(file: string, schema: z.ZodType<T>, options: JsonFileOptions = {}) {
    this.file = file;
    this.#schema = schema;
    this.#damagedCode = options.damagedCode ?? 'ARTICLE_DAMAGED';
    this.#durable = options.durable ?? true;
    this.#options = options;
  }

  async read(): Promise<T | null> {
    this.recovered = null;
    const text = await readText(this.file);
    let damage: WorkbenchError | null = null;
    if (text !== null) {
      try {
        return this.#parse(this.file, text).data;
      } catch (error) {
        if (!(error instanceof WorkbenchError)) throw error;
        damage = error;
      }
    }
    if (this.#options.backup === true) {
      const backup = backupPathFor(this.file);
      const backupText = await readText(backup).catch(() => null);
      if (backupText !== null) {
        try {
          const { data } = this.#parse(backup, backupText);
          this.recovered = {
            problem: damage?.message ?? `${this.file} is missing although its backup is there`,
            from: backup,
          };
          return data;
        } catch {
          // A damaged backup is no help; the file's own damage is what gets reported.
        }
      }
    }
    if (damage !== null && this.#options.blankIsAbsent === true && text?.trim() === '') {
      this.recovered = { problem: damage.message, from: null };
      return null;
    }
    if (damage !== null) throw damage;
    return null;
  }

  async write(data: T): Promise<void> {
    this.quarantined = null;
    const text = `${JSON.stringify(data, null, 2)}\n`;
    try {
      let keepPrevious: string | undefined;
      if (this.#options.backup === true) {
        const current = await readText(this.file);
        if (current !== null) {
          let migratedFrom: number | null = null;
          let damage: WorkbenchError | null = null;
          try {
            migratedFrom = this.#parse(this.file, current).migratedFrom;
          } catch (error) {
            if (!(error instanceof WorkbenchError)) throw error;
            damage = error;
          }
          if (damage !== null) {
            // Never write over a damaged file: it may hold the analyst's only copy of something.
            if (this.#options.quarantine === undefined) throw damage;
            const to = await this.#options.quarantine.keep(this.file, { move: false });
            this.quarantined = { problem: damage.message, to };
          } else {
            if (migratedFrom !== null)
              await keepVersionBackup(this.file, migratedFrom, current, this.#options.temporaryDir);
            keepPrevious = backupPathFor(this.file);
          }
        }
      }
      await writeFileAtomic(this.file, text, {
        durable: this.#durable,
        keepPrevious,
        temporaryDir: this.#options.temporaryDir,
      });
    } catch (error) {
      if (error instanceof WorkbenchError) throw error;
      throw new WorkbenchError(
        'WRITE_FAILED',
        `Cannot save ${this.file}: ${describeFileError(error)}. The previous version of the file is unchanged.`,
        { cause: error },
      );
    }
  }

  #parse(file: string, text: string): { data: T; migratedFrom: number | null } {
    return parseValidatedJson(file, text, this.#schema, this.#damagedCode, this.#options.migrations);
  }
}

/** Reads a file as text; null when it does not exist. */
async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new WorkbenchError('READ_FAILED', `Cannot read ${file}: ${describeFileError(error)}`, {
      cause: error,
    });
  }
}

/** Writes the pre-migration backup once; a later save in the same old schema cannot replace it. */
async function keepVersionBackup(
  file: string,
  version: number,
  text: string,
  temporaryDir: string | undefined,
): Promise<void> {
  const backup = versionBackupPathFor(file, version);
  const exists = await access(backup).then(
    () => true,
    () => false,
  );
  if (!exists) await writeFileAtomic(backup, text, { temporaryDir });
}

/**
 * Parses and validates JSON text read from `file`, migrating an older schema first;
 * damage is reported with the file's path.
 */
export function parseValidatedJson<T>(
  file: string,
  text: string,
  schema: z.ZodType<T>,
  damagedCode: ErrorCode,
  migrations?: MigrationChain,
): { data: T; migratedFrom: number | null } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const what = text.trim() === '' ? 'is empty' : `is not valid JSON (${(error as Error).message})`;
    throw new WorkbenchError(damagedCode, `${file} ${what}`);
  }
  let migratedFrom: number | null = null;
  if (migrations !== undefined) {
    try {
      ({ json, from: migratedFrom } = migrateJson(json, migrations));
    } catch (error) {
      throw new WorkbenchError(damagedCode, `${file} cannot be read: ${(error as Error).message}`);
    }
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new WorkbenchError(
      damagedCode,
      `${file} does not match its schema: ${describeIssues(parsed.error)}`,
    );
  }
  return { data: parsed.data, migratedFrom };
}
