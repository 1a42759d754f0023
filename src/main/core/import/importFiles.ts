import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SCHEMA_VERSION, type Article } from '../../../shared/article.ts';
import { toErrorInfo, WorkbenchError, type ErrorInfo } from '../../../shared/errors.ts';
import type { Library } from '../library/openLibrary.ts';
import { detectFormat } from './detectFormat.ts';
import { DEFAULT_LIMITS, type ExtractLimits } from './extracted.ts';
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

/** Expands files and folders (recursively, hidden entries skipped, links not followed into loops) into files. */
async function collectFiles(inputs: readonly string[]): Promise<{ files: string[]; failures: ImportResult[] }> {
  const files: string[] = [];
  const failures: ImportResult[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      failures.push({ file: dir, status: 'failed', error: { code: 'READ_FAILED', message: `${dir}: cannot read the folder (${(error as Error).message})` } });
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
      const message = (await lstat(resolved).catch(() => null)) ? 'the link points nowhere' : 'no such file or folder';
      failures.push({ file: input, status: 'failed', error: { code: 'NOT_FOUND', message: `${input}: ${message}` } });
    } else if (info.isDirectory()) {
      await walk(resolved);
    } else {
      files.push(resolved);
    }
  }
  return { files, failures };
}

/** The shortest id derived from the content hash that is free in the library. */
function allocateId(library: Library, sha256: string, taken: ReadonlySet<string>): string {
  for (let length = 12; length <= 64; length += 4) {
    const id = sha256.slice(0, length);
    if (!library.entry(id) && !taken.has(id)) return id;
  }
  throw new WorkbenchError('INTERNAL', `No free id for content ${sha256}.`);
}

function storedOriginalName(fileName: string): string {
  const extension = path.extname(fileName).toLowerCase().replace(/[^.a-z0-9]/gu, '');
  return `original${extension.length > 1 && extension.length <= 10 ? extension : ''}`;
}

type Prepared =
  | { kind: 'done'; result: ImportResult }
  | { kind: 'parse'; file: string; bytes: Uint8Array; sha256: string; id: string; parsed: Promise<ParsedFile> };

/**
 * Imports files and folders into the library. Every file gets a result; one bad file
 * never stops the batch, and nothing is written for a file that fails. The same bytes
 * as an existing article are reported as a duplicate of it; the same text in other
 * bytes is imported and marked `duplicateOf`.
 */
export async function importFiles(library: Library, inputs: readonly string[], options: ImportOptions = {}): Promise<ImportResult[]> {
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

  /** sha256 → id of everything this batch has already claimed. */
  const claimed = new Map<string, string>();
  const fail = (file: string, error: unknown): ImportResult => {
    const info = toErrorInfo(error);
    return { file, status: 'failed', error: { code: info.code, message: `${file}: ${info.message}` } };
  };

  const prepare = async (file: string): Promise<Prepared> => {
    try {
      const info = await stat(file);
      if (info.size === 0) throw new WorkbenchError('EMPTY_FILE', 'the file is empty');
      if (info.size > limits.maxFileBytes) {
        throw new WorkbenchError(
          'FILE_TOO_LARGE',
          `the file is ${(info.size / 1048576).toFixed(1)} MB, over the import limit of ${(limits.maxFileBytes / 1048576).toFixed(0)} MB`,
        );
      }
      const bytes = new Uint8Array(await readFile(file));
      const format = detectFormat(file, bytes);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const existing = library.findBySha256(sha256) ?? claimed.get(sha256);
      if (existing !== undefined) return { kind: 'done', result: { file, status: 'duplicate', id: existing } };
      const id = allocateId(library, sha256, new Set(claimed.values()));
      claimed.set(sha256, id);
      return { kind: 'parse', file, bytes, sha256, id, parsed: pool.parse(bytes, format, limits, now()) };
    } catch (error) {
      return { kind: 'done', result: fail(file, error) };
    }
  };

  const finish = async (prepared: Prepared): Promise<ImportResult> => {
    if (prepared.kind === 'done') return prepared.result;
    const { file, bytes, sha256, id } = prepared;
    try {
      const parsed = await prepared.parsed;
      const duplicateOf = library.findByTextSha256(parsed.textSha256) ?? null;
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
      await library.addArticle(article, bytes, { durable: options.durableEachFile === true });
      return duplicateOf === null ? { file, status: 'imported', id } : { file, status: 'imported', id, duplicateOf };
    } catch (error) {
      claimed.delete(sha256);
      return fail(file, error);
    }
  };

  try {
    // A window of files in flight keeps every parser thread busy while results are written in order.
    const window: Promise<Prepared>[] = [];
    let next = 0;
    while (next < files.length || window.length > 0) {
      while (next < files.length && window.length < IN_FLIGHT) {
        const file = files[next++];
        if (file !== undefined) window.push(prepare(file));
      }
      const head = window.shift();
      if (head) report(await finish(await head));
    }
  } finally {
    if (!options.pool) await pool.close();
    await library.flush();
  }
  return results;
}
