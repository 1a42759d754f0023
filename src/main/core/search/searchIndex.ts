import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { z } from 'zod';
import {
  BLOCK_KINDS,
  BOILERPLATE_KINDS,
  SCHEMA_VERSION,
  type IndexEntry,
  type MemoFile,
  type NotesFile,
} from '../../../shared/article.ts';
import { WorkbenchError } from '../../../shared/errors.ts';
import { ARTICLE_FILE, MEMO_FILE, NOTES_FILE, type Library } from '../library/openLibrary.ts';
import {
  addToFingerprint,
  fingerprintText,
  hashesOf,
  type Fingerprint,
} from '../library/entryFingerprint.ts';
import { findHighlights, type HighlightRange } from './findHighlights.ts';
import { FOLDING_VERSION, foldText } from './foldText.ts';
import { makeSnippet } from './makeSnippet.ts';
import { memoText } from './memoText.ts';
import { parseQuery, toFtsQuery, type QueryTerm } from './parseQuery.ts';
import { cjkCharacters, FTS_TOKENIZER, indexableText } from './tokenizeFolded.ts';
import { PreparedStatements } from '../preparedStatements.ts';

/** The index's file in the library folder: a cache, rebuilt from the article folders whenever in doubt. */
export const SEARCH_FILE = 'search.sqlite';
/** Bumped whenever the tables change; an index with another version is rebuilt. */
export const SEARCH_SCHEMA_VERSION = 2;

