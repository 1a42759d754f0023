import { appendFile, readFile, truncate } from 'node:fs/promises';
import path from 'node:path';
import type { IndexEntry } from '../../../shared/article.ts';
import { WorkbenchError } from '../../../shared/errors.ts';
import { describeFileError, writeFileAtomic } from './atomicWrite.ts';
import { addToFingerprint, emptyFingerprint, hashesOf, type Fingerprint } from './entryFingerprint.ts';

export const INDEX_FILE = 'library.json';
export const JOURNAL_FILE = 'library.journal.jsonl';
export const INDEX_SCHEMA_VERSION = 2;

/** Version 1, read to upgrade a library: one object per article. */
type SnapshotV1 = { schemaVersion: 1; articles: IndexEntry[] };

/**
 * Version 2: one array per article, in ROW_COLUMNS order, and the entries' fingerprint. Rows
 * rather than objects make the file a third smaller (47 to 31 MB at 100,000 articles), and
 * reading, decoding and collecting those bytes was most of the cost of opening a large library.
 */
type Snapshot = {
  schemaVersion: typeof INDEX_SCHEMA_VERSION;
  columns: typeof ROW_COLUMNS;
  fingerprint: Fingerprint;
  rows: Row[];
};

const ROW_COLUMNS = [
  'id',
  'title',
  'outlet',
  'language',
  'publishedAt',
  'importedAt',
  'originalFileName',
  'sha256',
  'textSha256',
  'tags',
  'flags',
  'damaged',
] as const;

/** `flags`: 1 when the article has notes, 2 when it has a memo. */
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
  string[],
  number,
  string | null,
];

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
    entry.tags,
    (entry.hasNotes ? 1 : 0) | (entry.hasMemo ? 2 : 0),
    entry.damaged,
  ];
}

/** The entry of a row, or null when the row is not one (checked by hand, see isIndexEntry). */
function fromRow(row: unknown): IndexEntry | null {
  if (!Array.isArray(row) || row.length !== ROW_COLUMNS.length) return null;
  const [
    id,
    title,
    outlet,
    language,
    publishedAt,
    importedAt,
    originalFileName,
    sha256,
    textSha256,
    tags,
    flags,
    damaged,
  ] = row as unknown[];
  const entry = {
    id,
    title,
    outlet,
    language,
    publishedAt,
    importedAt,
    originalFileName,
    sha256,
    textSha256,
    tags,
    hasNotes: typeof flags === 'number' && (flags & 1) === 1,
    hasMemo: typeof flags === 'number' && (flags & 2) === 2,
    damaged,
  };
  return typeof flags === 'number' && isIndexEntry(entry) ? entry : null;
}

function isFingerprint(value: unknown): value is Fingerprint {
  if (typeof value !== 'object' || value === null) return false;
  const { count, xor, sum } = value as Record<keyof Fingerprint, unknown>;
  return [count, xor, sum].every((part) => typeof part === 'number' && Number.isInteger(part) && part >= 0);
}
type JournalLine = { op: 'put'; entry: IndexEntry } | { op: 'delete'; id: string };

function isNullableString(value: unknown): boolean {
  return value === null || typeof value === 'string';
}

/**
 * The shape of an index row (indexEntrySchema), checked by hand: zod took about a second and
 * doubled the memory for 100,000 rows at every open, and the index is a cache of the article
 * folders, rebuilt whenever it is wrong, so a structural check is all it needs.
 */
export function isIndexEntry(value: unknown): value is IndexEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<keyof IndexEntry, unknown>;
  return (
    typeof entry.id === 'string' &&
    isNullableString(entry.title) &&
    isNullableString(entry.outlet) &&
    isNullableString(entry.language) &&
    isNullableString(entry.publishedAt) &&
    typeof entry.importedAt === 'string' &&
    typeof entry.originalFileName === 'string' &&
    typeof entry.sha256 === 'string' &&
    typeof entry.textSha256 === 'string' &&
    Array.isArray(entry.tags) &&
    entry.tags.every((tag) => typeof tag === 'string') &&
    typeof entry.hasNotes === 'boolean' &&
    typeof entry.hasMemo === 'boolean' &&
    isNullableString(entry.damaged)
  );
}

