/**
 * Imports files one by one into a library, in a process of its own so that its peak memory
 * (getrusage's maxrss) is the import's alone, and prints one JSON line per file: the result,
 * the time it took, the peak RSS so far, and whether the library folder changed.
 *
 *   node tests/hostile/importInChild.ts [--batch] <library> <file>...
 *
 * With --batch, all files go in one importFiles call (one line for the batch, file "*").
 * The last line is { done: true, maxRssBytes, parserHeapMb, timeoutMs }.
 */
import { DEFAULT_LIMITS } from '../../src/main/core/import/extracted.ts';
import { importFiles, type ImportResult } from '../../src/main/core/import/importFiles.ts';
import { ParserPool } from '../../src/main/core/import/parserPool.ts';
import { openLibrary } from '../../src/main/core/library/openLibrary.ts';
import { hashFolder } from './buildHostileCorpus.ts';

/** One line of the child's report. */
export type ChildFileReport = {
  file: string;
  results: ImportResult[];
  elapsedMs: number;
  maxRssBytes: number;
  isLibraryChanged: boolean;
};
export type ChildSummary = { done: true; maxRssBytes: number; parserHeapMb: number; timeoutMs: number };

const args = process.argv.slice(2);
const isBatch = args[0] === '--batch';
const [libraryDir, ...files] = isBatch ? args.slice(1) : args;
if (libraryDir === undefined) throw new Error('usage: importInChild.ts [--batch] <library> <file>...');

const { library } = await openLibrary(libraryDir, { mode: 'write', create: true });
const pool = new ParserPool();
try {
  for (const file of isBatch ? ['*'] : files) {
    const before = await hashFolder(libraryDir);
    const started = performance.now();
    const results = await importFiles(library, isBatch ? files : [file], { pool });
    const elapsedMs = performance.now() - started;
    const after = await hashFolder(libraryDir);
    const report: ChildFileReport = {
      file,
      results,
      elapsedMs,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      isLibraryChanged: before !== after,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  }
} finally {
  await pool.close();
  await library.close();
}
const summary: ChildSummary = {
  done: true,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
  parserHeapMb: pool.maxHeapMb,
  timeoutMs: DEFAULT_LIMITS.timeoutMs,
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