/** Where in an article a hit is. */
export const SEARCH_FIELDS = ['title', 'original', 'translation', 'note', 'memo'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/**
 * The FTS5 columns: one per field; `han`, every Han/kana/Hangul character alone, so that a
 * one-character query reads one posting list instead of every bigram it starts; `facets`,
 * one token per filter value (language, outlet, tag, year/month/day, has notes/memo), so
 * that filters are FTS5 terms and a filtered search never joins another table.
 */
const FTS_COLUMNS = [...SEARCH_FIELDS, 'han', 'facets'] as const;
/** bm25 weights per FTS column: a word in the title says most about an article; facets say nothing. */
const BM25_WEIGHTS = [4, 1, 1, 1.5, 1, 1, 0] as const;

/**
 * bm25 costs about a microsecond per matching article, so a word found in most of 100,000
 * articles would take tens of milliseconds to rank in full. The ranking therefore covers
 * the newest `rankWindow` matches (rowids follow the articles' dates); older matches follow,
 * newest first. `SearchResult.rankedAmong` says how many were ranked.
 */
const DEFAULT_RANK_WINDOW = 3_000;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 500;
/** Matches shown per article; `matchCount` says how many texts of it matched in all. */
const MATCHES_PER_HIT = 3;
/** Texts per article, so that an article's texts have a rowid range of their own in `units`. */
const UNITS_PER_ARTICLE = 65_536;
/** Articles read ahead while rebuilding. */
const READS_IN_FLIGHT = 16;
/** Articles per transaction while rebuilding or catching up. */
const BATCH = 500;
/** Changed articles above which opening rebuilds the index rather than updating it (if also a quarter of it). */
const REBUILD_ABOVE = 2_000;

/** Narrows a search; every filter given must hold. Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, both ends included. */
export type SearchFilters = {
  language?: string;
  outlet?: string;
  tag?: string;
  from?: string;
  to?: string;
  hasNotes?: boolean;
  hasMemo?: boolean;
  /** Only these articles (a collection); an empty list matches nothing. */
  articleIds?: readonly string[];
};

export type SearchOptions = SearchFilters & { limit?: number; offset?: number };

/** One text of an article that matched: where it is, and a snippet of the original with the hits. */
export type SearchMatch = {
  field: SearchField;
  /** The block to open the article at; null for the memo, or a title that is no block. */
  blockId: string | null;
  /** A passage of the original (unfolded) text, on one line. */
  snippet: string;
  /** The hits, as UTF-16 offsets into `snippet` (`end` exclusive). */
  highlights: HighlightRange[];
};

/** One article that matched the query. */
export type SearchHit = {
  articleId: string;
  title: string | null;
  outlet: string | null;
  language: string | null;
  /** The publication day, or the import day when the article states none. */
  date: string;
  /** bm25 relevance, higher is better; null for matches beyond the ranked window. */
  score: number | null;
  /**
   * The best matches first: the texts with the most query terms in reading order, then texts
   * that add a term those lack; at most three.
   */
  matches: SearchMatch[];
  /** How many texts of the article matched. */
  matchCount: number;
};

export type SearchResult = {
  query: string;
  hits: SearchHit[];
  /** Articles matching the query and the filters. */
  total: number;
  /** How many of the newest matches were ranked by relevance; the rest follow by date. */
  rankedAmong: number;
  /** Set when the index was found damaged during this search and rebuilt: why. */
  rebuilt: string | null;
};

/** What opening the index found and did. */
export type SearchIndexReport = {
  /** Why the index was rebuilt from the library, or null when it could be used. */
  rebuilt: string | null;
  /** Articles (re)indexed because the library changed while the index was closed. */
  updated: number;
  /** Articles removed because they are no longer in the library. */
  removed: number;
  /** Articles that could not be read (damaged); they are left out. */
  failed: number;
};

export type SearchIndexOptions = {
  /** The index file; default `<library>/search.sqlite`. `:memory:` keeps it in memory. */
  file?: string;
  /** How many of the newest matches are ranked by relevance (see DEFAULT_RANK_WINDOW). */
  rankWindow?: number;
  /** Progress of a rebuild, in articles. */
  onProgress?: (done: number, total: number) => void;
  /** Errors of updates that run in the background (after a library change). */
  onError?: (error: WorkbenchError) => void;
};

type Unit = { field: SearchField; blockId: string | null; text: string };

/**
 * The part of article.json the index reads. A rebuild reads 100,000 of them, and checking
 * the whole article schema would cost more than indexing; what is indexed is still checked.
 */
const indexedPartSchema = z.looseObject({
  id: z.string(),
  metadata: z.looseObject({ title: z.looseObject({ value: z.string().nullable() }) }),
  blocks: z.array(z.looseObject({ id: z.string(), kind: z.enum(BLOCK_KINDS), text: z.string() })),
});
type IndexedPart = z.infer<typeof indexedPartSchema>;

/** Everything the index keeps of one article. */
type IndexedArticle = {
  entry: IndexEntry;
  units: Unit[];
  hasNotes: boolean;
  hasMemo: boolean;
  files: string;
};

const SCHEMA = `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT,
    outlet TEXT,
    language TEXT,
    day TEXT NOT NULL,
    hash1 INTEGER NOT NULL,
    hash2 INTEGER NOT NULL,
    files TEXT NOT NULL
  );
  CREATE INDEX articles_by_day ON articles (day);
  CREATE TABLE units (rowid INTEGER PRIMARY KEY, field INTEGER NOT NULL, block_id TEXT, text TEXT NOT NULL);
  CREATE VIRTUAL TABLE fts USING fts5(
    ${FTS_COLUMNS.join(', ')},
    content = '', contentless_delete = 1, tokenize = "${FTS_TOKENIZER}"
  );
`;

const META = {
  schemaVersion: String(SEARCH_SCHEMA_VERSION),
  foldingVersion: String(FOLDING_VERSION),
  tokenizer: FTS_TOKENIZER,
};

/** The day an article is filed under: its publication day, else its import day. */
function dayOf(entry: IndexEntry): string {
  const published = entry.publishedAt;
  if (published !== null && /^\d{4}-\d{2}-\d{2}/u.test(published)) return published.slice(0, 10);
  return entry.importedAt.slice(0, 10);
}

/** A filter value as one FTS5 token: a letter saying which filter, and a hash of the folded value. */
function facetToken(kind: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const key = foldText(value).replace(/\s+/gu, ' ').trim();
  if (key === '') return null;
  return `${kind}${createHash('sha1').update(key).digest('hex').slice(0, 12)}`;
}

function languageToken(language: string | null | undefined): string | null {
  const primary = language?.trim().toLowerCase().split(/[-_]/u)[0];
  return primary === undefined || !/^[a-z]{2,8}$/u.test(primary) ? null : `l${primary}`;
}

const HAS_NOTES = 'xnotes';
const HAS_MEMO = 'xmemo';

function dayTokens(day: string): string[] {
  const [year, month, date] = day.split('-');
  return [`y${year ?? ''}`, `m${year ?? ''}${month ?? ''}`, `d${year ?? ''}${month ?? ''}${date ?? ''}`];
}

function facetsOf(indexed: IndexedArticle): string {
  const { entry } = indexed;
  return [
    languageToken(entry.language),
    facetToken('o', entry.outlet),
    ...entry.tags.map((tag) => facetToken('t', tag)),
    ...dayTokens(dayOf(entry)),
    indexed.hasNotes ? HAS_NOTES : null,
    indexed.hasMemo ? HAS_MEMO : null,
  ]
    .filter((token) => token !== null)
    .join(' ');
}

function sameText(a: string, b: string): boolean {
  const key = (text: string): string => foldText(text).replace(/\s+/gu, ' ').trim();
  return key(a) === key(b);
}

/** The texts of an article the index searches, in reading order. */
function unitsOf(article: IndexedPart, notes: NotesFile, memo: MemoFile): Unit[] {
  const units: Unit[] = [];
  const blocks = article.blocks.filter((block) => !BOILERPLATE_KINDS.has(block.kind));
  const title = article.metadata.title.value;
  // The headline usually repeats the title: it is indexed once, as the title, and a hit on
  // it opens the article at that block.
  let titleBlock: string | null = null;
  if (title !== null && title.trim() !== '') {
    titleBlock = blocks.find((block) => sameText(block.text, title))?.id ?? null;
    units.push({ field: 'title', blockId: titleBlock, text: title });
  }
  for (const block of blocks) {
    if (block.id !== titleBlock && block.text.trim() !== '')
      units.push({ field: 'original', blockId: block.id, text: block.text });
  }
  const order = new Map(article.blocks.map((block, index) => [block.id, index]));
  const noted = Object.entries(notes.notes).sort(
    ([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity),
  );
  for (const [blockId, note] of noted) {
    if (note.translation.trim() !== '') units.push({ field: 'translation', blockId, text: note.translation });
  }
  for (const [blockId, note] of noted) {
    if (note.note.trim() !== '') units.push({ field: 'note', blockId, text: note.note });
  }
  const memoPlain = memoText(memo.doc);
  if (memoPlain !== '') units.push({ field: 'memo', blockId: null, text: memoPlain });
  return units.slice(0, UNITS_PER_ARTICLE);
}

/** A date filter as a day: the first day of the period for `from`, the last for `to`. */
function dayBound(value: string, end: 'from' | 'to'): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u.exec(value.trim());
  const invalid = (): WorkbenchError =>
    new WorkbenchError(
      'INVALID_INPUT',
      `"${value}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD (${end}).`,
    );
  if (match === null) throw invalid();
  const year = Number(match[1]);
  const month = match[2] === undefined ? (end === 'from' ? 1 : 12) : Number(match[2]);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = match[3] === undefined ? (end === 'from' ? 1 : lastDay) : Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > lastDay) throw invalid();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The fewest year, month and day tokens that cover the days from `first` to `last`: whole
 * years as years, whole months as months, the ragged ends as days (at most about 80).
 */
function dateRangeTokens(first: string, last: string): string[] {
  const tokens: string[] = [];
  let cursor = new Date(`${first}T00:00:00Z`);
  const end = new Date(`${last}T00:00:00Z`);
  const iso = (date: Date): string => date.toISOString().slice(0, 10);
  while (cursor <= end) {
    const year = cursor.getUTCFullYear();
    const month = cursor.getUTCMonth();
    const yearEnd = new Date(Date.UTC(year, 11, 31));
    const monthEnd = new Date(Date.UTC(year, month + 1, 0));
    const [yearToken, monthToken, dayToken] = dayTokens(iso(cursor));
    if (month === 0 && cursor.getUTCDate() === 1 && yearEnd <= end) {
      tokens.push(yearToken ?? '');
      cursor = new Date(Date.UTC(year + 1, 0, 1));
    } else if (cursor.getUTCDate() === 1 && monthEnd <= end) {
      tokens.push(monthToken ?? '');
      cursor = new Date(Date.UTC(year, month + 1, 1));
    } else {
      tokens.push(dayToken ?? '');
      cursor = new Date(cursor.getTime() + 86_400_000);
    }
  }
  return tokens;
}

/** Whether an error from node:sqlite means the file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB). */
function isDamage(error: unknown): boolean {
  const code = (error as { errcode?: unknown }).errcode;
  return typeof code === 'number' && ((code & 0xff) === 11 || (code & 0xff) === 26);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function wholeNumber(value: number | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new WorkbenchError(
      'INVALID_INPUT',
      `${name} must be a whole number from 0 to ${String(max)}, not ${String(value)}.`,
    );
  return value;
}

async function mtimeOf(file: string): Promise<string> {
  try {
    return String((await stat(file)).mtimeMs);
  } catch {
    return '-';
  }
}

/**
 * Lets timers, I/O and IPC run between batches: the reads of a rebuild are synchronous, so
 * without this a rebuild would hold the event loop (in the app, the main process) throughout.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Removes what builds killed before they finished left behind: files as large as the index. */
async function removeAbandonedBuilds(file: string): Promise<void> {
  const prefix = `${path.basename(file)}.rebuild-`;
  const names = await readdir(path.dirname(file)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (pid === process.pid || isRunning(pid)) continue;
    await rm(path.join(path.dirname(file), name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function removeDatabaseFiles(file: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${file}${suffix}`, { force: true });
}

/** Statements that write one article into an index database, and keep its fingerprint. */
class ArticleWriter {
  readonly fingerprint: Fingerprint;
  readonly #db: DatabaseSync;
  readonly #insertArticle: StatementSync;
  readonly #insertFts: StatementSync;
  readonly #insertUnit: StatementSync;
  readonly #deleteArticle: StatementSync;
  readonly #deleteFts: StatementSync;
  readonly #deleteUnits: StatementSync;
  readonly #saveFingerprint: StatementSync;

  constructor(db: DatabaseSync, fingerprint: Fingerprint) {
    this.#db = db;
    this.fingerprint = fingerprint;
    this.#insertArticle = db.prepare(
      `INSERT INTO articles (rowid, id, title, outlet, language, day, hash1, hash2, files)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#insertFts = db.prepare(
      `INSERT INTO fts (rowid, ${FTS_COLUMNS.join(', ')}) VALUES (?, ${FTS_COLUMNS.map(() => '?').join(', ')})`,
    );
    this.#insertUnit = db.prepare('INSERT INTO units (rowid, field, block_id, text) VALUES (?, ?, ?, ?)');
    this.#deleteArticle = db.prepare('DELETE FROM articles WHERE rowid = ? RETURNING hash1, hash2');
    this.#deleteFts = db.prepare('DELETE FROM fts WHERE rowid = ?');
    this.#deleteUnits = db.prepare('DELETE FROM units WHERE rowid >= ? AND rowid < ?');
    this.#saveFingerprint = db.prepare(
      "INSERT INTO meta (key, value) VALUES ('fingerprint', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
  }

  write(rowid: number, indexed: IndexedArticle): void {
    const { entry, units } = indexed;
    const texts = SEARCH_FIELDS.map(() => [] as string[]);
    const cjk: string[] = [];
    for (const [seq, unit] of units.entries()) {
      const field = SEARCH_FIELDS.indexOf(unit.field);
      const folded = foldText(unit.text);
      texts[field]?.push(indexableText(folded));
      const characters = cjkCharacters(folded);
      if (characters !== '') cjk.push(characters);
      this.#insertUnit.run(rowid * UNITS_PER_ARTICLE + seq, field, unit.blockId, unit.text);
    }
    this.#insertFts.run(rowid, ...texts.map((parts) => parts.join('\n')), cjk.join('\n'), facetsOf(indexed));
    const hashes = hashesOf(entry);
    this.#insertArticle.run(
      rowid,
      entry.id,
      entry.title,
      entry.outlet,
      entry.language,
      dayOf(entry),
      hashes[0],
      hashes[1],
      indexed.files,
    );
    addToFingerprint(this.fingerprint, hashes, 1);
  }

  delete(rowid: number): void {
    this.#deleteFts.run(rowid);
    this.#deleteUnits.run(rowid * UNITS_PER_ARTICLE, (rowid + 1) * UNITS_PER_ARTICLE);
    const removed = this.#deleteArticle.get(rowid) as { hash1: number; hash2: number } | undefined;
    if (removed) addToFingerprint(this.fingerprint, [removed.hash1, removed.hash2], -1);
  }

  /** Runs `change` in one transaction that also saves the fingerprint. */
  transaction(change: () => void): void {
    const before = { ...this.fingerprint };
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      change();
      this.#saveFingerprint.run(fingerprintText(this.fingerprint));
      this.#db.exec('COMMIT');
    } catch (error) {
      Object.assign(this.fingerprint, before);
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }
}

function createSchema(db: DatabaseSync): void {
  db.exec(SCHEMA);
  const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  for (const [key, value] of Object.entries(META)) put.run(key, value);
}

/** Why an opened database cannot serve as the index, or null when it can; and its stored fingerprint. */
function inspect(db: DatabaseSync): { problem: string | null; fingerprint: Fingerprint } {
  const fingerprint: Fingerprint = { count: 0, xor: 0, sum: 0 };
  const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  const meta = new Map(rows.map((row) => [row.key, row.value]));
  for (const [key, value] of Object.entries(META)) {
    if (meta.get(key) !== value)
      return {
        problem: `its ${key} is ${meta.get(key) ?? 'missing'}, this version needs ${value}`,
        fingerprint,
      };
  }
  if (meta.get('complete') !== '1') return { problem: 'an earlier build did not finish', fingerprint };
  const [count, xor, sum] = (meta.get('fingerprint') ?? '').split(':').map(Number);
  if (count === undefined || xor === undefined || sum === undefined || [count, xor, sum].some(Number.isNaN))
    return { problem: 'its fingerprint is missing', fingerprint };
  db.prepare('SELECT rowid FROM articles LIMIT 1').all();
  db.prepare('SELECT rowid FROM units LIMIT 1').all();
  db.prepare(`SELECT rowid FROM fts WHERE fts MATCH '"a"' LIMIT 1`).all();
  return { problem: null, fingerprint: { count, xor, sum } };
}

function configure(db: DatabaseSync): void {
  // WAL lets the command line search while the app writes; each commit is synced, so an
  // acknowledged update is not lost to a crash and the index never silently falls behind.
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA cache_size = -32000');
}

/**
 * Full-text search over a library: titles, original text (boilerplate left out), the
 * analyst's translations and notes, and memos, in SQLite FTS5 (node:sqlite). Text is
 * folded (foldText) before FTS5 sees it, and Han/kana/Hangul are indexed as bigrams.
 * The index is a cache in `<library>/search.sqlite`: when it is missing, damaged or from
 * another version it is rebuilt from the library, and the caller is told so.
 *
 * Operations run one at a time in the order they were called; `search` waits for the
 * updates before it, so a note saved through an attached library is found by the next search.
 */
export class SearchIndex {
  #library: Library;
  readonly #file: string;
  readonly #options: SearchIndexOptions;
  readonly #rankWindow: number;
  #db: DatabaseSync | null = null;
  #writer: ArticleWriter | null = null;
  readonly #statements = new PreparedStatements(() => this.#database());
  #tail: Promise<unknown> = Promise.resolve();
  readonly #detachers = new Set<() => void>();
  /** The last error of a background update, for a caller that did not pass `onError`. */
  lastError: WorkbenchError | null = null;

  private constructor(library: Library, options: SearchIndexOptions) {
    this.#library = library;
    this.#file = options.file ?? path.join(library.dir, SEARCH_FILE);
    this.#options = options;
    this.#rankWindow = Math.max(1, options.rankWindow ?? DEFAULT_RANK_WINDOW);
  }

  /**
   * Opens the index of `library`, rebuilding it when it is missing or unusable and
   * bringing it up to date with articles added, changed or removed while it was closed.
   */
  static async open(
    library: Library,
    options: SearchIndexOptions = {},
  ): Promise<{ index: SearchIndex; report: SearchIndexReport }> {
    const index = new SearchIndex(library, options);
    const report = await index.#enqueue(() => index.#open());
    return { index, report };
  }

  get file(): string {
    return this.#file;
  }

  get #isMemory(): boolean {
    return this.#file === ':memory:';
  }

  #enqueue<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every update called or triggered so far is done. */
  async idle(): Promise<void> {
    await this.#enqueue(() => undefined);
  }

  #database(): DatabaseSync {
    if (this.#db === null) throw new WorkbenchError('INTERNAL', 'The search index is closed.');
    return this.#db;
  }

  #articleWriter(): ArticleWriter {
    if (this.#writer === null) throw new WorkbenchError('INTERNAL', 'The search index is closed.');
    return this.#writer;
  }

  #statement(sql: string): StatementSync {
    return this.#statements.get(sql);
  }

  #closeDatabase(): void {
    this.#statements.clear();
    this.#writer = null;
    const db = this.#db;
    this.#db = null;
    if (db?.isOpen === true) db.close();
  }

  #useDatabase(db: DatabaseSync, fingerprint: Fingerprint): void {
    this.#db = db;
    this.#writer = new ArticleWriter(db, fingerprint);
  }

  async #open(): Promise<SearchIndexReport> {
    let problem: string | null;
    if (this.#isMemory) {
      problem = 'it is kept in memory for this run';
    } else if (!existsSync(this.#file)) {
      problem = `${this.#file} does not exist`;
    } else {
      try {
        const db = new DatabaseSync(this.#file);
        this.#db = db;
        configure(db);
        const inspected = inspect(db);
        problem = inspected.problem;
        if (problem === null) this.#useDatabase(db, inspected.fingerprint);
      } catch (error) {
        problem = messageOf(error);
      }
    }
    if (problem !== null) {
      const counts = await this.#rebuildNow();
      return { rebuilt: problem, updated: 0, removed: 0, failed: counts.failed };
    }
    return { rebuilt: null, ...(await this.#catchUp()) };
  }

  /** Indexes what changed in the library while the index was not attached to it. */
  async #catchUp(): Promise<Omit<SearchIndexReport, 'rebuilt'>> {
    const none = { updated: 0, removed: 0, failed: 0 };
    // The library keeps its fingerprint current, so the usual case, nothing changed while the
    // index was closed, costs no hashing of 100,000 entries.
    const writer = fingerprintText(this.#articleWriter().fingerprint);
    if (fingerprintText(this.#library.fingerprint()) === writer) return none;
    const library: Fingerprint = { count: 0, xor: 0, sum: 0 };
    const hashes = new Map<string, [number, number]>();
    for (const entry of this.#library.list()) {
      if (entry.damaged !== null) continue;
      const hash = hashesOf(entry);
      hashes.set(entry.id, hash);
      addToFingerprint(library, hash, 1);
    }
    if (fingerprintText(library) === writer) return none;
    const rows = this.#statement('SELECT id, hash1, hash2 FROM articles').all() as {
      id: string;
      hash1: number;
      hash2: number;
    }[];
    const removed: string[] = [];
    for (const row of rows) {
      const hash = hashes.get(row.id);
      if (hash === undefined) removed.push(row.id);
      else if (hash[0] === row.hash1 && hash[1] === row.hash2) hashes.delete(row.id);
    }
    // Most of the library changed (a version of the app that hashes differently, a library
    // replaced wholesale): building afresh is faster than updating article by article.
    if (hashes.size > REBUILD_ABOVE && hashes.size > rows.length / 4) {
      const counts = await this.#rebuildNow();
      return { updated: counts.articles, removed: removed.length, failed: counts.failed };
    }
    const { failed } = await this.#indexMany([...hashes.keys(), ...removed]);
    return { updated: hashes.size - failed, removed: removed.length, failed };
  }

  /**
   * The part of an article the index reads, through the library's full check, or (`bulk`)
   * the narrow one, read synchronously: the promise API's four round trips per file cost
   * more main-thread time than the read itself, and a rebuild holds the thread anyway.
   */
  async #readIndexedPart(id: string, bulk: boolean): Promise<IndexedPart> {
    if (!bulk) return this.#library.readArticle(id);
    const file = path.join(this.#library.articleDir(id), ARTICLE_FILE);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new WorkbenchError('ARTICLE_DAMAGED', `${file} cannot be read: ${messageOf(error)}`);
    }
    const parsed = indexedPartSchema.safeParse(json);
    if (!parsed.success || parsed.data.id !== id)
      throw new WorkbenchError('ARTICLE_DAMAGED', `${file} is not the article.json of ${id}.`);
    return parsed.data;
  }

  /**
   * Reads what the index keeps of an article; null when its files are damaged. In `bulk`
   * (a rebuild) the library's own flags say which articles have notes or a memo, which
   * spares 200,000 failed opens at 100,000 articles; a single update reads everything.
   */
  async #read(entry: IndexEntry, options: { bulk: boolean }): Promise<IndexedArticle | null> {
    const library = this.#library;
    const dir = library.articleDir(entry.id);
    try {
      const wantNotes = !options.bulk || entry.hasNotes;
      const wantMemo = !options.bulk || entry.hasMemo;
      const [article, notes, memo, notesTime, memoTime] = await Promise.all([
        this.#readIndexedPart(entry.id, options.bulk),
        wantNotes ? library.readNotes(entry.id) : null,
        wantMemo ? library.readMemo(entry.id) : null,
        wantNotes ? mtimeOf(path.join(dir, NOTES_FILE)) : '-',
        wantMemo ? mtimeOf(path.join(dir, MEMO_FILE)) : '-',
      ]);
      const noteTexts: NotesFile = notes ?? { schemaVersion: SCHEMA_VERSION, notes: {} };
      const memoFile: MemoFile = memo ?? { schemaVersion: SCHEMA_VERSION, doc: null, updatedAt: null };
      const units = unitsOf(article, noteTexts, memoFile);
      return {
        entry,
        units,
        hasNotes: units.some((unit) => unit.field === 'translation' || unit.field === 'note'),
        hasMemo: units.some((unit) => unit.field === 'memo'),
        files: `${notesTime}/${memoTime}`,
      };
    } catch (error) {
      if (error instanceof WorkbenchError) return null;
      throw error;
    }
  }

  /**
   * Indexes articles again from their files (inside the queue), a batch per transaction;
   * an article that is no longer in the library is removed. Counts those that could not be read.
   */
  async #indexMany(ids: readonly string[]): Promise<{ failed: number }> {
    let failed = 0;
    const writer = this.#articleWriter();
    const rowidOf = this.#statement('SELECT rowid FROM articles WHERE id = ?');
    const nextRowid = this.#statement('SELECT coalesce(max(rowid), 0) + 1 AS next FROM articles');
    for (let start = 0; start < ids.length; start += BATCH) {
      const batch = await Promise.all(
        ids.slice(start, start + BATCH).map(async (id) => {
          const entry = this.#library.entry(id);
          if (entry?.damaged !== null) return { id, indexed: null, isGone: entry === undefined };
          return { id, indexed: await this.#read(entry, { bulk: false }), isGone: false };
        }),
      );
      if (start > 0) await yieldToEventLoop();
      writer.transaction(() => {
        for (const { id, indexed, isGone } of batch) {
          const existing = rowidOf.get(id) as { rowid: number } | undefined;
          if (existing) writer.delete(existing.rowid);
          if (indexed === null) {
            if (!isGone) failed += 1;
            continue;
          }
          // An article keeps its rowid, and with it its place in the date order of the ranking window.
          writer.write(existing?.rowid ?? (nextRowid.get() as { next: number }).next, indexed);
        }
      });
    }
    return { failed };
  }

  /**
   * Builds the index from the library into a new file and puts it in place of the old one,
   * so that a build that is interrupted leaves the old index (or none), never half of one.
   */
  async #rebuildNow(): Promise<{ articles: number; failed: number }> {
    this.#closeDatabase();
    if (!this.#isMemory) await removeAbandonedBuilds(this.#file);
    const target = this.#isMemory
      ? ':memory:'
      : `${this.#file}.rebuild-${String(process.pid)}-${randomBytes(4).toString('hex')}`;
    const db = new DatabaseSync(target);
    let built: { articles: number; failed: number; fingerprint: Fingerprint };
    try {
      // A build that fails is thrown away, so it needs no journal and no syncs until the end.
      db.exec('PRAGMA page_size = 8192');
      db.exec('PRAGMA journal_mode = OFF');
      db.exec('PRAGMA synchronous = OFF');
      db.exec('PRAGMA cache_size = -16000');
      createSchema(db);
      built = await this.#fill(db);
      const put = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      put.run('fingerprint', fingerprintText(built.fingerprint));
      put.run('complete', '1');
    } catch (error) {
      db.close();
      if (!this.#isMemory) await removeDatabaseFiles(target);
      throw new WorkbenchError(
        'WRITE_FAILED',
        `Cannot build the search index ${this.#file}: ${messageOf(error)}`,
        { cause: error },
      );
    }
    if (this.#isMemory) {
      this.#useDatabase(db, built.fingerprint);
      return built;
    }
    db.close();
    try {
      const handle = await open(target, 'r+');
      await handle.sync();
      await handle.close();
      await removeDatabaseFiles(this.#file);
      await rename(target, this.#file);
    } catch (error) {
      await removeDatabaseFiles(target);
      throw new WorkbenchError(
        'WRITE_FAILED',
        `Cannot save the search index ${this.#file}: ${messageOf(error)}`,
        { cause: error },
      );
    }
    const reopened = new DatabaseSync(this.#file);
    configure(reopened);
    this.#useDatabase(reopened, built.fingerprint);
    return built;
  }

  /** Reads every article of the library (several ahead) and writes it into `db`. */
  async #fill(db: DatabaseSync): Promise<{ articles: number; failed: number; fingerprint: Fingerprint }> {
    // Rowids in date order make "the newest matches" a rowid range (the ranking window).
    const entries = this.#library
      .list()
      .filter((entry) => entry.damaged === null)
      .map((entry) => ({ entry, key: `${dayOf(entry)} ${entry.importedAt}` }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ entry }) => entry);
    const writer = new ArticleWriter(db, { count: 0, xor: 0, sum: 0 });
    const reads: Promise<IndexedArticle | null>[] = [];
    let next = 0;
    let rowid = 0;
    let failed = 0;
    const readNext = (): void => {
      const entry = entries[next++];
      if (entry !== undefined) reads.push(this.#read(entry, { bulk: true }));
    };
    while (reads.length < READS_IN_FLIGHT && next < entries.length) readNext();
    db.exec('BEGIN');
    for (let done = 0; done < entries.length; done += 1) {
      const indexed = await reads.shift();
      readNext();
      if (indexed === null || indexed === undefined) failed += 1;
      else writer.write(++rowid, indexed);
      if ((done + 1) % BATCH === 0) {
        db.exec('COMMIT');
        this.#options.onProgress?.(done + 1, entries.length);
        await yieldToEventLoop();
        db.exec('BEGIN');
      }
    }
    db.exec('COMMIT');
    this.#options.onProgress?.(entries.length, entries.length);
    return { articles: rowid, failed, fingerprint: writer.fingerprint };
  }

  /** Rebuilds the index from the library. */
  async rebuild(): Promise<{ articles: number; failed: number }> {
    return this.#enqueue(async () => {
      const { articles, failed } = await this.#rebuildNow();
      return { articles, failed };
    });
  }

  /** Indexes one article again from its files (after an import or an edit); removes it if it is no longer in the library. */
  async indexArticle(id: string): Promise<void> {
    await this.#enqueue(() => this.#guard(() => this.#indexMany([id])));
  }

  /** Takes an article out of the index. */
  async removeArticle(id: string): Promise<void> {
    await this.#enqueue(() =>
      this.#guard(() => {
        const existing = this.#statement('SELECT rowid FROM articles WHERE id = ?').get(id) as
          { rowid: number } | undefined;
        if (!existing) return;
        const writer = this.#articleWriter();
        writer.transaction(() => {
          writer.delete(existing.rowid);
        });
      }),
    );
  }

  /**
   * Keeps the index up to date with changes made through `library` (imports, notes,
   * memos): each is indexed as soon as it is saved. Returns the function that stops it.
   * The library must be this index's library (possibly opened again, for writing).
   */
  attach(library: Library = this.#library): () => void {
    if (path.resolve(library.dir) !== path.resolve(this.#library.dir))
      throw new WorkbenchError(
        'INVALID_INPUT',
        `The search index of ${this.#library.dir} cannot follow the library at ${library.dir}.`,
      );
    this.#library = library;
    const stop = library.onChange((change) => {
      // Collections are filtered by id at search time, and an emptied trash held nothing indexed.
      if (change.kind === 'collections-saved' || change.kind === 'trash-emptied') return;
      this.indexArticle(change.id).catch((error: unknown) => {
        const failure =
          error instanceof WorkbenchError
            ? error
            : new WorkbenchError('INTERNAL', `Updating the search index failed: ${messageOf(error)}`, {
                cause: error,
              });
        this.lastError = failure;
        this.#options.onError?.(failure);
      });
    });
    const detach = (): void => {
      stop();
      this.#detachers.delete(detach);
    };
    this.#detachers.add(detach);
    return detach;
  }

  /**
   * Indexes what the library holds that the index does not (a library's background folder check
   * can add or drop articles without telling anyone). When their fingerprints match, as they
   * usually do, this costs nothing.
   */
  async catchUp(): Promise<Omit<SearchIndexReport, 'rebuilt'>> {
    // Closed meanwhile (the window closed before the check ended): nothing to follow any more.
    return this.#enqueue(() =>
      this.#db === null ? { updated: 0, removed: 0, failed: 0 } : this.#guard(() => this.#catchUp()),
    );
  }

  /**
   * Finds articles whose notes or memo changed on disk behind the library's back (synced in
   * from another machine, edited by another program) and indexes them again. It stats two
   * files per article, so it is meant to run in the background after start-up.
   */
  async refreshChanged(): Promise<number> {
    const rows = (await this.#enqueue(() => this.#statement('SELECT id, files FROM articles').all())) as {
      id: string;
      files: string;
    }[];
    const stale: string[] = [];
    const queue = [...rows];
    const workers = Array.from({ length: READS_IN_FLIGHT }, async () => {
      for (let row = queue.pop(); row !== undefined; row = queue.pop()) {
        const dir = this.#library.articleDir(row.id);
        const files = `${await mtimeOf(path.join(dir, NOTES_FILE))}/${await mtimeOf(path.join(dir, MEMO_FILE))}`;
        if (files !== row.files) stale.push(row.id);
      }
    });
    await Promise.all(workers);
    await this.#enqueue(() => this.#guard(() => this.#indexMany(stale)));
    return stale.length;
  }

  /**
   * Runs SQLite's and FTS5's integrity checks (they read the whole file: seconds at 100,000
   * articles) and rebuilds the index when either fails. Returns why it was rebuilt, or null.
   */
  async checkIntegrity(): Promise<string | null> {
    return this.#enqueue(async () => {
      let problem: string | null = null;
      try {
        const db = this.#database();
        const rows = db.prepare('PRAGMA quick_check').all() as Record<string, unknown>[];
        const verdict = rows.map((row) => Object.values(row).join(' ')).join('; ');
        if (verdict !== 'ok') problem = verdict;
        else db.exec("INSERT INTO fts (fts, rank) VALUES ('integrity-check', 0)");
      } catch (error) {
        problem = messageOf(error);
      }
      if (problem !== null) await this.#rebuildNow();
      return problem;
    });
  }

  /** Runs an operation on the database; if the file turns out damaged, rebuilds it and runs the operation again. */
  async #guard<T>(operation: () => Promise<T> | T): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (!isDamage(error)) throw error;
      await this.#rebuildNow();
      return await operation();
    }
  }

  /**
   * Searches the index. See parseQuery for the syntax; filters narrow the articles. Hits are
   * articles, best first, each with the texts that matched as snippets of the original.
   */
  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const limit = wholeNumber(options.limit, 'limit', DEFAULT_LIMIT, MAX_LIMIT);
    const offset = wholeNumber(options.offset, 'offset', 0, Number.MAX_SAFE_INTEGER);
    const range = {
      from: options.from === undefined ? null : dayBound(options.from, 'from'),
      to: options.to === undefined ? null : dayBound(options.to, 'to'),
    };
    const terms = parseQuery(query);
    const empty = { query, hits: [], total: 0, rankedAmong: 0, rebuilt: null };
    if (terms.length === 0) return empty;
    return this.#enqueue(async () => {
      try {
        return { ...this.#searchNow(query, terms, options, range, limit, offset), rebuilt: null };
      } catch (error) {
        if (!isDamage(error)) throw error;
        const rebuilt = messageOf(error);
        await this.#rebuildNow();
        return { ...this.#searchNow(query, terms, options, range, limit, offset), rebuilt };
      }
    });
  }

  /** The FTS5 expression for the filters, '' for none, or null when no article can match. */
  #filterExpression(
    filters: SearchFilters,
    range: { from: string | null; to: string | null },
  ): string | null {
    const required: string[] = [];
    const excluded: string[] = [];
    const optional = (token: string | null, given: string | undefined): boolean => {
      if (given === undefined || given.trim() === '') return true;
      if (token === null) return false;
      required.push(token);
      return true;
    };
    if (!optional(languageToken(filters.language), filters.language)) return null;
    if (!optional(facetToken('o', filters.outlet), filters.outlet)) return null;
    if (!optional(facetToken('t', filters.tag), filters.tag)) return null;
    if (filters.hasNotes !== undefined) (filters.hasNotes ? required : excluded).push(HAS_NOTES);
    if (filters.hasMemo !== undefined) (filters.hasMemo ? required : excluded).push(HAS_MEMO);
    const parts = required.map((token) => `facets : "${token}"`);
    if (range.from !== null || range.to !== null) {
      // An open end stops at the first or last day in the index, which keeps the token list short.
      const bounds = this.#statement('SELECT min(day) AS first, max(day) AS last FROM articles').get() as {
        first: string | null;
        last: string | null;
      };
      const first =
        range.from !== null && (bounds.first === null || range.from > bounds.first)
          ? range.from
          : bounds.first;
      const last =
        range.to !== null && (bounds.last === null || range.to < bounds.last) ? range.to : bounds.last;
      if (first === null || last === null || first > last) return null;
      parts.push(
        `facets : (${dateRangeTokens(first, last)
          .map((token) => `"${token}"`)
          .join(' OR ')})`,
      );
    }
    return `${parts.map((part) => ` AND ${part}`).join('')}${excluded.map((token) => ` NOT facets : "${token}"`).join('')}`;
  }

  #searchNow(
    query: string,
    terms: QueryTerm[],
    filters: SearchFilters,
    range: { from: string | null; to: string | null },
    limit: number,
    offset: number,
  ): Omit<SearchResult, 'rebuilt'> {
    const filter = this.#filterExpression(filters, range);
    if (filter === null || filters.articleIds?.length === 0)
      return { query, hits: [], total: 0, rankedAmong: 0 };
    const words = toFtsQuery(terms, { textColumns: SEARCH_FIELDS, cjkColumn: 'han' });
    // The words in brackets: the filters then apply to all of them, whatever FTS5's precedence.
    const match = `(${words})${filter}`;
    // A collection: its articles' rows, passed as one JSON array so the statement text stays the same.
    const only =
      filters.articleIds === undefined
        ? { sql: '', params: [] as string[] }
        : {
            sql: ' AND rowid IN (SELECT rowid FROM articles WHERE id IN (SELECT value FROM json_each(?)))',
            params: [JSON.stringify(filters.articleIds)],
          };
    const total = (
      this.#statement(`SELECT count(*) AS total FROM fts WHERE fts MATCH ?${only.sql}`).get(
        match,
        ...only.params,
      ) as { total: number }
    ).total;
    const threshold =
      total > this.#rankWindow
        ? (
            this.#statement(
              `SELECT rowid FROM fts WHERE fts MATCH ?${only.sql} ORDER BY rowid DESC LIMIT 1 OFFSET ?`,
            ).get(match, ...only.params, this.#rankWindow - 1) as { rowid: number } | undefined
          )?.rowid
        : undefined;
    const rankedAmong = Math.min(total, this.#rankWindow);
    const rows: { rowid: number; score?: number }[] = [];
    if (offset < rankedAmong) {
      const window = threshold === undefined ? '' : ' AND rowid >= ?';
      rows.push(
        ...(this.#statement(
          `SELECT rowid, bm25(fts, ${BM25_WEIGHTS.join(', ')}) AS score FROM fts WHERE fts MATCH ?${only.sql}${window}
           ORDER BY score, rowid DESC LIMIT ? OFFSET ?`,
        ).all(match, ...only.params, ...(threshold === undefined ? [] : [threshold]), limit, offset) as {
          rowid: number;
          score: number;
        }[]),
      );
    }
    if (rows.length < limit && threshold !== undefined) {
      rows.push(
        ...(this.#statement(
          `SELECT rowid FROM fts WHERE fts MATCH ?${only.sql} AND rowid < ? ORDER BY rowid DESC LIMIT ? OFFSET ?`,
        ).all(match, ...only.params, threshold, limit - rows.length, Math.max(0, offset - rankedAmong)) as {
          rowid: number;
        }[]),
      );
    }
    const hits: SearchHit[] = [];
    for (const row of rows) {
      const hit = this.#hitOf(row, terms);
      if (hit !== null) hits.push(hit);
    }
    return { query, hits, total, rankedAmong };
  }

  #hitOf(row: { rowid: number; score?: number }, terms: QueryTerm[]): SearchHit | null {
    const article = this.#statement(
      'SELECT id, title, outlet, language, day FROM articles WHERE rowid = ?',
    ).get(row.rowid) as
      | { id: string; title: string | null; outlet: string | null; language: string | null; day: string }
      | undefined;
    if (article === undefined) return null;
    const units = this.#statement(
      'SELECT field, block_id AS blockId, text FROM units WHERE rowid >= ? AND rowid < ? ORDER BY rowid',
    ).all(row.rowid * UNITS_PER_ARTICLE, (row.rowid + 1) * UNITS_PER_ARTICLE) as {
      field: number;
      blockId: string | null;
      text: string;
    }[];
    const found: { match: SearchMatch; terms: number[]; order: number }[] = [];
    for (const [order, unit] of units.entries()) {
      const highlights = findHighlights(unit.text, terms);
      if (highlights === null) continue;
      const snippet = makeSnippet(unit.text, highlights.ranges);
      found.push({
        match: {
          field: SEARCH_FIELDS[unit.field] ?? 'original',
          blockId: unit.blockId,
          snippet: snippet.text,
          highlights: snippet.highlights,
        },
        terms: highlights.termsFound,
        order,
      });
    }
    found.sort((a, b) => b.terms.length - a.terms.length || a.order - b.order);
    // The texts with the most terms, and then only texts that add a term none of those has:
    // a block that merely shares "al" with the query is not worth showing.
    const covered = new Set<number>();
    const matches: SearchMatch[] = [];
    const most = found[0]?.terms.length ?? 0;
    for (const entry of found) {
      if (matches.length === MATCHES_PER_HIT) break;
      if (entry.terms.length < most && entry.terms.every((term) => covered.has(term))) continue;
      for (const term of entry.terms) covered.add(term);
      matches.push(entry.match);
    }
    // A phrase that FTS5 found across two blocks matches no single text: show where the article starts.
    const [first] = units;
    if (matches.length === 0 && first !== undefined) {
      const snippet = makeSnippet(first.text, []);
      matches.push({
        field: SEARCH_FIELDS[first.field] ?? 'original',
        blockId: first.blockId,
        snippet: snippet.text,
        highlights: [],
      });
    }
    return {
      articleId: article.id,
      title: article.title,
      outlet: article.outlet,
      language: article.language,
      date: article.day,
      // bm25() is lower for better matches.
      score: row.score === undefined ? null : -row.score,
      matches,
      matchCount: found.length,
    };
  }

  /** Stops following the library and closes the file, after the updates already started. */
  async close(): Promise<void> {
    for (const detach of [...this.#detachers]) detach();
    await this.#enqueue(() => {
      this.#closeDatabase();
    });
  }
}

/** Opens the search index of a library (see SearchIndex.open). */
export async function openSearchIndex(
  library: Library,
  options: SearchIndexOptions = {},
): Promise<{ index: SearchIndex; report: SearchIndexReport }> {
  return SearchIndex.open(library, options);
}
