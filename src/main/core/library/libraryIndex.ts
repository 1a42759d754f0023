import { randomBytes } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { IndexEntry } from '../../../shared/article.ts';
import { WorkbenchError } from '../../../shared/errors.ts';
import { describeFileError, fsyncDirectory, TEMP_PREFIX } from './atomicWrite.ts';
import { versionBackupPathFor } from './backups.ts';
import { addToFingerprint, emptyFingerprint, hashesOf, type Fingerprint } from './entryFingerprint.ts';
import { entryOfRow, LEGACY_INDEX_FILE, LEGACY_JOURNAL_FILE, readLegacyIndex } from './legacyIndex.ts';
import { PreparedStatements } from '../preparedStatements.ts';

export const INDEX_FILE = 'library.sqlite';
/** The version of the index's tables; an index of another version is rebuilt from the folders. */
export const INDEX_SCHEMA_VERSION = 3;

const SCHEMA = `
  CREATE TABLE entries (
    id TEXT NOT NULL UNIQUE,
    title TEXT,
    outlet TEXT,
    language TEXT,
    publishedAt TEXT,
    importedAt TEXT NOT NULL,
    originalFileName TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    textSha256 TEXT NOT NULL,
    tags TEXT NOT NULL,
    flags INTEGER NOT NULL,
    damaged TEXT
  );
  CREATE INDEX entries_by_sha256 ON entries (sha256);
  CREATE INDEX entries_by_text_sha256 ON entries (textSha256);
  CREATE INDEX entries_by_published ON entries (publishedAt);
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

const COLUMNS =
  'id, title, outlet, language, publishedAt, importedAt, originalFileName, sha256, textSha256, tags, flags, damaged';

type Row = [
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string,
  string,
  string,
  string,
  string,
  number,
  string | null,
];

/** `flags`: 1 when the article has notes, 2 when it has a memo. */
function toRow(entry: IndexEntry): Row {
  return [
    entry.id,
    entry.title,
    entry.outlet,
    entry.language,
    entry.publishedAt,
    entry.importedAt,
    entry.originalFileName,
    entry.sha256,
    entry.textSha256,
    JSON.stringify(entry.tags),
    (entry.hasNotes ? 1 : 0) | (entry.hasMemo ? 2 : 0),
    entry.damaged,
  ];
}

/** The entry of a row read back (its tags as JSON), or null when the row does not hold one. */
function fromRow(row: unknown[]): IndexEntry | null {
  let tags: unknown;
  try {
    tags = typeof row[9] === 'string' ? JSON.parse(row[9]) : null;
  } catch {
    tags = null;
  }
  return entryOfRow(row.with(9, tags));
}

function fingerprintOf(entries: Iterable<IndexEntry>): Fingerprint {
  const fingerprint = emptyFingerprint();
  for (const entry of entries) if (entry.damaged === null) addToFingerprint(fingerprint, hashesOf(entry), 1);
  return fingerprint;
}

function parseFingerprint(text: string | undefined): Fingerprint | null {
  const parts = (text ?? '').split(':').map(Number);
  const [count, xor, sum] = parts;
  if (parts.length !== 3 || count === undefined || xor === undefined || sum === undefined) return null;
  return parts.every((part) => Number.isInteger(part) && part >= 0) ? { count, xor, sum } : null;
}

/** A change to the index: what it does, and the entry before and after it. */
type Change = () => { old: IndexEntry | undefined; next: IndexEntry | undefined };

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Renames an older version's index files to their backup names, best effort: they are no longer
 * read once library.sqlite exists, so a file that cannot be renamed (held open on Windows) only
 * stays where it is until the next open.
 */
async function setAsideLegacyFiles(files: readonly string[]): Promise<void> {
  let isRenamed = false;
  for (const file of files) {
    if (!(await exists(file))) continue;
    try {
      await rename(file, versionBackupPathFor(file, 2));
      isRenamed = true;
    } catch {
      // Left in place: see above.
    }
  }
  if (isRenamed) await fsyncDirectory(path.dirname(files[0] ?? '.')).catch(() => undefined);
}

/** The files SQLite keeps for a database: the file itself, and its journal or write-ahead log (an older file's). */
function databaseFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
}

function configure(db: DatabaseSync, options: { readOnly: boolean }): void {
  db.exec('PRAGMA busy_timeout = 5000');
  if (options.readOnly) return;
  // A rollback journal rather than WAL: a reader (the command line) needs no -shm file beside it,
  // so it reads a library in a folder it cannot write; a library opened and closed unchanged stays
  // byte for byte the same; and a batch's one commit costs the same. Synced commits: durable.
  db.exec('PRAGMA journal_mode = DELETE');
  db.exec('PRAGMA synchronous = FULL');
}

/**
 * Writes `entries` into a new database at `file` and closes it, synced: one transaction, so a
 * build that is killed leaves no half of one.
 */
function writeDatabase(file: string, entries: readonly IndexEntry[]): Fingerprint {
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA journal_mode = DELETE');
    db.exec('PRAGMA synchronous = FULL');
    const fingerprint = fingerprintOf(entries);
    db.exec('BEGIN');
    db.exec(SCHEMA);
    const insert = db.prepare(`INSERT INTO entries (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // Import order: the list's ties keep it, as they kept the old snapshot's.
    const ordered = [...entries].sort((a, b) =>
      a.importedAt < b.importedAt ? -1 : a.importedAt > b.importedAt ? 1 : 0,
    );
    for (const entry of ordered) insert.run(...toRow(entry));
    const setMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    setMeta.run('schemaVersion', String(INDEX_SCHEMA_VERSION));
    setMeta.run(
      'fingerprint',
      `${String(fingerprint.count)}:${String(fingerprint.xor)}:${String(fingerprint.sum)}`,
    );
    db.exec('COMMIT');
    return fingerprint;
  } finally {
    db.close();
  }
}

