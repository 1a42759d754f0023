import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { IndexEntry } from '../../../shared/article.ts';
import { describeFileError } from './atomicWrite.ts';

/*
 * The library index as versions 1 and 2 kept it: a JSON snapshot (library.json) and an append-only
 * journal of changes since (library.journal.jsonl). Read once, to move a library to library.sqlite
 * (libraryIndex.ts), or in memory by a reader that must not write.
 */

export const LEGACY_INDEX_FILE = 'library.json';
export const LEGACY_JOURNAL_FILE = 'library.journal.jsonl';
const INDEX_SCHEMA_VERSION = 2;

/** Version 1, read to upgrade a library: one object per article. */
type SnapshotV1 = { schemaVersion: 1; articles: IndexEntry[] };

/** Version 2: one array per article, in ROW_COLUMNS order, and the entries' fingerprint (recomputed on reading). */
type Snapshot = {
  schemaVersion: typeof INDEX_SCHEMA_VERSION;
  columns: typeof ROW_COLUMNS;
  fingerprint: unknown;
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

/**
 * The entry of a row in ROW_COLUMNS order (flags: 1 has notes, 2 has a memo), or null when the row
 * is not one (checked by hand, see isIndexEntry). library.sqlite's rows have the same columns.
 */
export function entryOfRow(row: unknown): IndexEntry | null {
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

/** The entries of a parsed snapshot of either version, or why the snapshot is unusable. */
function snapshotEntries(file: string, json: unknown): { entries: IndexEntry[] } | { problem: string } {
  const snapshot = json as Partial<Snapshot> | Partial<SnapshotV1> | null;
  if (typeof snapshot !== 'object' || snapshot === null) return { problem: `${file} is not an index` };
  if (snapshot.schemaVersion === 1) {
    const { articles } = snapshot;
    if (!Array.isArray(articles)) return { problem: `${file} has no list of articles` };
    const bad = articles.findIndex((entry) => !isIndexEntry(entry));
    return bad === -1 ? { entries: articles } : { problem: `${file} entry ${String(bad)} is damaged` };
  }
  if (snapshot.schemaVersion !== INDEX_SCHEMA_VERSION)
    return {
      problem: `${file} has schema version ${String(snapshot.schemaVersion)}, not ${String(INDEX_SCHEMA_VERSION)}`,
    };
  const { rows, columns } = snapshot;
  if (!Array.isArray(columns) || columns.join() !== ROW_COLUMNS.join())
    return { problem: `${file} does not have the expected columns` };
  if (!Array.isArray(rows)) return { problem: `${file} has no rows of articles` };
  const entries: IndexEntry[] = [];
  for (const [position, row] of rows.entries()) {
    const entry = entryOfRow(row);
    if (entry === null) return { problem: `${file} row ${String(position)} is damaged` };
    entries.push(entry);
  }
  return { entries };
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

/**
 * The entries of a legacy index (snapshot, then journal), or why it cannot be used, with the
 * files found damaged; undefined when there is no legacy snapshot. A torn last journal line (a
 * kill mid-append) is left out, as the old index did.
 */
export async function readLegacyIndex(
  dir: string,
): Promise<
  { entries: IndexEntry[]; files: string[] } | { problem: string; damagedFiles: string[] } | undefined
> {
  const snapshotFile = path.join(dir, LEGACY_INDEX_FILE);
  const journalFile = path.join(dir, LEGACY_JOURNAL_FILE);
  let json: unknown;
  try {
    json = await readSnapshot(snapshotFile);
  } catch (error) {
    return { problem: (error as Error).message, damagedFiles: [snapshotFile] };
  }
  if (json === undefined) return undefined;
  const snapshot = snapshotEntries(snapshotFile, json);
  if ('problem' in snapshot) return { problem: snapshot.problem, damagedFiles: [snapshotFile] };
  const entries = new Map(snapshot.entries.map((entry) => [entry.id, entry]));
  const files = [snapshotFile];
  let journal = '';
  try {
    journal = await readFile(journalFile, 'utf8');
    files.push(journalFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      return {
        problem: `Cannot read ${journalFile}: ${describeFileError(error)}`,
        damagedFiles: [journalFile],
      };
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
      if (position === lines.length - 1) continue;
      return {
        problem: `${journalFile} line ${String(position + 1)} is damaged`,
        damagedFiles: [journalFile],
      };
    }
    if (parsed.op === 'put') {
      entries.delete(parsed.entry.id);
      entries.set(parsed.entry.id, parsed.entry);
    } else entries.delete(parsed.id);
  }
  return { entries: [...entries.values()], files };
}
