import { execFile } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Low } from 'lowdb';
import type { z } from 'zod';
import {
  articleSchema,
  memoFileSchema,
  notesFileSchema,
  SCHEMA_VERSION,
  type Article,
  type BlockNote,
  type Collection,
  type IndexEntry,
  type MemoFile,
  type MemoSplice,
  type MetadataKey,
  type NotesFile,
  type TrashEntry,
} from '../../../shared/article.ts';
import { WorkbenchError } from '../../../shared/errors.ts';
import {
  describeFileError,
  fsyncDirectory,
  fsyncFile,
  TEMP_PREFIX,
  temporaryNameFor,
} from './atomicWrite.ts';
import { CollectionStore, type CollectionChange } from './collections.ts';
import { addToFingerprint, emptyFingerprint, hashesOf, type Fingerprint } from './entryFingerprint.ts';
import { KeyedQueue } from './keyedQueue.ts';
import { acquireLibraryLock, type LibraryLock } from './libraryLock.ts';
import { INDEX_FILE, LibraryIndex } from './libraryIndex.ts';
import { MIGRATIONS, type MigrationChain } from './migrations.ts';
import { Quarantine, type Repair } from './quarantine.ts';
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
  /**
   * When to compare the article folders with the index: before `openLibrary` resolves
   * ('wait'), or after it ('background'; `whenFolderChecked()` tells when it is done).
   * By default a library of BACKGROUND_FOLDER_CHECK_FROM articles or more checks in the background.
   */
  folderCheck?: 'wait' | 'background';
};

/**
 * From this many articles on, the folder check runs after open: listing 100,000 folders takes
 * 0.3-0.7 s on a 2-core machine, and the index is usually right.
 */
export const BACKGROUND_FOLDER_CHECK_FROM = 20_000;

/**
 * What opening found and repaired, for the caller to tell the analyst. With a background
 * folder check, the folder counts and `repairs` fill in later (see `whenFolderChecked()`);
 * `repairs` also gains the damaged files found after opening, when an article is read.
 */
export type OpenReport = {
  indexRebuilt: string | null;
  removedTemporaries: string[];
  addedFromFolders: number;
  droppedMissing: number;
  /** Damaged files: where each was quarantined and what it was restored from. */
  repairs: Repair[];
  folderCheck: 'done' | 'background';
};

function hasNoteContent(notes: NotesFile): boolean {
  return Object.values(notes.notes).some((note) => note.translation.trim() !== '' || note.note.trim() !== '');
}

/** Now as an ISO timestamp, or a millisecond after `previous` if now is not later (the same millisecond, a clock set back). */
function laterStamp(previous: string | null): string {
  const now = Date.now();
  const after = previous === null ? Number.NaN : Date.parse(previous);
  return new Date(Number.isNaN(after) || now > after ? now : after + 1).toISOString();
}

/** Whether a Tiptap node holds text somewhere; stops at the first text node. */
function holdsText(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  const { type, content } = node as { type?: unknown; content?: unknown };
  return type === 'text' || (Array.isArray(content) && content.some(holdsText));
}