/**
 * The library's index for fast listing, in `library.sqlite`: one row per article, the entries'
 * fingerprint beside them. Opening it reads nothing but the fingerprint and the count, so a
 * library of 100,000 articles opens in milliseconds, and its first rows and any article's entry
 * are one query away; the whole list is read from it the first time it is asked for (about half
 * a second at 100,000) and then kept in memory, up to date with every change.
 *
 * It is a cache of the article folders: anything unreadable in it is quarantined and rebuilt from
 * them, never trusted. A durable change is committed, synced, before it resolves; a batch's
 * changes share one open transaction, which `compact()` (at the batch's end) commits. A library kept
 * by an older version (library.json and its journal) is moved into it on the first open for
 * writing, the old files kept as `*.v2.bak`.
 */
export class LibraryIndex {
  readonly #dir: string;
  readonly #readOnly: boolean;
  #db: DatabaseSync | null = null;
  readonly #statements = new PreparedStatements(() => this.#database());
  /** Every entry, in the list's order, once the whole list has been asked for. */
  #cache: Map<string, IndexEntry> | null = null;
  #size = 0;
  #fingerprint: Fingerprint = emptyFingerprint();
  /** Why the stored index could not be used, when it could not; the caller rebuilds it. */
  problem: string | null = null;
  /** The index files found damaged by `load()`, for the caller to keep in the quarantine. */
  damagedFiles: string[] = [];

  constructor(libraryDir: string, options: { readOnly?: boolean } = {}) {
    this.#dir = libraryDir;
    this.#readOnly = options.readOnly ?? false;
  }

  get #file(): string {
    return path.join(this.#dir, INDEX_FILE);
  }

  get size(): number {
    return this.#size;
  }

