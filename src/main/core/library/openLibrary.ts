import { execFile } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Low } from 'lowdb';
import {
  articleSchema,
  memoFileSchema,
  notesFileSchema,
  SCHEMA_VERSION,
  type Article,
  type BlockNote,
  type IndexEntry,
  type MemoFile,
  type NotesFile,
} from '../../../shared/article.ts';
import { WorkbenchError } from '../../../shared/errors.ts';
import { fsyncDirectory, fsyncFile, TEMP_PREFIX, temporaryNameFor } from './atomicWrite.ts';
import { acquireLibraryLock, type LibraryLock } from './libraryLock.ts';
import { INDEX_FILE, LibraryIndex } from './libraryIndex.ts';
import { ValidatedJsonFile } from './validatedJsonFile.ts';

export const ARTICLES_DIR = 'articles';
export const ARTICLE_FILE = 'article.json';
export const NOTES_FILE = 'notes.json';
export const MEMO_FILE = 'memo.json';

const EMPTY_NOTES: NotesFile = { schemaVersion: SCHEMA_VERSION, notes: {} };
const EMPTY_MEMO: MemoFile = { schemaVersion: SCHEMA_VERSION, doc: null, updatedAt: null };

export type OpenMode = 'read' | 'write';
export type OpenOptions = {
  mode: OpenMode;
  /** Create the folder when it does not exist (write mode only). */
  create?: boolean;
};

/** What opening found and repaired, for the caller to tell the analyst. */
export type OpenReport = {
  indexRebuilt: string | null;
  removedTemporaries: string[];
  addedFromFolders: number;
  droppedMissing: number;
};

function hasNoteContent(notes: NotesFile): boolean {
  return Object.values(notes.notes).some((note) => note.translation.trim() !== '' || note.note.trim() !== '');
}

function hasMemoContent(memo: MemoFile): boolean {
  const content = memo.doc?.content;
  return Array.isArray(content) && JSON.stringify(content).includes('"text"');
}

/** The index row for an article, from its files. */
export function indexEntryFor(article: Article, flags: { hasNotes: boolean; hasMemo: boolean }): IndexEntry {
  return {
    id: article.id,
    title: article.metadata.title.value,
    outlet: article.metadata.outlet.value,
    language: article.metadata.language.value,
    publishedAt: article.metadata.publishedAt.value,
    importedAt: article.importedAt,
    originalFileName: article.originalFileName,
    sha256: article.sha256,
    textSha256: article.textSha256,
    tags: article.tags,
    hasNotes: flags.hasNotes,
    hasMemo: flags.hasMemo,
    damaged: null,
  };
}

function damagedEntry(id: string, reason: string): IndexEntry {
  return {
    id,
    title: null,
    outlet: null,
    language: null,
    publishedAt: null,
    importedAt: '',
    originalFileName: '',
    sha256: '',
    textSha256: '',
    tags: [],
    hasNotes: false,
    hasMemo: false,
    damaged: reason,
  };
}

/** What changed in a library, for caches that follow it (the search index, an open window). */
export type LibraryChange =
  | { kind: 'article-added'; id: string }
  | { kind: 'notes-saved'; id: string; blockId: string }
  | { kind: 'memo-saved'; id: string };

/** Article ids are file-name safe by construction; anything else is a caller's mistake or an attack. */
function checkId(id: string): void {
  if (!/^[0-9a-z][0-9a-z-]{0,63}$/.test(id))
    throw new WorkbenchError('INVALID_INPUT', `Not an article id: ${JSON.stringify(id)}`);
}

/**
 * A library folder on disk: one folder per article plus an index for listing.
 * Open it with `openLibrary`; in write mode it holds the library's lock until `close()`.
 */
export class Library {
  readonly dir: string;
  readonly mode: OpenMode;
  readonly #index: LibraryIndex;
  #lock: LibraryLock | null = null;
  /** Files and folders written without fsync by a batch, flushed by `flush()`. */
  #unsynced: { files: string[]; dirs: Set<string> } = { files: [], dirs: new Set() };
  readonly #listeners = new Set<(change: LibraryChange) => void>();

  constructor(dir: string, mode: OpenMode) {
    this.dir = dir;
    this.mode = mode;
    this.#index = new LibraryIndex(dir);
  }

  get articlesDir(): string {
    return path.join(this.dir, ARTICLES_DIR);
  }

