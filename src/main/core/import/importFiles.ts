import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { SCHEMA_VERSION, type Article } from '../../../shared/article.ts';
import { displayFileName } from '../../../shared/displayFileName.ts';
import { toErrorInfo, WorkbenchError, type ErrorInfo } from '../../../shared/errors.ts';
import type { Library } from '../library/openLibrary.ts';
import { detectFormat } from './detectFormat.ts';
import { checkTextSize, DEFAULT_LIMITS, type ExtractLimits } from './extracted.ts';
import { PARSER_VERSION, type ParsedFile } from './parseFile.ts';
import { ParserPool } from './parserPool.ts';

export type ImportStatus = 'imported' | 'duplicate' | 'failed';

/** The outcome for one file of a batch. */
export type ImportResult = {
  file: string;
  status: ImportStatus;
  id?: string;
  /** For an imported file whose text equals an article already in the library. */
  duplicateOf?: string;
  error?: ErrorInfo;
};

export type ImportProgress = { done: number; total: number; result: ImportResult };

export type ImportOptions = {
  limits?: ExtractLimits;
  onProgress?: (progress: ImportProgress) => void;
  /** Parser threads to use; a caller importing many batches passes one pool to all. */
  pool?: ParserPool;
  /** fsync each article as it is written instead of once at the end of the batch. */
  durableEachFile?: boolean;
  now?: () => Date;
};

const IN_FLIGHT = 16;
const WRITES_IN_FLIGHT = 8;
/**
 * Bytes of files read but not yet written that a batch may hold. The file count windows above
 * alone let sixteen 64 MB files sit in memory at once, far past the import's 512 MB budget;
 * one file is always let through, so a file of any allowed size still goes.
 */
const BYTES_IN_FLIGHT = 96 * 1024 * 1024;

export { displayFileName };