  /** Opens the index (moving an older library's into it). Never throws for damaged files: sets `problem`. */
  async load(): Promise<void> {
    this.close();
    this.problem = null;
    this.damagedFiles = [];
    if (!(await exists(this.#file))) {
      const legacy = (await readLegacyIndex(this.#dir)) ?? { entries: [], files: [] };
      if ('problem' in legacy) {
        this.problem = legacy.problem;
        this.damagedFiles = legacy.damagedFiles;
        return;
      }
      // No index (a new library, or one whose index was deleted): an empty one, which the check of
      // the article folders fills.
      if (this.#readOnly) {
        // A reader must not write: it keeps the old index in a database of its own, in memory.
        this.#openMemory(legacy.entries);
        return;
      }
      await this.replaceAll(legacy.entries);
      // The old files are kept, not deleted: a migration keeps a backup of what it changes.
      await setAsideLegacyFiles(legacy.files);
      return;
    }
    try {
      const db = new DatabaseSync(this.#file, { readOnly: this.#readOnly });
      this.#db = db;
      configure(db, { readOnly: this.#readOnly });
      const meta = new Map(
        (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map(
          ({ key, value }) => [key, value],
        ),
      );
      if (meta.get('schemaVersion') !== String(INDEX_SCHEMA_VERSION))
        throw new Error(
          `${this.#file} has schema version ${meta.get('schemaVersion') ?? 'none'}, not ${String(INDEX_SCHEMA_VERSION)}`,
        );
      const fingerprint = parseFingerprint(meta.get('fingerprint'));
      if (fingerprint === null) throw new Error(`${this.#file} has no fingerprint`);
      this.#fingerprint = fingerprint;
      this.#size = (db.prepare('SELECT count(*) AS count FROM entries').get() as { count: number }).count;
    } catch (error) {
      this.close();
      const reason = (error as Error).message;
      this.problem = reason.includes(this.#file) ? reason : `${this.#file} cannot be read (${reason})`;
      for (const file of databaseFiles(this.#file)) if (await exists(file)) this.damagedFiles.push(file);
      return;
    }
    // A library moved by a run killed before it renamed the old files away.
    if (!this.#readOnly)
      await setAsideLegacyFiles(
        [LEGACY_INDEX_FILE, LEGACY_JOURNAL_FILE].map((name) => path.join(this.#dir, name)),
      );
  }

  #openMemory(entries: readonly IndexEntry[]): void {
    const db = new DatabaseSync(':memory:');
    db.exec(SCHEMA);
    const insert = db.prepare(`INSERT INTO entries (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    db.exec('BEGIN');
    for (const entry of entries) insert.run(...toRow(entry));
    db.exec('COMMIT');
    this.#db = db;
    this.#fingerprint = fingerprintOf(entries);
    this.#size = entries.length;
  }

  #database(): DatabaseSync {
    if (this.#db === null)
      throw new WorkbenchError('INTERNAL', `The library index of ${this.#dir} is not open.`);
    return this.#db;
  }

  #statement(sql: string): StatementSync {
    return this.#statements.get(sql);
  }

  /** The entries a query selects (its columns: COLUMNS), in the list's order. */
  #select(where: string, ...parameters: (string | number)[]): IndexEntry[] {
    const statement = this.#statement(`SELECT ${COLUMNS} FROM entries ${where}`);
    // Rows as arrays: node:sqlite builds an object per row five times slower.
    statement.setReturnArrays(true);
    const entries: IndexEntry[] = [];
    for (const row of statement.all(...parameters) as unknown as unknown[][]) {
      const entry = fromRow(row);
      if (entry !== null) entries.push(entry);
    }
    return entries;
  }

  /** The fingerprint of the entries that are not damaged (see entryFingerprint.ts). */
  fingerprint(): Fingerprint {
    return { ...this.#fingerprint };
  }

  /** Every entry, in the list's order: read once, then kept in memory and up to date. */
  entries(): IndexEntry[] {
    this.#cache ??= new Map(this.#select('ORDER BY rowid').map((entry) => [entry.id, entry]));
    return [...this.#cache.values()];
  }

  /** The ids of every entry, without reading the entries. */
  ids(): string[] {
    if (this.#cache !== null) return [...this.#cache.keys()];
    const statement = this.#statement('SELECT id FROM entries ORDER BY rowid');
    statement.setReturnArrays(true);
    return (statement.all() as unknown as [string][]).map(([id]) => id);
  }

  /**
   * At least the `count` entries published last (and every entry published the same day as the
   * last of them), or every entry when fewer than `count` have a date, in the list's order: what
   * the newest-first view's first rows are picked from, without reading the whole library.
   */
  newest(count: number): IndexEntry[] {
    if (this.#cache !== null) return this.entries();
    const threshold = this.#statement(
      `SELECT publishedAt FROM entries WHERE publishedAt IS NOT NULL AND publishedAt <> ''
        ORDER BY publishedAt DESC LIMIT 1 OFFSET ?`,
    ).get(Math.max(0, count - 1)) as { publishedAt: string } | undefined;
    if (threshold === undefined) return this.entries();
    return this.#select('WHERE publishedAt >= ? ORDER BY rowid', threshold.publishedAt);
  }

  get(id: string): IndexEntry | undefined {
    if (this.#cache !== null) return this.#cache.get(id);
    return this.#select('WHERE id = ?', id)[0];
  }

  has(id: string): boolean {
    if (this.#cache !== null) return this.#cache.has(id);
    return this.#statement('SELECT 1 AS found FROM entries WHERE id = ?').get(id) !== undefined;
  }

  /** The first article (in the list's order) of this content hash, damaged ones aside. */
  idBySha256(sha256: string): string | undefined {
    const row = this.#statement(
      'SELECT id FROM entries WHERE sha256 = ? AND damaged IS NULL ORDER BY rowid LIMIT 1',
    ).get(sha256) as { id: string } | undefined;
    return row?.id;
  }

  idByTextSha256(textSha256: string): string | undefined {
    const row = this.#statement(
      'SELECT id FROM entries WHERE textSha256 = ? AND damaged IS NULL ORDER BY rowid LIMIT 1',
    ).get(textSha256) as { id: string } | undefined;
    return row?.id;
  }

  /** Records a new or changed entry (a changed one keeps its place in the list). */
  put(entry: IndexEntry, options: { durable: boolean }): Promise<void> {
    return this.#settle(options, () => {
      const old = this.get(entry.id);
      const row = toRow(entry);
      this.#statement(
        `INSERT INTO entries (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET title = excluded.title, outlet = excluded.outlet,
            language = excluded.language, publishedAt = excluded.publishedAt, importedAt = excluded.importedAt,
            originalFileName = excluded.originalFileName, sha256 = excluded.sha256,
            textSha256 = excluded.textSha256, tags = excluded.tags, flags = excluded.flags,
            damaged = excluded.damaged`,
      ).run(...row);
      return { old, next: entry };
    });
  }

  delete(id: string, options: { durable: boolean }): Promise<void> {
    return this.#settle(options, () => {
      const old = this.get(id);
      if (old !== undefined) this.#statement('DELETE FROM entries WHERE id = ?').run(id);
      return { old, next: undefined };
    });
  }

  /** #write, its error as a rejection (the writes are synchronous, their callers await them). */
  #settle(options: { durable: boolean }, change: Change): Promise<void> {
    try {
      this.#write(options, change);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /**
   * One change and the fingerprint it leads to, in the open transaction; committed (synced) at once
   * when durable, and with it the batch's changes before it.
   */
  #write(options: { durable: boolean }, change: Change): void {
    if (this.#readOnly)
      throw new WorkbenchError('INTERNAL', `The library index of ${this.#dir} is open for reading.`);
    const db = this.#database();
    const fingerprint = { ...this.#fingerprint };
    try {
      // A batch's changes share one open transaction, committed (and synced) by the next durable
      // change or by compact(): a commit per article cost a third of an import's time. Until then
      // they are in memory only, like the folders' changes a batch leaves to its final sync, and a
      // crash loses nothing the folder check at the next open does not find again.
      if (!db.isTransaction) db.exec('BEGIN IMMEDIATE');
      db.exec('SAVEPOINT change');
      let changed: ReturnType<Change>;
      try {
        changed = change();
        if (changed.old?.damaged === null) addToFingerprint(fingerprint, hashesOf(changed.old), -1);
        if (changed.next?.damaged === null) addToFingerprint(fingerprint, hashesOf(changed.next), 1);
        this.#statement("INSERT OR REPLACE INTO meta (key, value) VALUES ('fingerprint', ?)").run(
          `${String(fingerprint.count)}:${String(fingerprint.xor)}:${String(fingerprint.sum)}`,
        );
        db.exec('RELEASE change');
      } catch (error) {
        // Only this change is undone: the batch's before it stay (unless SQLite ended the whole
        // transaction, as a full disk can; memory then follows the database, below).
        if (db.isTransaction) {
          db.exec('ROLLBACK TO change');
          db.exec('RELEASE change');
        }
        throw error;
      }
      // A synced commit makes every change of the transaction durable, the batch's before it too.
      if (options.durable) db.exec('COMMIT');
      const { old, next } = changed;
      this.#fingerprint = fingerprint;
      this.#size += (next === undefined ? 0 : 1) - (old === undefined ? 0 : 1);
      if (this.#cache !== null) {
        if (next !== undefined) this.#cache.set(next.id, next);
        else if (old !== undefined) this.#cache.delete(old.id);
      }
    } catch (error) {
      this.#followDatabase();
      throw new WorkbenchError(
        'WRITE_FAILED',
        `Cannot update the library index ${this.#file}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  /** Replaces the whole index (after a rebuild from the folders): a new file, put in place of the old one. */
  async replaceAll(entries: IndexEntry[]): Promise<void> {
    this.close();
    const temporary = path.join(
      this.#dir,
      `${TEMP_PREFIX}${INDEX_FILE}-${String(process.pid)}-${randomBytes(4).toString('hex')}`,
    );
    try {
      this.#fingerprint = writeDatabase(temporary, entries);
      for (const file of databaseFiles(this.#file).slice(1)) await rm(file, { force: true });
      await rename(temporary, this.#file);
      await fsyncDirectory(this.#dir);
    } catch (error) {
      await rm(temporary, { force: true });
      await rm(`${temporary}-journal`, { force: true });
      // The index was closed for the swap: it answers from memory for the rest of this session,
      // and the next open reads what is on disk (or rebuilds it from the folders) again.
      this.#openMemory(entries);
      throw new WorkbenchError(
        'WRITE_FAILED',
        `Cannot save the library index in ${this.#dir}: ${describeFileError(error)}`,
        { cause: error },
      );
    }
    const db = new DatabaseSync(this.#file);
    configure(db, { readOnly: false });
    this.#db = db;
    this.#size = entries.length;
    this.problem = null;
  }

  /** Makes the changes written without a sync durable (at the end of a batch). */
  compact(): Promise<void> {
    try {
      this.#commit();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(
        new WorkbenchError(
          'WRITE_FAILED',
          `Cannot save the library index ${this.#file}: ${(error as Error).message}`,
          {
            cause: error,
          },
        ),
      );
    }
  }

  /** Commits (synced) the batch's open transaction, if there is one. */
  #commit(): void {
    if (this.#db?.isTransaction !== true) return;
    try {
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#followDatabase();
      throw error;
    }
  }

  /**
   * After a failed write, takes the count and the fingerprint from the database again, and forgets
   * the whole list read from it: what the failure undid (a change, or a batch SQLite rolled back)
   * is then undone in memory too, and the folder check at the next open finds its articles again.
   */
  #followDatabase(): void {
    this.#cache = null;
    const db = this.#db;
    if (db === null) return;
    try {
      const stored = db.prepare("SELECT value FROM meta WHERE key = 'fingerprint'").get() as
        { value: string } | undefined;
      this.#fingerprint = parseFingerprint(stored?.value) ?? this.#fingerprint;
      this.#size = (db.prepare('SELECT count(*) AS count FROM entries').get() as { count: number }).count;
    } catch {
      // The database cannot even be read: the next open finds it damaged and rebuilds it.
    }
  }

  /**
   * Serves `entries` from memory (a reader's index rebuilt from the folders, which it must not
   * write): look-ups then answer from them instead of failing on a closed index.
   */
  useInMemory(entries: readonly IndexEntry[]): void {
    this.close();
    this.#openMemory(entries);
  }

  close(): void {
    // A batch's changes not yet committed are kept; a failure leaves them to the folder check.
    try {
      this.#commit();
    } catch {
      // The database is closed below all the same.
    }
    this.#statements.clear();
    this.#cache = null;
    this.#db?.close();
    this.#db = null;
  }
}