  articleDir(id: string): string {
    checkId(id);
    return path.join(this.articlesDir, id);
  }

  /** @internal used by openLibrary */
  async open(options: OpenOptions): Promise<OpenReport> {
    const report: OpenReport = {
      indexRebuilt: null,
      removedTemporaries: [],
      addedFromFolders: 0,
      droppedMissing: 0,
    };
    const exists = await stat(this.dir).then(
      (info) => info.isDirectory(),
      () => false,
    );
    if (!exists) {
      if (this.mode === 'read' || options.create !== true) {
        throw new WorkbenchError('LIBRARY_NOT_FOUND', `There is no library at ${this.dir}.`);
      }
    }
    if (this.mode === 'write') {
      await mkdir(this.articlesDir, { recursive: true }).catch((error: unknown) => {
        throw new WorkbenchError(
          'WRITE_FAILED',
          `Cannot create the library at ${this.dir}: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      });
      this.#lock = await acquireLibraryLock(this.dir);
      try {
        report.removedTemporaries = await this.#removeTemporaries();
      } catch (error) {
        await this.close();
        throw error;
      }
    }
    await this.#index.load();
    const folders = await this.#listArticleFolders();
    if (this.#index.problem !== null) {
      report.indexRebuilt = this.#index.problem;
      await this.#rebuild(folders);
      return report;
    }
    // The folders are the truth: an import killed after its rename but before its index
    // line, or a folder synced in from another machine, is picked up here.
    const onDisk = new Set(folders);
    const missing = this.#index.entries().filter((entry) => !onDisk.has(entry.id));
    const added: IndexEntry[] = [];
    for (const id of folders) if (!this.#index.has(id)) added.push(await this.#readEntry(id));
    report.droppedMissing = missing.length;
    report.addedFromFolders = added.length;
    if (missing.length + added.length === 0) return report;
    if (this.mode === 'write') {
      for (const entry of missing) await this.#index.delete(entry.id, { durable: false });
      for (const entry of added) await this.#index.put(entry, { durable: false });
      await this.#index.compact();
    } else {
      // A reader must not write: it keeps the repaired view in memory.
      const gone = new Set(missing.map((entry) => entry.id));
      this.#readOnlyEntries = [...this.#index.entries().filter((entry) => !gone.has(entry.id)), ...added];
    }
    return report;
  }

  async #removeTemporaries(): Promise<string[]> {
    const removed: string[] = [];
    for (const dir of [this.dir, this.articlesDir]) {
      for (const name of await readdir(dir)) {
        if (name.startsWith(TEMP_PREFIX)) {
          await rm(path.join(dir, name), { recursive: true, force: true });
          removed.push(path.join(dir, name));
        }
      }
    }
    return removed;
  }

  async #listArticleFolders(): Promise<string[]> {
    let names: import('node:fs').Dirent[];
    try {
      names = await readdir(this.articlesDir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new WorkbenchError(
        'READ_FAILED',
        `Cannot read ${this.articlesDir}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return names
      .filter(
        (entry) => entry.isDirectory() && !entry.name.startsWith(TEMP_PREFIX) && !entry.name.startsWith('.'),
      )
      .map((entry) => entry.name);
  }

  async #readEntry(id: string): Promise<IndexEntry> {
    try {
      const article = await this.readArticle(id);
      const [notes, memo] = await Promise.all([this.readNotes(id), this.readMemo(id)]);
      return indexEntryFor(article, { hasNotes: hasNoteContent(notes), hasMemo: hasMemoContent(memo) });
    } catch (error) {
      if (error instanceof WorkbenchError) return damagedEntry(id, error.message);
      throw error;
    }
  }

  async #rebuild(folders: string[]): Promise<void> {
    const entries: IndexEntry[] = [];
    for (const id of folders) entries.push(await this.#readEntry(id));
    if (this.mode === 'write') {
      await this.#index.replaceAll(entries);
    } else {
      // A reader must not write; keep the rebuilt view in memory.
      this.#readOnlyEntries = entries;
    }
  }

  #readOnlyEntries: IndexEntry[] | null = null;

  /** Every article, damaged ones included (with `damaged` set to the reason). */
  list(): IndexEntry[] {
    return this.#readOnlyEntries ?? this.#index.entries();
  }

  get size(): number {
    return this.#readOnlyEntries?.length ?? this.#index.size;
  }

  entry(id: string): IndexEntry | undefined {
    return this.#readOnlyEntries?.find((entry) => entry.id === id) ?? this.#index.get(id);
  }

  findBySha256(sha256: string): string | undefined {
    return this.#index.idBySha256(sha256);
  }

  findByTextSha256(textSha256: string): string | undefined {
    return this.#index.idByTextSha256(textSha256);
  }

  /** Calls `listener` after every change this process makes; returns the function that stops it. */
  onChange(listener: (change: LibraryChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: LibraryChange): void {
    for (const listener of this.#listeners) listener(change);
  }

  /** Rebuilds the index from the article folders (the `workbench reindex` command). */
  async reindex(): Promise<{ articles: number; damaged: number }> {
    this.#requireWrite();
    const folders = await this.#listArticleFolders();
    await this.#rebuild(folders);
    const entries = this.list();
    return { articles: entries.length, damaged: entries.filter((entry) => entry.damaged !== null).length };
  }

  async readArticle(id: string): Promise<Article> {
    const file = path.join(this.articleDir(id), ARTICLE_FILE);
    const article = await new ValidatedJsonFile(file, articleSchema).read();
    if (article === null)
      throw new WorkbenchError('ARTICLE_NOT_FOUND', `There is no article ${id} in ${this.dir}.`);
    if (article.id !== id)
      throw new WorkbenchError('ARTICLE_DAMAGED', `${file} belongs to article ${article.id}, not ${id}.`);
    return article;
  }

  async readNotes(id: string): Promise<NotesFile> {
    return (
      (await new ValidatedJsonFile(path.join(this.articleDir(id), NOTES_FILE), notesFileSchema).read()) ??
      EMPTY_NOTES
    );
  }

  async readMemo(id: string): Promise<MemoFile> {
    return (
      (await new ValidatedJsonFile(path.join(this.articleDir(id), MEMO_FILE), memoFileSchema).read()) ??
      EMPTY_MEMO
    );
  }

  /** Saves the analyst's translation and note of one block; durable when it resolves. */
  async saveNote(id: string, blockId: string, note: Omit<BlockNote, 'updatedAt'>): Promise<BlockNote> {
    this.#requireWrite();
    const article = await this.readArticle(id);
    if (!article.blocks.some((block) => block.id === blockId)) {
      throw new WorkbenchError('INVALID_INPUT', `Article ${id} has no block ${blockId}.`);
    }
    const db = new Low(
      new ValidatedJsonFile(path.join(this.articleDir(id), NOTES_FILE), notesFileSchema),
      EMPTY_NOTES,
    );
    await db.read();
    const saved: BlockNote = { ...note, updatedAt: new Date().toISOString() };
    db.data = { ...db.data, notes: { ...db.data.notes, [blockId]: saved } };
    await db.write();
    await this.#refreshEntry(article, { hasNotes: hasNoteContent(db.data) });
    this.#emit({ kind: 'notes-saved', id, blockId });
    return saved;
  }

  /** Saves the analyst memo (Tiptap JSON); durable when it resolves. */
  async saveMemo(id: string, doc: MemoFile['doc']): Promise<MemoFile> {
    this.#requireWrite();
    const article = await this.readArticle(id);
    const memo: MemoFile = { schemaVersion: SCHEMA_VERSION, doc, updatedAt: new Date().toISOString() };
    const db = new Low(
      new ValidatedJsonFile(path.join(this.articleDir(id), MEMO_FILE), memoFileSchema),
      EMPTY_MEMO,
    );
    db.data = memo;
    await db.write();
    await this.#refreshEntry(article, { hasMemo: hasMemoContent(memo) });
    this.#emit({ kind: 'memo-saved', id });
    return memo;
  }

  async #refreshEntry(
    article: Article,
    change: Partial<Pick<IndexEntry, 'hasNotes' | 'hasMemo'>>,
  ): Promise<void> {
    const old = this.#index.get(article.id);
    const entry = {
      ...indexEntryFor(article, { hasNotes: old?.hasNotes ?? false, hasMemo: old?.hasMemo ?? false }),
      ...change,
    };
    if (old && JSON.stringify(old) === JSON.stringify(entry)) return;
    await this.#index.put(entry, { durable: true });
  }

  /**
   * Adds a newly imported article: its folder is assembled under a temporary name and
   * renamed into place, so a failure or a kill never leaves a half-written article.
   * With `durable: false` (a batch), fsyncs wait for `flush()`.
   */
  async addArticle(
    article: Article,
    original: Uint8Array,
    options: { durable: boolean },
  ): Promise<IndexEntry> {
    this.#requireWrite();
    const finalDir = this.articleDir(article.id);
    const staging = temporaryNameFor(finalDir);
    const checked = articleSchema.safeParse(article);
    if (!checked.success)
      throw new WorkbenchError(
        'INTERNAL',
        `Article ${article.id} does not match its schema: ${checked.error.message}`,
      );
    // notes.json and memo.json appear with the analyst's first note or memo; until then they read as empty.
    const files = [
      [article.originalPath, original],
      [ARTICLE_FILE, `${JSON.stringify(checked.data, null, 2)}\n`],
    ] as const;
    try {
      if (options.durable) {
        await mkdir(staging);
        for (const [name, data] of files) await writeFile(path.join(staging, name), data, { flag: 'wx' });
        for (const [name] of files) await fsyncFile(path.join(staging, name));
        await fsyncDirectory(staging);
        await rename(staging, finalDir);
      } else {
        // A batch writes thousands of small files: the synchronous calls cost a fraction of
        // the promise API's per-call overhead and each blocks for microseconds only.
        mkdirSync(staging);
        for (const [name, data] of files) writeFileSync(path.join(staging, name), data, { flag: 'wx' });
        renameSync(staging, finalDir);
      }
    } catch (error) {
      await rm(staging, { recursive: true, force: true }).catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') {
        throw new WorkbenchError('WRITE_FAILED', `Article ${article.id} already exists in ${this.dir}.`, {
          cause: error,
        });
      }
      throw new WorkbenchError(
        'WRITE_FAILED',
        `Cannot write article ${article.id} into ${this.dir}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    if (options.durable) {
      await fsyncDirectory(this.articlesDir);
    } else {
      for (const [name] of files) this.#unsynced.files.push(path.join(finalDir, name));
      this.#unsynced.dirs.add(finalDir);
      this.#unsynced.dirs.add(this.articlesDir);
    }
    const entry = indexEntryFor(article, { hasNotes: false, hasMemo: false });
    await this.#index.put(entry, options);
    this.#emit({ kind: 'article-added', id: article.id });
    return entry;
  }

  /** Makes everything a batch wrote durable, then folds the index journal into the snapshot. */
  async flush(): Promise<void> {
    if (this.mode !== 'write') return;
    const { files, dirs } = this.#unsynced;
    this.#unsynced = { files: [], dirs: new Set() };
    if (files.length > 0) await syncAll([...files, ...dirs], this.dir);
    await this.#index.compact();
  }

  async close(): Promise<void> {
    if (this.#lock === null) return;
    try {
      await this.flush();
    } finally {
      await this.#lock.release();
      this.#lock = null;
    }
  }

  #requireWrite(): void {
    if (this.mode !== 'write' || this.#lock === null) {
      throw new WorkbenchError('LIBRARY_READ_ONLY', `The library at ${this.dir} is open read-only.`);
    }
  }
}

const run = promisify(execFile);

/**
 * fsyncs many files at once. On Linux one syncfs(2) of the library's file system (coreutils
 * `sync -f`) flushes a whole batch for the price of one call, where an fsync per file caps a
 * batch near 600 articles/s; elsewhere, or if that fails, every file is fsynced, many in flight
 * so the file system can commit them together.
 */
async function syncAll(paths: readonly string[], anyPathOnTheFileSystem: string): Promise<void> {
  if (process.platform === 'linux' && paths.length > 64) {
    try {
      await run('sync', ['-f', anyPathOnTheFileSystem]);
      return;
    } catch {
      // No coreutils sync, or it failed: fall through to one fsync per file.
    }
  }
  const queue = [...paths];
  const workers = Array.from({ length: Math.min(32, queue.length) }, async () => {
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) await fsyncFile(next);
  });
  await Promise.all(workers);
}

/** Opens (or, in write mode with `create`, creates) the library in `dir`. */
export async function openLibrary(
  dir: string,
  options: OpenOptions,
): Promise<{ library: Library; report: OpenReport }> {
  const library = new Library(path.resolve(dir), options.mode);
  const report = await library.open(options);
  return { library, report };
}

export { INDEX_FILE };