/** Expands files and folders (recursively, hidden entries skipped, links not followed into loops) into files. */
async function collectFiles(
  inputs: readonly string[],
): Promise<{ files: string[]; failures: ImportResult[] }> {
  const files: string[] = [];
  const failures: ImportResult[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      failures.push({
        file: dir,
        status: 'failed',
        error: {
          code: 'READ_FAILED',
          message: `${displayFileName(dir)}: cannot read the folder (${(error as Error).message})`,
        },
      });
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  for (const input of inputs) {
    const resolved = path.resolve(input);
    const info = await stat(resolved).catch(() => null);
    if (info === null) {
      const message = (await lstat(resolved).catch(() => null))
        ? 'the link points nowhere'
        : 'no such file or folder';
      failures.push({
        file: input,
        status: 'failed',
        error: { code: 'NOT_FOUND', message: `${displayFileName(input)}: ${message}` },
      });
    } else if (info.isDirectory()) {
      await walk(resolved);
    } else {
      files.push(resolved);
    }
  }
  return { files, failures };
}

/** The shortest id derived from the content hash that is free in the library. */
function allocateId(library: Library, sha256: string, taken: ReadonlyMap<string, string>): string {
  for (let length = 12; length <= 64; length += 4) {
    const id = sha256.slice(0, length);
    if (!library.entry(id) && !taken.has(id)) return id;
  }
  throw new WorkbenchError('INTERNAL', `No free id for content ${sha256}.`);
}

function storedOriginalName(fileName: string): string {
  const extension = path
    .extname(fileName)
    .toLowerCase()
    .replace(/[^.a-z0-9]/gu, '');
  return `original${extension.length > 1 && extension.length <= 10 ? extension : ''}`;
}

type Prepared =
  | { kind: 'done'; result: ImportResult }
  | {
      kind: 'parse';
      file: string;
      bytes: Uint8Array;
      sha256: string;
      id: string;
      parsed: Promise<ParsedFile>;
    };

/**
 * Imports files and folders into the library. Every file gets a result; one bad file
 * never stops the batch, and nothing is written for a file that fails. The same bytes
 * as an existing article are reported as a duplicate of it; the same text in other
 * bytes is imported and marked `duplicateOf`.
 */
export async function importFiles(
  library: Library,
  inputs: readonly string[],
  options: ImportOptions = {},
): Promise<ImportResult[]> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const now = options.now ?? (() => new Date());
  const pool = options.pool ?? new ParserPool();
  const { files, failures } = await collectFiles(inputs);
  const total = files.length + failures.length;
  const results: ImportResult[] = [];
  const report = (result: ImportResult): void => {
    results.push(result);
    options.onProgress?.({ done: results.length, total, result });
  };
  for (const failure of failures) report(failure);

  /** sha256 → id of everything this batch has already claimed, and the reverse. */
  const claimed = new Map<string, string>();
  const claimedIds = new Map<string, string>();
  const release = (sha256: string): void => {
    const id = claimed.get(sha256);
    claimed.delete(sha256);
    if (id !== undefined) claimedIds.delete(id);
  };
  const fail = (file: string, error: unknown): ImportResult => {
    const info = toErrorInfo(error);
    return {
      file,
      status: 'failed',
      error: { code: info.code, message: `${displayFileName(file)}: ${info.message}` },
    };
  };

  /** Bytes of the files between reading and the end of their write. */
  let heldBytes = 0;

  const prepare = (file: string): Prepared => {
    try {
      const info = statSync(file);
      if (info.size === 0) throw new WorkbenchError('EMPTY_FILE', 'the file is empty');
      if (info.size > limits.maxFileBytes) {
        throw new WorkbenchError(
          'FILE_TOO_LARGE',
          `the file is ${(info.size / 1048576).toFixed(1)} MB, over the import limit of ${(limits.maxFileBytes / 1048576).toFixed(0)} MB`,
        );
      }
      // The Buffer itself, not a copy: a 64 MB file held twice is 64 MB of the budget gone.
      const buffer = readFileSync(file);
      const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      const format = detectFormat(file, bytes);
      checkTextSize(format, bytes.byteLength, limits);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const existing = library.findBySha256(sha256) ?? claimed.get(sha256);
      if (existing !== undefined)
        return { kind: 'done', result: { file, status: 'duplicate', id: existing } };
      const id = allocateId(library, sha256, claimedIds);
      claimed.set(sha256, id);
      claimedIds.set(id, sha256);
      const parsed = pool.parse(bytes, format, limits, now());
      // It is awaited when its turn to be written comes; until then a failure must not count as unhandled.
      parsed.catch(() => undefined);
      heldBytes += bytes.byteLength;
      return { kind: 'parse', file, bytes, sha256, id, parsed };
    } catch (error) {
      return { kind: 'done', result: fail(file, error) };
    }
  };

  /** textSha256 → id of the texts this batch has written, for duplicates within the batch. */
  const batchTexts = new Map<string, string>();

  /** Waits for the parse, then starts the write; resolves when the article is on disk. */
  const finish = async (prepared: Prepared): Promise<() => Promise<ImportResult>> => {
    if (prepared.kind === 'done') return () => Promise.resolve(prepared.result);
    const { file, bytes, sha256, id } = prepared;
    let parsed: ParsedFile;
    try {
      parsed = await prepared.parsed;
    } catch (error) {
      release(sha256);
      heldBytes -= bytes.byteLength;
      return () => Promise.resolve(fail(file, error));
    }
    const duplicateOf =
      library.findByTextSha256(parsed.textSha256) ?? batchTexts.get(parsed.textSha256) ?? null;
    if (!batchTexts.has(parsed.textSha256)) batchTexts.set(parsed.textSha256, id);
    const article: Article = {
      schemaVersion: SCHEMA_VERSION,
      id,
      format: parsed.format,
      originalFileName: path.basename(file),
      originalPath: storedOriginalName(file),
      byteLength: bytes.byteLength,
      sha256,
      textSha256: parsed.textSha256,
      importedAt: now().toISOString(),
      parserVersion: PARSER_VERSION,
      encoding: parsed.encoding,
      direction: parsed.direction,
      metadata: parsed.metadata,
      eventDates: parsed.eventDates,
      duplicateOf,
      tags: [],
      warnings: parsed.warnings,
      blocks: parsed.blocks,
    };
    const written = library
      .addArticle(article, bytes, { durable: options.durableEachFile === true })
      .finally(() => {
        heldBytes -= bytes.byteLength;
      })
      .then(
        (): ImportResult =>
          duplicateOf === null
            ? { file, status: 'imported', id }
            : { file, status: 'imported', id, duplicateOf },
        (error: unknown): ImportResult => {
          release(sha256);
          if (batchTexts.get(parsed.textSha256) === id) batchTexts.delete(parsed.textSha256);
          return fail(file, error);
        },
      );
    return () => written;
  };

  try {
    // A window of files being read and parsed keeps every parser thread busy, and a
    // window of articles being written overlaps the disk's latency; results come in order.
    const parsing: Prepared[] = [];
    const writing: (() => Promise<ImportResult>)[] = [];
    let next = 0;
    while (next < files.length || parsing.length > 0 || writing.length > 0) {
      while (
        next < files.length &&
        parsing.length < IN_FLIGHT &&
        (heldBytes < BYTES_IN_FLIGHT || (parsing.length === 0 && writing.length === 0))
      ) {
        const file = files[next++];
        if (file !== undefined) parsing.push(prepare(file));
      }
      const head = parsing.shift();
      if (head) writing.push(await finish(head));
      if (writing.length >= WRITES_IN_FLIGHT || (head === undefined && writing.length > 0)) {
        const oldest = writing.shift();
        if (oldest) report(await oldest());
      }
    }
  } finally {
    if (!options.pool) await pool.close();
    await library.flush();
  }
  return results;
}
