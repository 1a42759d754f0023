import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { indexEntrySchema, type IndexEntry } from '../../../shared/article.ts';
import { WorkbenchError } from '../../../shared/errors.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import { ValidatedJsonFile } from './validatedJsonFile.ts';

export const INDEX_FILE = 'library.json';
export const JOURNAL_FILE = 'library.journal.jsonl';
export const INDEX_SCHEMA_VERSION = 1;

const snapshotSchema = z.object({
  schemaVersion: z.literal(INDEX_SCHEMA_VERSION),
  articles: z.array(indexEntrySchema),
});
type Snapshot = z.infer<typeof snapshotSchema>;

const journalLineSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), entry: indexEntrySchema }),
  z.object({ op: z.literal('delete'), id: z.string() }),
]);
type JournalLine = z.infer<typeof journalLineSchema>;

/** Journal lines after which the snapshot is rewritten. */
const COMPACT_AFTER = 2_000;

/**
 * The library's index for fast listing: a lowdb snapshot (library.json) plus an
 * append-only journal of changes since. Rewriting a 100,000-article snapshot costs
 * about 0.6 s, so an edit only appends a line; the snapshot is rewritten when the
 * journal grows long or a batch ends. Both files are a cache of the article folders:
 * anything unreadable in them is dropped and rebuilt from the folders, never trusted.
 */
export class LibraryIndex {
  readonly #dir: string;
  readonly #entries = new Map<string, IndexEntry>();
  readonly #bySha256 = new Map<string, string>();
  readonly #byTextSha256 = new Map<string, string>();
  #journalLines = 0;
  /** Journal lines of a batch not yet on disk: the folders are, and opening picks them up after a crash. */
  #pending: JournalLine[] = [];
  /** Why the stored index could not be used, when it could not; the caller rebuilds it. */
  problem: string | null = null;

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
    const db = new Low<Snapshot>(
      new ValidatedJsonFile(snapshotFile, snapshotSchema, { damagedCode: 'ARTICLE_DAMAGED' }),
      { schemaVersion: INDEX_SCHEMA_VERSION, articles: [] },
    );
    try {
      await db.read();
    } catch (error) {
      this.problem = (error as Error).message;
      return;
    }
    for (const entry of db.data.articles) this.#remember(entry);
    let journal = '';
    try {
      journal = await readFile(path.join(this.#dir, JOURNAL_FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.problem = (error as Error).message;
    }
    const lines = journal.split('\n').filter((line) => line.trim() !== '');
    for (const [position, line] of lines.entries()) {
      let parsed: JournalLine;
      try {
        parsed = journalLineSchema.parse(JSON.parse(line));
      } catch {
        // A torn last line is what a kill mid-append leaves; anything else means damage.
        if (position !== lines.length - 1)
          this.problem = `${JOURNAL_FILE} line ${String(position + 1)} is damaged`;
        continue;
      }
      this.#apply(parsed);
    }
    this.#journalLines = lines.length;
  }

  entries(): IndexEntry[] {
    return [...this.#entries.values()];
  }

  get(id: string): IndexEntry | undefined {
    return this.#entries.get(id);
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  idBySha256(sha256: string): string | undefined {
    return this.#bySha256.get(sha256);
  }

  idByTextSha256(textSha256: string): string | undefined {
    return this.#byTextSha256.get(textSha256);
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
    await this.compact();
    this.problem = null;
  }

  /** Rewrites the snapshot from memory and empties the journal, if the journal is long (or `force`). */
  async compact(options: { force?: boolean } = { force: true }): Promise<void> {
    if (!options.force && this.#journalLines < COMPACT_AFTER) return;
    this.#pending = [];
    const articles = [...this.#entries.values()].sort((a, b) => a.importedAt.localeCompare(b.importedAt));
    try {
      await writeFileAtomic(
        path.join(this.#dir, INDEX_FILE),
        JSON.stringify({ schemaVersion: INDEX_SCHEMA_VERSION, articles } satisfies Snapshot),
      );
      // The snapshot now holds every journalled change, so an empty journal loses nothing.
      await writeFileAtomic(path.join(this.#dir, JOURNAL_FILE), '');
    } catch (error) {
      throw new WorkbenchError(
        'WRITE_FAILED',
        `Cannot save the library index in ${this.#dir}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    this.#journalLines = 0;
  }

  async #append(line: JournalLine, options: { durable: boolean }): Promise<void> {
    if (!options.durable) {
      this.#pending.push(line);
      return;
    }
    const lines = [...this.#pending.splice(0), line];
    const file = path.join(this.#dir, JOURNAL_FILE);
    try {
      await appendFile(file, lines.map((pending) => `${JSON.stringify(pending)}\n`).join(''), {
        flush: true,
      });
    } catch (error) {
      throw new WorkbenchError(
        'WRITE_FAILED',
        `Cannot update the library index ${file}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    this.#journalLines += lines.length;
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
    if (entry.damaged !== null) return;
    if (!this.#bySha256.has(entry.sha256)) this.#bySha256.set(entry.sha256, entry.id);
    if (!this.#byTextSha256.has(entry.textSha256)) this.#byTextSha256.set(entry.textSha256, entry.id);
  }

  #forget(id: string): void {
    const old = this.#entries.get(id);
    if (!old) return;
    this.#entries.delete(id);
    if (this.#bySha256.get(old.sha256) === id) this.#bySha256.delete(old.sha256);
    if (this.#byTextSha256.get(old.textSha256) === id) this.#byTextSha256.delete(old.textSha256);
  }

  #clearMemory(): void {
    this.#entries.clear();
    this.#bySha256.clear();
    this.#byTextSha256.clear();
    this.#journalLines = 0;
    this.#pending = [];
    this.problem = null;
  }
}