function isJournalLine(value: unknown): value is JournalLine {
  if (typeof value !== 'object' || value === null) return false;
  const line = value as { op?: unknown; entry?: unknown; id?: unknown };
  return (
    (line.op === 'put' && isIndexEntry(line.entry)) || (line.op === 'delete' && typeof line.id === 'string')
  );
}

/**
 * The entries of a parsed snapshot of either version, with their fingerprint when the snapshot
 * stores it; or why the snapshot is unusable.
 */
function snapshotEntries(
  file: string,
  json: unknown,
): { entries: IndexEntry[]; fingerprint: Fingerprint | null } | { problem: string } {
  const snapshot = json as Partial<Snapshot> | Partial<SnapshotV1> | null;
  if (typeof snapshot !== 'object' || snapshot === null) return { problem: `${file} is not an index` };
  if (snapshot.schemaVersion === 1) {
    const { articles } = snapshot;
    if (!Array.isArray(articles)) return { problem: `${file} has no list of articles` };
    const bad = articles.findIndex((entry) => !isIndexEntry(entry));
    return bad === -1
      ? { entries: articles, fingerprint: null }
      : { problem: `${file} entry ${String(bad)} is damaged` };
  }
  if (snapshot.schemaVersion !== INDEX_SCHEMA_VERSION)
    return {
      problem: `${file} has schema version ${String(snapshot.schemaVersion)}, not ${String(INDEX_SCHEMA_VERSION)}`,
    };
  const { rows, columns, fingerprint } = snapshot;
  if (!Array.isArray(columns) || columns.join() !== ROW_COLUMNS.join())
    return { problem: `${file} does not have the expected columns` };
  if (!Array.isArray(rows)) return { problem: `${file} has no rows of articles` };
  const entries: IndexEntry[] = [];
  for (const [position, row] of rows.entries()) {
    const entry = fromRow(row);
    if (entry === null) return { problem: `${file} row ${String(position)} is damaged` };
    entries.push(entry);
  }
  return { entries, fingerprint: isFingerprint(fingerprint) ? fingerprint : null };
}

/**
 * The parsed snapshot, or undefined when there is none; throws a message naming the file when it
 * cannot be read or parsed. (A function of its own so that the text, 50-100 MB at 100,000
 * articles, can be collected before the entries are copied into maps.)
 */
async function readSnapshot(file: string): Promise<unknown> {
  let text: string;
  try {
    // Read as bytes and decoded in one native call: readFile's own 'utf8' decoding goes through a
    // StringDecoder chunk by chunk, which cost 0.6 s of a 100,000-article open.
    text = (await readFile(file)).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Cannot read ${file}: ${describeFileError(error)}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(
      text.trim() === '' ? `${file} is empty` : `${file} is not valid JSON (${(error as Error).message})`,
      { cause: error },
    );
  }
}

/** Journal lines after which the snapshot is rewritten. */
const COMPACT_AFTER = 2_000;

/**
 * The library's index for fast listing: a snapshot (library.json) plus an append-only
 * journal of changes since. Rewriting a 100,000-article snapshot costs about 0.6 s, so an
 * edit only appends a line; the snapshot is rewritten when the journal grows long or a
 * batch ends, and not at all when nothing changed. Both files are a cache of the article
 * folders: anything unreadable in them is dropped and rebuilt from the folders, never trusted.
 */
export class LibraryIndex {
  readonly #dir: string;
  readonly #entries = new Map<string, IndexEntry>();
  readonly #bySha256 = new Map<string, string>();
  readonly #byTextSha256 = new Map<string, string>();
  /**
   * Whether the two hash maps above are built: only an import looks them up, so they are built
   * on its first look-up rather than at open (200,000 more map entries at 100,000 articles).
   */
  #hasHashes = false;
  #journalLines = 0;
  #fingerprint: Fingerprint = emptyFingerprint();
  #diskTail: Promise<unknown> = Promise.resolve();
  /** Whether memory holds changes the snapshot does not (they may be in the journal). */
  #isDirty = false;
  /** Journal lines of a batch not yet on disk: the folders are, and opening picks them up after a crash. */
  #pending: JournalLine[] = [];
  /** Why the stored index could not be used, when it could not; the caller rebuilds it. */
  problem: string | null = null;
  /** The index files found damaged by `load()`, for the caller to keep in the quarantine. */
  damagedFiles: string[] = [];
  /**
   * The journal's length without the torn last line a kill mid-append left, if it did: the next
   * append cuts the torn line off first, or it would sit mid-file and read as damage.
   */
  #journalGoodBytes: number | null = null;