// Walked, not serialised: it runs on every save of a memo that may hold 100,000 characters.
function hasMemoContent(memo: MemoFile): boolean {
  return holdsText(memo.doc);
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
  | { kind: 'memo-saved'; id: string }
  | { kind: 'metadata-saved'; id: string }
  | { kind: 'tags-saved'; id: string }
  | { kind: 'article-trashed'; id: string }
  | { kind: 'article-restored'; id: string }
  | { kind: 'trash-emptied'; id: '' }
  /** A collection was created, changed or deleted; `articleIds` are the articles whose membership changed. */
  | { kind: 'collections-saved'; id: string; articleIds: readonly string[] };

export const TRASH_DIR = 'trash';

/** Tags as stored: NFC, trimmed, no empty ones, no repeats, in the analyst's order. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.normalize('NFC').trim()).filter((tag) => tag !== ''))];
}

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
  /**
   * Writes of one article run one after another: saveNote reads notes.json, changes one block and
   * writes it back, and every write refreshes the article's index row from what it read, so two
   * writes of the same article in flight at once could each undo the other's change.
   */
  readonly #writes = new KeyedQueue();

  constructor(dir: string, mode: OpenMode) {
    this.dir = dir;
    this.mode = mode;
    this.#index = new LibraryIndex(dir, { readOnly: mode === 'read' });
    this.#collections = new CollectionStore(dir);
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
      repairs: [],
      folderCheck: 'done',
    };
    this.#report = report;
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
          `Cannot create the library at ${this.dir}: ${describeFileError(error)}`,
          { cause: error },
        );
      });
      this.#lock = await acquireLibraryLock(this.dir);
    }
    try {
      return await this.#load(report, options);
    } catch (error) {
      // Whatever failed (a disk error, a rebuilt index that cannot be written), the lock is not
      // kept: a second try in this process must be able to open the library. The first error is
      // the one to report.
      await this.close().catch(() => undefined);
      throw error;
    }
  }

  /** Everything `open` does once the library is locked: its temporaries, the index, the folder check. */
  async #load(report: OpenReport, options: OpenOptions): Promise<OpenReport> {
    if (this.mode === 'write') {
      // Article files are written through temporaries in the library's own folder (see #jsonFile).
      report.removedTemporaries = await this.#removeTemporaries(this.dir, { keepOwn: false });
    }
    await this.#index.load();
    if (this.#index.problem !== null) {
      report.indexRebuilt = this.#index.problem;
      if (this.mode === 'write') await this.#quarantineIndex(this.#index.problem);
      const temporaries: string[] = [];
      const folders = await this.#listArticleFolders(temporaries);
      if (this.mode === 'write') report.removedTemporaries.push(...(await this.#removeAll(temporaries)));
      await this.#rebuild(folders);
      await this.#writes.idle();
      return report;
    }
    const inBackground =
      (options.folderCheck ?? (this.#index.size >= BACKGROUND_FOLDER_CHECK_FROM ? 'background' : 'wait')) ===
      'background';
    if (!inBackground) {
      await this.#checkFolders(report, { keepOwn: false });
      return report;
    }
    report.folderCheck = 'background';
    this.#folderCheck = this.#checkFolders(report, { keepOwn: true }).then(() => {
      report.folderCheck = 'done';
    });
    // Seen by whenFolderChecked() and close(); never an unhandled rejection meanwhile.
    this.#folderCheck.catch(() => undefined);
    return report;
  }

  /**
   * Compares the article folders with the index: the folders are the truth, so an import
   * killed after its rename but before its index line, or a folder synced in from another
   * machine, is picked up here, and a folder deleted by hand leaves the list.
   */
  async #checkFolders(report: OpenReport, options: { keepOwn: boolean }): Promise<void> {
    // Only what the index held before the listing can be missing from it: an article added
    // while a background check runs is not.
    const known = this.#index.ids();
    const temporaries: string[] = [];
    const folders = await this.#listArticleFolders(temporaries);
    if (this.mode === 'write')
      report.removedTemporaries.push(...(await this.#removeAll(temporaries, options)));
    const onDisk = new Set(folders);
    const missing = known.filter((id) => !onDisk.has(id));
    const added: IndexEntry[] = [];
    // The index is asked only about folders it did not list: one look-up each costs 100,000 queries at 100,000 articles.
    const knownIds = new Set(known);
    for (const id of folders)
      if (!knownIds.has(id) && !this.#index.has(id)) added.push(await this.#readEntry(id));
    await this.#writes.idle();
    const gone = missing.filter((id) => this.#index.has(id));
    report.droppedMissing = gone.length;
    report.addedFromFolders = added.length;
    if (gone.length + added.length === 0) return;
    if (this.mode === 'write') {
      for (const id of gone) await this.#index.delete(id, { durable: false });
      for (const entry of added) await this.#index.put(entry, { durable: false });
      await this.#index.compact();
    } else {
      // A reader must not write: it keeps the repaired view in memory.
      const goneIds = new Set(gone);
      this.#readOnlyEntries = [...this.#index.entries().filter((entry) => !goneIds.has(entry.id)), ...added];
    }
  }

  /** Removes the temporaries left in `dir` by a killed or failed write. */
  async #removeTemporaries(dir: string, options: { keepOwn: boolean }): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new WorkbenchError('READ_FAILED', `Cannot read ${dir}: ${describeFileError(error)}`, {
        cause: error,
      });
    }
    return this.#removeAll(
      names.filter((name) => name.startsWith(TEMP_PREFIX)).map((name) => path.join(dir, name)),
      options,
    );
  }

  /**
   * Removes temporaries; with `keepOwn`, not this process's own (a background check runs
   * beside writes in flight, and a temporary's name carries the pid of its writer).
   */
  async #removeAll(temporaries: readonly string[], options = { keepOwn: false }): Promise<string[]> {
    const own = `-${String(process.pid)}-`;
    const removed: string[] = [];
    for (const file of temporaries) {
      if (options.keepOwn && path.basename(file).includes(own)) continue;
      await rm(file, { recursive: true, force: true });
      removed.push(file);
    }
    return removed;
  }

  /** The article folders; temporaries found beside them are added to `temporaries`. */
  async #listArticleFolders(temporaries: string[] = []): Promise<string[]> {
    let names: import('node:fs').Dirent[];
    try {
      names = await readdir(this.articlesDir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new WorkbenchError(
        'READ_FAILED',
        `Cannot read ${this.articlesDir}: ${describeFileError(error)}`,
        { cause: error },
      );
    }
    const folders: string[] = [];
    for (const entry of names) {
      if (entry.name.startsWith(TEMP_PREFIX)) temporaries.push(path.join(this.articlesDir, entry.name));
      else if (entry.isDirectory() && !entry.name.startsWith('.')) folders.push(entry.name);
    }
    return folders;
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
      // A reader must not write; keep the rebuilt view in memory, where look-ups find it too.
      this.#readOnlyEntries = entries;
      this.#index.useInMemory(entries);
    }
  }

  /** Keeps the damaged index files in the quarantine before the rebuild writes over them. */
  async #quarantineIndex(problem: string): Promise<void> {
    for (const file of this.#index.damagedFiles) {
      // An index that cannot even be copied (a disk error) is still rebuilt: it is only a cache.
      const quarantinedTo = await this.#quarantineKeeper()
        .keep(file, { move: false })
        .catch(() => null);
      this.#recordRepair({
        file,
        problem,
        quarantinedTo,
        restoredFrom: null,
        consequence:
          'The index is a cache of the article folders and was rebuilt from them; nothing was lost.',
      });
    }
  }

  /** The report open() returned; repairs found later are added to it. */
  #report: OpenReport | null = null;
  /** The background folder check, when there is one. */
  #folderCheck: Promise<void> = Promise.resolve();
  #quarantine: Quarantine | null = null;

  #quarantineKeeper(): Quarantine {
    this.#quarantine ??= new Quarantine(this.dir);
    return this.#quarantine;
  }

  /** Resolves with the open report, complete, once the article folders have been checked. */
  async whenFolderChecked(): Promise<OpenReport> {
    await this.#folderCheck;
    await this.#writes.idle();
    return this.#report ?? (await Promise.reject(new WorkbenchError('INTERNAL', 'The library is not open.')));
  }

  /** Every damaged file found since the library was opened, and what was done about it. */
  repairs(): readonly Repair[] {
    return this.#report?.repairs ?? [];
  }

  #readOnlyEntries: IndexEntry[] | null = null;

  /** Every article, damaged ones included (with `damaged` set to the reason). */
  list(): IndexEntry[] {
    return this.#readOnlyEntries ?? this.#index.entries();
  }

  /**
   * The articles the newest-first view's first `count` rows are among (see LibraryIndex.newest), in
   * the order of list(): what a window shows first, without reading the whole library.
   */
  newest(count: number): IndexEntry[] {
    return this.#readOnlyEntries ?? this.#index.newest(count);
  }

  get size(): number {
    return this.#readOnlyEntries?.length ?? this.#index.size;
  }

  /** The digest of the entries that are not damaged, kept current with every change (see entryFingerprint.ts). */
  fingerprint(): Fingerprint {
    if (this.#readOnlyEntries === null) return this.#index.fingerprint();
    const fingerprint = emptyFingerprint();
    for (const entry of this.#readOnlyEntries)
      if (entry.damaged === null) addToFingerprint(fingerprint, hashesOf(entry), 1);
    return fingerprint;
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

  /**
   * An article as a window opens it: its files once the saves already queued for it have landed.
   * A page reloaded in the middle of typing sends its last change as it closes, and the new page
   * asks for the article at once; read before that change is written, the memo would open without
   * it, and the new page's first save would replace the file with that older version.
   */
  async readOpened(id: string): Promise<{ article: Article; notes: NotesFile; memo: MemoFile }> {
    await this.#writes.settled(id);
    const [article, notes, memo] = await Promise.all([
      this.readArticle(id),
      this.readNotes(id),
      this.readMemo(id),
    ]);
    return { article, notes, memo };
  }

  async readArticle(id: string): Promise<Article> {
    const file = path.join(this.articleDir(id), ARTICLE_FILE);
    const article = await this.#readJson(id, file, articleSchema, MIGRATIONS.article);
    if (article === null)
      throw new WorkbenchError('ARTICLE_NOT_FOUND', `There is no article ${id} in ${this.dir}.`);
    if (article.id !== id)
      throw new WorkbenchError('ARTICLE_DAMAGED', `${file} belongs to article ${article.id}, not ${id}.`);
    return article;
  }

  async readNotes(id: string): Promise<NotesFile> {
    const file = path.join(this.articleDir(id), NOTES_FILE);
    return (await this.#readJson(id, file, notesFileSchema, MIGRATIONS.notes)) ?? EMPTY_NOTES;
  }

  async readMemo(id: string): Promise<MemoFile> {
    const file = path.join(this.articleDir(id), MEMO_FILE);
    return (await this.#readJson(id, file, memoFileSchema, MIGRATIONS.memo)) ?? EMPTY_MEMO;
  }

  /**
   * An article file as this library reads and writes it: validated and migrated on read, the
   * replaced version kept as `<file>.bak` on write, a damaged file kept in the quarantine before
   * anything replaces it, temporaries in the library's folder where start-up finds them.
   */
  #jsonFile<T>(file: string, schema: z.ZodType<T>, migrations: MigrationChain): ValidatedJsonFile<T> {
    return new ValidatedJsonFile(file, schema, {
      backup: true,
      // An empty article.json still leaves the article unusable; empty notes or a memo hold nothing.
      blankIsAbsent: path.basename(file) !== ARTICLE_FILE,
      migrations,
      quarantine: this.mode === 'write' ? this.#quarantineKeeper() : undefined,
      temporaryDir: this.dir,
    });
  }

  /**
   * Reads an article file. When it is damaged (or missing beside its backup) and its backup is
   * good, returns the backup and, in write mode, queues the repair: quarantine, then restore.
   * A damaged file without a good backup is reported (ARTICLE_DAMAGED) and left where it is.
   */
  async #readJson<T>(
    id: string,
    file: string,
    schema: z.ZodType<T>,
    migrations: MigrationChain,
  ): Promise<T | null> {
    const json = this.#jsonFile(file, schema, migrations);
    const data = await json.read();
    const recovered = json.recovered;
    if (recovered === null) return data;
    if (this.mode === 'write') {
      // Queued behind the article's writes, so it never races a save; it checks again when it runs.
      void this.#writes
        .run(id, () => this.#repair(file, schema, migrations))
        .catch((error: unknown) => {
          this.#recordRepair({
            file,
            problem: recovered.problem,
            quarantinedTo: null,
            restoredFrom: null,
            consequence: `It could not be repaired: ${(error as Error).message}`,
          });
        });
    } else if (!this.repairs().some((repair) => repair.file === file)) {
      this.#recordRepair({
        file,
        problem: recovered.problem,
        quarantinedTo: null,
        restoredFrom: null,
        consequence:
          recovered.from === null
            ? 'It is read as empty; open the library for writing to move it to the quarantine.'
            : `It is read from ${recovered.from}; open the library for writing to repair it.`,
      });
    }
    return data;
  }

  async #repair<T>(file: string, schema: z.ZodType<T>, migrations: MigrationChain): Promise<void> {
    const json = this.#jsonFile(file, schema, migrations);
    const data = await json.read();
    const recovered = json.recovered;
    if (recovered === null) return; // a save got there first
    if (data === null) {
      const quarantinedTo = await this.#quarantineKeeper().keep(file, { move: true });
      this.#recordRepair({
        file,
        problem: recovered.problem,
        quarantinedTo,
        restoredFrom: null,
        consequence: 'It held nothing, so nothing was lost.',
      });
      return;
    }
    await json.write(data);
    this.#recordRepair({
      file,
      problem: recovered.problem,
      quarantinedTo: json.quarantined?.to ?? null,
      restoredFrom: recovered.from,
      consequence: null,
    });
  }

  #recordRepair(repair: Repair): void {
    this.#report?.repairs.push(repair);
  }

  /** Records what a save's write found: a damaged file it kept in the quarantine before replacing. */
  #noteSaveRepair(json: ValidatedJsonFile<unknown>): void {
    if (json.quarantined === null) return;
    this.#recordRepair({
      file: json.file,
      problem: json.quarantined.problem,
      quarantinedTo: json.quarantined.to,
      restoredFrom: json.recovered?.from ?? null,
      consequence: null,
    });
  }

  /** Saves the analyst's translation and note of one block; durable when it resolves. */
  saveNote(id: string, blockId: string, note: Omit<BlockNote, 'updatedAt'>): Promise<BlockNote> {
    return this.#writes.run(id, () => this.#saveNote(id, blockId, note));
  }

  async #saveNote(id: string, blockId: string, note: Omit<BlockNote, 'updatedAt'>): Promise<BlockNote> {
    this.#requireWrite();
    const article = await this.readArticle(id);
    if (!article.blocks.some((block) => block.id === blockId)) {
      throw new WorkbenchError('INVALID_INPUT', `Article ${id} has no block ${blockId}.`);
    }
    const file = this.#jsonFile(
      path.join(this.articleDir(id), NOTES_FILE),
      notesFileSchema,
      MIGRATIONS.notes,
    );
    const db = new Low(file, EMPTY_NOTES);
    await db.read();
    // Later than the version it replaces even if the clock stepped back: a window tells its own
    // write from a newer one by the stamp (the renderer's SaveQueue.latest).
    const saved: BlockNote = { ...note, updatedAt: laterStamp(db.data.notes[blockId]?.updatedAt ?? null) };
    db.data = { ...db.data, notes: { ...db.data.notes, [blockId]: saved } };
    await db.write();
    this.#noteSaveRepair(file);
    await this.#refreshEntry(article, { hasNotes: hasNoteContent(db.data) });
    this.#emit({ kind: 'notes-saved', id, blockId });
    return saved;
  }

  /** Saves the analyst memo (Tiptap JSON); durable when it resolves. */
  saveMemo(id: string, doc: MemoFile['doc']): Promise<MemoFile> {
    return this.#writes.run(id, async () => {
      this.#requireWrite();
      // Stamped later than the version it replaces, even within the same millisecond (two windows
      // saving at once): a change made to that version must never pass as made to this one.
      const replaced = await this.readMemo(id).catch(() => null);
      return this.#saveMemo(id, doc, replaced?.updatedAt ?? null);
    });
  }

  /**
   * Saves a change to the memo as a splice of its top-level nodes (see MemoSplice), against the
   * version saved at `splice.base`. When the memo on disk is not that version (saved since by
   * another window, restored, damaged) it changes nothing and throws SAVE_CONFLICT: the caller
   * then saves the whole memo. Durable when it resolves.
   */
  patchMemo(id: string, splice: MemoSplice): Promise<{ updatedAt: string }> {
    return this.#writes.run(id, async () => {
      this.#requireWrite();
      const saved = await this.readMemo(id).catch((error: unknown) => {
        if (error instanceof WorkbenchError && error.code === 'ARTICLE_DAMAGED') return null;
        throw error;
      });
      const stored: unknown = saved?.doc?.content;
      const content: readonly unknown[] | null = Array.isArray(stored) ? stored : null;
      const { base, baseCount, from, to, nodes } = splice;
      if (
        saved?.doc == null ||
        saved.updatedAt !== base ||
        content?.length !== baseCount ||
        from > to ||
        to > baseCount
      ) {
        throw new WorkbenchError(
          'SAVE_CONFLICT',
          `The memo of article ${id} on disk is not the version this change was made to.`,
        );
      }
      const doc = { ...saved.doc, content: [...content.slice(0, from), ...nodes, ...content.slice(to)] };
      const memo = await this.#saveMemo(id, doc, base);
      return { updatedAt: memo.updatedAt };
    });
  }

  async #saveMemo(
    id: string,
    doc: MemoFile['doc'],
    previous: string | null = null,
  ): Promise<MemoFile & { updatedAt: string }> {
    this.#requireWrite();
    const article = await this.readArticle(id);
    const memo: MemoFile & { updatedAt: string } = {
      schemaVersion: SCHEMA_VERSION,
      doc,
      updatedAt: laterStamp(previous),
    };
    const file = this.#jsonFile(path.join(this.articleDir(id), MEMO_FILE), memoFileSchema, MIGRATIONS.memo);
    const db = new Low(file, EMPTY_MEMO);
    db.data = memo;
    await db.write();
    this.#noteSaveRepair(file);
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

  /** Makes everything a batch wrote durable: its files, then its changes to the index. */
  async flush(): Promise<void> {
    if (this.mode !== 'write') return;
    const { files, dirs } = this.#unsynced;
    this.#unsynced = { files: [], dirs: new Set() };
    if (files.length > 0) await syncAll([...files, ...dirs], this.dir);
    await this.#index.compact();
  }

  async close(): Promise<void> {
    // The background folder check uses the index; its failure is no reason not to close.
    await this.#folderCheck.catch(() => undefined);
    if (this.#lock === null) {
      this.#index.close();
      return;
    }
    await this.#writes.idle();
    try {
      await this.flush();
    } finally {
      this.#index.close();
      await this.#lock.release();
      this.#lock = null;
    }
  }

  /**
   * Sets one metadata field by hand, marking it as the analyst's. An empty value means
   * "unknown" (null), still set by the analyst, so a re-parse does not bring the parser's guess back.
   */
  updateMetadata(id: string, key: MetadataKey, value: string | null): Promise<Article> {
    return this.#writes.run(id, async () => {
      const trimmed = value?.normalize('NFC').trim() ?? '';
      const { article } = await this.#rewriteArticle(id, (old) => ({
        ...old,
        metadata: { ...old.metadata, [key]: { value: trimmed === '' ? null : trimmed, origin: 'analyst' } },
      }));
      this.#emit({ kind: 'metadata-saved', id });
      return article;
    });
  }

  /** Replaces an article's tags (see normalizeTags); durable when it resolves. */
  setTags(id: string, tags: readonly string[]): Promise<Article> {
    return this.#writes.run(id, () => this.#setTags(id, () => normalizeTags(tags)));
  }

  async #setTags(id: string, change: (tags: readonly string[]) => string[]): Promise<Article> {
    const { article, changed } = await this.#rewriteArticle(id, (old) => {
      const tags = normalizeTags(change(old.tags));
      return JSON.stringify(tags) === JSON.stringify(old.tags) ? old : { ...old, tags };
    });
    if (changed) this.#emit({ kind: 'tags-saved', id });
    return article;
  }

  /**
   * Changes the tags of every article that has one of `tags`; returns how many articles changed.
   * An article trashed meanwhile, or whose file turns out damaged, is skipped: one bad article
   * must not leave a rename done on half the library.
   */
  async #retag(tags: readonly string[], change: (tags: readonly string[]) => string[]): Promise<number> {
    this.#requireWrite();
    const wanted = new Set(normalizeTags(tags));
    const ids = this.list()
      .filter((entry) => entry.damaged === null && entry.tags.some((tag) => wanted.has(tag)))
      .map((entry) => entry.id);
    let changed = 0;
    for (const id of ids) {
      try {
        const before = this.entry(id)?.tags;
        const after = (await this.#writes.run(id, () => this.#setTags(id, change))).tags;
        if (JSON.stringify(before) !== JSON.stringify(after)) changed += 1;
      } catch (error) {
        if (
          !(error instanceof WorkbenchError) ||
          (error.code !== 'ARTICLE_NOT_FOUND' && error.code !== 'ARTICLE_DAMAGED')
        )
          throw error;
      }
    }
    return changed;
  }

  /** Renames a tag on every article; renaming onto an existing tag merges the two. */
  renameTag(from: string, to: string): Promise<number> {
    return this.mergeTags([from], to);
  }

  /** Replaces each of `tags` by `into` on every article that has one. */
  mergeTags(tags: readonly string[], into: string): Promise<number> {
    const [target] = normalizeTags([into]);
    if (target === undefined) throw new WorkbenchError('INVALID_INPUT', 'A tag cannot be empty.');
    const merged = new Set(normalizeTags(tags));
    return this.#retag([...merged], (old) => old.map((tag) => (merged.has(tag) ? target : tag)));
  }

  /** Removes a tag from every article. */
  deleteTag(tag: string): Promise<number> {
    const [gone] = normalizeTags([tag]);
    return this.#retag([tag], (old) => old.filter((existing) => existing !== gone));
  }

  /** Writes article.json again with a change, durably, and refreshes the article's index row. */
  async #rewriteArticle(
    id: string,
    change: (article: Article) => Article,
  ): Promise<{ article: Article; changed: boolean }> {
    this.#requireWrite();
    const article = await this.readArticle(id);
    const updated = change(article);
    if (updated === article) return { article, changed: false };
    const checked = articleSchema.safeParse(updated);
    if (!checked.success)
      throw new WorkbenchError(
        'INVALID_INPUT',
        `The change to article ${id} is not valid: ${checked.error.message}`,
      );
    await this.#jsonFile(
      path.join(this.articleDir(id), ARTICLE_FILE),
      articleSchema,
      MIGRATIONS.article,
    ).write(checked.data);
    await this.#refreshEntry(checked.data, {});
    return { article: checked.data, changed: true };
  }

  get trashDir(): string {
    return path.join(this.dir, TRASH_DIR);
  }

  /** The trash's writes run one after another: a move, a restore and emptying must not interleave. */
  #trashQueue<T>(task: () => Promise<T>): Promise<T> {
    return this.#writes.run('\0trash', task);
  }

  /**
   * Moves articles, with their notes and memo, into the library's trash: each folder is renamed
   * to `trash/<id>.<time>-<n>` in one step, so a kill leaves it either in the library or in the
   * trash. Returns the ids moved; unknown ids are skipped.
   */
  moveToTrash(ids: readonly string[]): Promise<string[]> {
    this.#requireWrite();
    return this.#trashQueue(async () => {
      await mkdir(this.trashDir, { recursive: true }).catch((error: unknown) => {
        throw new WorkbenchError(
          'WRITE_FAILED',
          `Cannot create ${this.trashDir}: ${describeFileError(error)}`,
          {
            cause: error,
          },
        );
      });
      const moved: string[] = [];
      const stamp = Date.now().toString(36);
      for (const id of new Set(ids)) {
        if (this.entry(id) === undefined) continue;
        await this.#writes.run(id, async () => {
          const target = path.join(this.trashDir, `${id}.${stamp}-${moved.length.toString(36)}`);
          try {
            await rename(this.articleDir(id), target);
          } catch (error) {
            throw new WorkbenchError(
              'WRITE_FAILED',
              `Cannot move article ${id} to the trash in ${this.trashDir}: ${describeFileError(error)}`,
              { cause: error },
            );
          }
          await fsyncDirectory(this.articlesDir);
          await fsyncDirectory(this.trashDir);
          await this.#index.delete(id, { durable: true });
          moved.push(id);
          this.#emit({ kind: 'article-trashed', id });
        });
      }
      return moved;
    });
  }

  /** The trash folders, newest deletion first, with the article id and deletion time each stands for. */
  async #trashFolders(): Promise<{ name: string; id: string; deletedAt: Date }[]> {
    let names: string[];
    try {
      names = await readdir(this.trashDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new WorkbenchError('READ_FAILED', `Cannot read ${this.trashDir}: ${describeFileError(error)}`, {
        cause: error,
      });
    }
    const folders = [];
    for (const name of names) {
      // <id>.<deletion time in base 36>-<place in its batch, base 36>
      const match = /^([0-9a-z][0-9a-z-]{0,63})\.([0-9a-z]+)-([0-9a-z]+)$/.exec(name);
      if (match === null) continue;
      const [, id = '', time = '', place = ''] = match;
      const deletedAt = new Date(Number.parseInt(time, 36));
      folders.push({
        name,
        id,
        deletedAt: Number.isNaN(deletedAt.getTime()) ? new Date(0) : deletedAt,
        place: Number.parseInt(place, 36),
      });
    }
    return folders.sort((a, b) => b.deletedAt.getTime() - a.deletedAt.getTime() || b.place - a.place);
  }

  /** Every article in the trash, newest deletion first; a damaged one is listed with the reason. */
  async listTrash(): Promise<TrashEntry[]> {
    const entries: TrashEntry[] = [];
    for (const folder of await this.#trashFolders()) {
      const dir = path.join(this.trashDir, folder.name);
      let entry: IndexEntry;
      try {
        const article = await new ValidatedJsonFile(path.join(dir, ARTICLE_FILE), articleSchema).read();
        if (article === null) throw new WorkbenchError('ARTICLE_DAMAGED', `${dir} has no ${ARTICLE_FILE}.`);
        const [notes, memo] = await Promise.all([
          new ValidatedJsonFile(path.join(dir, NOTES_FILE), notesFileSchema).read(),
          new ValidatedJsonFile(path.join(dir, MEMO_FILE), memoFileSchema).read(),
        ]);
        entry = indexEntryFor(article, {
          hasNotes: hasNoteContent(notes ?? EMPTY_NOTES),
          hasMemo: hasMemoContent(memo ?? EMPTY_MEMO),
        });
      } catch (error) {
        if (!(error instanceof WorkbenchError)) throw error;
        entry = damagedEntry(folder.id, error.message);
      }
      entries.push({ ...entry, deletedAt: folder.deletedAt.toISOString() });
    }
    return entries;
  }

  /**
   * Puts articles back from the trash (the most recent deletion of each id). An article whose id
   * is in the library again (the same file imported since) stays in the trash with an error.
   */
  restoreFromTrash(ids: readonly string[]): Promise<string[]> {
    this.#requireWrite();
    return this.#trashQueue(async () => {
      const folders = await this.#trashFolders();
      const restored: string[] = [];
      for (const id of new Set(ids)) {
        const folder = folders.find((candidate) => candidate.id === id);
        if (folder === undefined) continue;
        await this.#writes.run(id, async () => {
          if (this.entry(id) !== undefined)
            throw new WorkbenchError(
              'WRITE_FAILED',
              `Article ${id} cannot be restored: the same file is in the library again. Delete one of them first.`,
            );
          try {
            await rename(path.join(this.trashDir, folder.name), this.articleDir(id));
          } catch (error) {
            throw new WorkbenchError(
              'WRITE_FAILED',
              `Cannot restore article ${id} from ${this.trashDir}: ${describeFileError(error)}`,
              { cause: error },
            );
          }
          await fsyncDirectory(this.trashDir);
          await fsyncDirectory(this.articlesDir);
          await this.#index.put(await this.#readEntry(id), { durable: true });
          restored.push(id);
          this.#emit({ kind: 'article-restored', id });
        });
      }
      return restored;
    });
  }

  /**
   * Deletes for good the articles that are in the trash now. Their folders are first renamed
   * into one temporary folder (each in one step), so a kill midway leaves nothing half-deleted
   * in the trash; the next open removes the rest. Returns how many articles were deleted.
   */
  emptyTrash(): Promise<number> {
    this.#requireWrite();
    return this.#trashQueue(async () => {
      const folders = await this.#trashFolders();
      if (folders.length === 0) return 0;
      const doomed = temporaryNameFor(path.join(this.dir, TRASH_DIR));
      try {
        await mkdir(doomed);
        for (const folder of folders)
          await rename(path.join(this.trashDir, folder.name), path.join(doomed, folder.name));
        await fsyncDirectory(this.trashDir);
        await rm(doomed, { recursive: true, force: true });
      } catch (error) {
        throw new WorkbenchError(
          'WRITE_FAILED',
          `Cannot empty the trash in ${this.trashDir}: ${describeFileError(error)}`,
          {
            cause: error,
          },
        );
      }
      const gone = new Set(folders.map((folder) => folder.id).filter((id) => this.entry(id) === undefined));
      await this.#writes.run('\0collections', () => this.#collections.forget(gone));
      this.#emit({ kind: 'trash-emptied', id: '' });
      return folders.length;
    });
  }

  readonly #collections: CollectionStore;

  /** Every collection; ids of articles in the trash are kept (restoring brings them back). */
  listCollections(): Promise<Collection[]> {
    return this.#writes.run('\0collections', () => this.#collections.list());
  }

  /** The ids of the collections an article belongs to. */
  collectionsOf(id: string): Promise<string[]> {
    return this.#writes.run('\0collections', () => this.#collections.of(id));
  }

  createCollection(name: string, articleIds: readonly string[]): Promise<Collection> {
    this.#requireWrite();
    return this.#writes.run('\0collections', async () => {
      const collection = await this.#collections.create(name, articleIds);
      this.#emit({ kind: 'collections-saved', id: collection.id, articleIds: collection.articleIds });
      return collection;
    });
  }

  updateCollection(id: string, change: CollectionChange): Promise<Collection> {
    this.#requireWrite();
    return this.#writes.run('\0collections', async () => {
      const before = await this.#collections.get(id);
      const collection = await this.#collections.update(id, change);
      const was = new Set(before.articleIds);
      const now = new Set(collection.articleIds);
      const articleIds = [...was, ...now].filter((article) => was.has(article) !== now.has(article));
      this.#emit({ kind: 'collections-saved', id, articleIds });
      return collection;
    });
  }

  deleteCollection(id: string): Promise<void> {
    this.#requireWrite();
    return this.#writes.run('\0collections', async () => {
      const before = await this.#collections.get(id);
      await this.#collections.delete(id);
      this.#emit({ kind: 'collections-saved', id, articleIds: before.articleIds });
    });
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