  constructor(libraryDir: string) {
    this.#dir = libraryDir;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Loads the snapshot and replays the journal. Never throws for damaged files: sets `problem`. */
  async load(): Promise<void> {
    this.#clearMemory();
    const snapshotFile = path.join(this.#dir, INDEX_FILE);
    let json: unknown;
    try {
      json = await readSnapshot(snapshotFile);
    } catch (error) {
      this.problem = (error as Error).message;
      this.damagedFiles.push(snapshotFile);
      return;
    }
    if (json !== undefined) {
      const snapshot = snapshotEntries(snapshotFile, json);
      if ('problem' in snapshot) {
        this.problem = snapshot.problem;
        this.damagedFiles.push(snapshotFile);
        return;
      }
      if (snapshot.fingerprint === null) {
        // A version 1 snapshot, or one without a usable fingerprint: hashed once here, and
        // rewritten as version 2 at the next compaction.
        for (const entry of snapshot.entries) this.#remember(entry);
        this.#isDirty = true;
      } else {
        for (const entry of snapshot.entries) this.#entries.set(entry.id, entry);
        this.#fingerprint = { ...snapshot.fingerprint };
      }
    }
    const journalFile = path.join(this.#dir, JOURNAL_FILE);
    let journal = '';
    try {
      journal = await readFile(journalFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.problem = `Cannot read ${journalFile}: ${describeFileError(error)}`;
    }
    const lines = journal.split('\n').filter((line) => line.trim() !== '');
    for (const [position, line] of lines.entries()) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = undefined;
      }
      if (!isJournalLine(parsed)) {
        // A torn last line is what a kill mid-append leaves; anything else means damage.
        if (position === lines.length - 1) {
          const start = journal.lastIndexOf(line);
          this.#journalGoodBytes = Buffer.byteLength(journal.slice(0, start), 'utf8');
        } else if (this.problem === null) {
          this.problem = `${journalFile} line ${String(position + 1)} is damaged`;
          this.damagedFiles.push(journalFile);
        }
        continue;
      }
      this.#apply(parsed);
    }
    this.#journalLines = lines.length;
    if (lines.length > 0) this.#isDirty = true;
  }

  /** The fingerprint of the entries that are not damaged (see entryFingerprint.ts). */
  fingerprint(): Fingerprint {
    return { ...this.#fingerprint };
  }

  entries(): IndexEntry[] {
    return [...this.#entries.values()];
  }

  /** The ids of every entry, without copying the entries. */
  ids(): string[] {
    return [...this.#entries.keys()];
  }

  get(id: string): IndexEntry | undefined {
    return this.#entries.get(id);
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  idBySha256(sha256: string): string | undefined {
    this.#buildHashes();
    return this.#bySha256.get(sha256);
  }

  idByTextSha256(textSha256: string): string | undefined {
    this.#buildHashes();
    return this.#byTextSha256.get(textSha256);
  }

  #buildHashes(): void {
    if (this.#hasHashes) return;
    this.#hasHashes = true;
    for (const entry of this.#entries.values()) this.#rememberHashes(entry);
  }

  /** Records a new or changed entry: in memory at once, on disk as one journal line. */
  async put(entry: IndexEntry, options: { durable: boolean }): Promise<void> {
    this.#apply({ op: 'put', entry });
    await this.#append({ op: 'put', entry }, options);
  }

  async delete(id: string, options: { durable: boolean }): Promise<void> {
    this.#apply({ op: 'delete', id });
    await this.#append({ op: 'delete', id }, options);
  }

  /** Replaces the whole index (after a rebuild from the folders) and writes a fresh snapshot. */
  async replaceAll(entries: IndexEntry[]): Promise<void> {
    this.#clearMemory();
    for (const entry of entries) this.#remember(entry);
    this.#isDirty = true;
    await this.compact();
    this.problem = null;
  }

  /**
   * Rewrites the snapshot from memory and empties the journal when memory holds changes the
   * snapshot lacks: always then with `force` (the default), only once the journal is long without.
   */
  compact(options: { force?: boolean } = { force: true }): Promise<void> {
    return this.#exclusive(() => this.#compactNow(options));
  }

  /**
   * Runs a write of the index files after the ones before it. A compaction waits on a snapshot
   * write (0.6 s at 100,000 articles) and then empties the journal: a journal line appended in
   * that wait (a tag set during a batch import's flush) was emptied with it and lost on disk.
   */
  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#diskTail.then(task);
    this.#diskTail = result.catch(() => undefined);
    return result;
  }

  async #compactNow(options: { force?: boolean }): Promise<void> {
    if (!this.#isDirty && this.#pending.length === 0) return;
    if (!options.force && this.#journalLines < COMPACT_AFTER) return;
    this.#pending = [];
    const rows = [...this.#entries.values()]
      .sort((a, b) => a.importedAt.localeCompare(b.importedAt))
      .map((entry) => toRow(entry));
    try {
      await writeFileAtomic(
        path.join(this.#dir, INDEX_FILE),
        JSON.stringify({
          schemaVersion: INDEX_SCHEMA_VERSION,
          columns: ROW_COLUMNS,
          fingerprint: this.#fingerprint,
          rows,
        } satisfies Snapshot),
      );
      // The snapshot now holds every journalled change, so an empty journal loses nothing.
      await writeFileAtomic(path.join(this.#dir, JOURNAL_FILE), '');
    } catch (error) {
      throw new WorkbenchError(
        'WRITE_FAILED',
        `Cannot save the library index in ${this.#dir}: ${describeFileError(error)}`,
        { cause: error },
      );
    }
    this.#journalLines = 0;
    this.#journalGoodBytes = null;
    this.#isDirty = false;
  }

  async #append(line: JournalLine, options: { durable: boolean }): Promise<void> {
    this.#isDirty = true;
    if (!options.durable) {
      this.#pending.push(line);
      return;
    }
    await this.#exclusive(async () => {
      const lines = [...this.#pending.splice(0), line];
      const file = path.join(this.#dir, JOURNAL_FILE);
      try {
        if (this.#journalGoodBytes !== null) {
          await truncate(file, this.#journalGoodBytes);
          this.#journalGoodBytes = null;
        }
        await appendFile(file, lines.map((pending) => `${JSON.stringify(pending)}\n`).join(''), {
          flush: true,
        });
      } catch (error) {
        throw new WorkbenchError(
          'WRITE_FAILED',
          `Cannot update the library index ${file}: ${describeFileError(error)}`,
          { cause: error },
        );
      }
      this.#journalLines += lines.length;
    });
    await this.compact({ force: false });
  }

  #apply(line: JournalLine): void {
    if (line.op === 'put') {
      this.#forget(line.entry.id);
      this.#remember(line.entry);
    } else {
      this.#forget(line.id);
    }
  }

  #remember(entry: IndexEntry): void {
    this.#entries.set(entry.id, entry);
    if (entry.damaged === null) addToFingerprint(this.#fingerprint, hashesOf(entry), 1);
    if (this.#hasHashes) this.#rememberHashes(entry);
  }

  #rememberHashes(entry: IndexEntry): void {
    if (entry.damaged !== null) return;
    if (!this.#bySha256.has(entry.sha256)) this.#bySha256.set(entry.sha256, entry.id);
    if (!this.#byTextSha256.has(entry.textSha256)) this.#byTextSha256.set(entry.textSha256, entry.id);
  }

  #forget(id: string): void {
    const old = this.#entries.get(id);
    if (!old) return;
    this.#entries.delete(id);
    if (old.damaged === null) addToFingerprint(this.#fingerprint, hashesOf(old), -1);
    if (this.#bySha256.get(old.sha256) === id) this.#bySha256.delete(old.sha256);
    if (this.#byTextSha256.get(old.textSha256) === id) this.#byTextSha256.delete(old.textSha256);
  }

  #clearMemory(): void {
    this.#entries.clear();
    this.#bySha256.clear();
    this.#byTextSha256.clear();
    this.#hasHashes = false;
    this.#fingerprint = emptyFingerprint();
    this.#journalLines = 0;
    this.#isDirty = false;
    this.#pending = [];
    this.problem = null;
    this.damagedFiles = [];
    this.#journalGoodBytes = null;
  }
}
