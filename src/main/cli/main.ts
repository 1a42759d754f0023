import { parseArgs, type ParseArgsConfig } from 'node:util';
import cliProgress from 'cli-progress';
import { BOILERPLATE_KINDS, type Article, type IndexEntry } from '../../shared/article.ts';
import { displayFileName } from '../../shared/displayFileName.ts';
import { toErrorInfo, WorkbenchError } from '../../shared/errors.ts';
import { DEFAULT_LIMITS, type ExtractLimits } from '../core/import/extracted.ts';
import { importFiles, type ImportResult } from '../core/import/importFiles.ts';
import { defaultLibraryDir } from '../core/library/defaultLibraryDir.ts';
import { openLibrary, type Library, type OpenMode } from '../core/library/openLibrary.ts';
import { describeRepair } from '../core/library/quarantine.ts';
import { articleJson } from './articleJson.ts';
import { ORGANIZE_USAGE, runOrganizeCommand } from './organizeCommands.ts';
import { runSearchCommand, SEARCH_QUERY_HELP, SEARCH_USAGE } from './searchCommand.ts';
import {
  EXPORT_OPTIONS,
  EXPORT_USAGE,
  ExportUsageError,
  runExport,
  type ExportValues,
} from './exportCommand.ts';

const USAGE = `workbench — the Article Workbench command line

Usage:
  workbench import <file|folder>... [--library DIR] [--json] [--max-file-mb N] [--timeout-s N]
  workbench list [--library DIR] [--json]
  workbench show <id> [--library DIR] [--json]
  workbench reindex [--library DIR]
  ${EXPORT_USAGE.command}
${SEARCH_USAGE}
${ORGANIZE_USAGE}

Options:
  --library DIR   the library folder (default: $WORKBENCH_LIBRARY, else ${defaultLibraryDir({ ...process.env, WORKBENCH_LIBRARY: '' })})
  --json          machine-readable output on stdout
  --max-file-mb N largest file to import, in MB (default ${String(DEFAULT_LIMITS.maxFileBytes / 1048576)})
  --timeout-s N   longest time to read one file, in seconds (default ${String(DEFAULT_LIMITS.timeoutMs / 1000)})
${EXPORT_USAGE.options}
  -h, --help      this help
  -v, --version   the version

${SEARCH_QUERY_HELP}

Exit codes: 0 success; 1 a file or the library failed (the other files are still imported); 2 usage error.`;

/** What a command prints and how the process exits; main() does the printing. */
type Io = {
  out: (text: string) => void;
  err: (text: string) => void;
  isTty: boolean;
};

class UsageError extends Error {}

const OPTIONS = {
  ...EXPORT_OPTIONS,
  library: { type: 'string' },
  json: { type: 'boolean', default: false },
  'max-file-mb': { type: 'string' },
  'timeout-s': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} satisfies ParseArgsConfig['options'];

async function withLibrary<T>(
  dir: string,
  mode: OpenMode,
  io: Io,
  run: (library: Library) => Promise<T>,
): Promise<T> {
  const { library } = await openLibrary(dir, { mode, create: mode === 'write' });
  // A large library checks its folders after opening; a command works on the checked list.
  const report = await library.whenFolderChecked();
  if (report.indexRebuilt !== null)
    io.err(
      `The library index could not be read (${report.indexRebuilt}); it was rebuilt from the article folders.`,
    );
  if (report.removedTemporaries.length > 0)
    io.err(
      `Removed ${String(report.removedTemporaries.length)} unfinished file(s) left by an interrupted run.`,
    );
  for (const repair of report.repairs) io.err(`Damaged file: ${describeRepair(repair)}`);
  const reported = report.repairs.length;
  try {
    return await run(library);
  } finally {
    await library.close();
    // Damaged files the command itself came across (reading an article) are repaired by close.
    for (const repair of library.repairs().slice(reported)) io.err(`Damaged file: ${describeRepair(repair)}`);
  }
}

function describeResult(result: ImportResult): string {
  switch (result.status) {
    case 'imported':
      return `imported   ${result.id ?? ''}  ${displayFileName(result.file)}${result.duplicateOf !== undefined ? `  (same text as ${result.duplicateOf})` : ''}`;
    case 'duplicate':
      return `duplicate  ${result.id ?? ''}  ${displayFileName(result.file)}`;
    case 'failed':
      return `failed     ${result.error?.code ?? ''}  ${result.error?.message ?? displayFileName(result.file)}`;
  }
}

/** A positive number given on the command line, or the default. */
function positiveNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new UsageError(`--${name} needs a positive number, not "${value}"`);
  return number;
}

async function runImport(
  paths: string[],
  dir: string,
  json: boolean,
  limits: ExtractLimits,
  io: Io,
): Promise<number> {
  if (paths.length === 0) throw new UsageError('import needs at least one file or folder');
  const results = await withLibrary(dir, 'write', io, async (library) => {
    let bar: cliProgress.SingleBar | null = null;
    const outcome = await importFiles(library, paths, {
      limits,
      onProgress: ({ done, total, result }) => {
        if (io.isTty && total >= 20) {
          bar ??= new cliProgress.SingleBar(
            {
              format: 'Importing [{bar}] {value}/{total} files',
              stream: process.stderr,
              clearOnComplete: true,
            },
            cliProgress.Presets.shades_classic,
          );
          if (done === 1) bar.start(total, 0);
          bar.update(done);
          if (done === total) bar.stop();
        } else if (!json) {
          io.out(describeResult(result));
        }
      },
    });
    return outcome;
  });
  const counts = { imported: 0, duplicate: 0, failed: 0 };
  for (const result of results) counts[result.status] += 1;
  if (json) {
    io.out(JSON.stringify(results, null, 2));
  } else {
    if (io.isTty && results.length >= 20)
      for (const result of results.filter((r) => r.status === 'failed')) io.out(describeResult(result));
    io.err(
      `${String(counts.imported)} imported, ${String(counts.duplicate)} duplicate, ${String(counts.failed)} failed — library ${dir}`,
    );
  }
  return counts.failed > 0 ? 1 : 0;
}

function formatRow(entry: IndexEntry): string {
  if (entry.damaged !== null) return `${entry.id}  DAMAGED  ${entry.damaged}`;
  const date = (entry.publishedAt ?? '').slice(0, 10).padEnd(10);
  const language = (entry.language ?? '??').padEnd(3);
  const outlet = (entry.outlet ?? '—').slice(0, 20).padEnd(20);
  return `${entry.id}  ${date}  ${language}  ${outlet}  ${entry.title ?? entry.originalFileName}`;
}

async function runList(dir: string, json: boolean, io: Io): Promise<number> {
  const entries = await withLibrary(dir, 'read', io, (library) => Promise.resolve(library.list()));
  entries.sort((a, b) => (b.publishedAt ?? b.importedAt).localeCompare(a.publishedAt ?? a.importedAt));
  if (json) io.out(JSON.stringify(entries, null, 2));
  else if (entries.length === 0) io.err(`The library at ${dir} is empty.`);
  else for (const entry of entries) io.out(formatRow(entry));
  return 0;
}

function formatArticle(article: Article): string {
  const lines = [article.metadata.title.value ?? article.originalFileName, ''];
  const meta = article.metadata;
  const field = (label: string, value: string | null, origin: string): void => {
    lines.push(`${label.padEnd(12)}${value ?? '—'}${value !== null ? `  (${origin})` : ''}`);
  };
  field('Outlet', meta.outlet.value, meta.outlet.origin);
  field('Author', meta.author.value, meta.author.origin);
  field('Published', meta.publishedAt.value, meta.publishedAt.origin);
  field('Language', meta.language.value, meta.language.origin);
  field('URL', meta.url.value, meta.url.origin);
  lines.push(
    `${'Dates'.padEnd(12)}${article.eventDates.map((event) => `${event.date} ("${event.text}")`).join(', ') || '—'}`,
  );
  lines.push(
    `${'Encoding'.padEnd(12)}${article.encoding ? `${article.encoding.name} (${String(Math.round(article.encoding.confidence * 100))} %)` : article.format}`,
  );
  lines.push(
    `${'File'.padEnd(12)}${article.originalFileName}`,
    `${'SHA-256'.padEnd(12)}${article.sha256}`,
    `${'Imported'.padEnd(12)}${article.importedAt}`,
  );
  if (article.duplicateOf !== null) lines.push(`${'Same text'.padEnd(12)}${article.duplicateOf}`);
  for (const warning of article.warnings) lines.push(`Warning: ${warning}`);
  lines.push('');
  for (const [index, block] of article.blocks.entries()) {
    const marker = `${String(index + 1).padStart(3)} ${block.kind.padEnd(9)} ${block.language.padEnd(3)}`;
    lines.push(`${marker} ${BOILERPLATE_KINDS.has(block.kind) ? `(${block.text})` : block.text}`);
  }
  return lines.join('\n');
}

async function runShow(ids: string[], dir: string, json: boolean, io: Io): Promise<number> {
  const [id] = ids;
  if (id === undefined || ids.length > 1) throw new UsageError('show needs exactly one article id');
  const article = await withLibrary(dir, 'read', io, (library) => library.readArticle(id));
  io.out(json ? JSON.stringify(articleJson(article), null, 2) : formatArticle(article));
  return 0;
}

async function runReindex(dir: string, io: Io): Promise<number> {
  const counts = await withLibrary(dir, 'write', io, (library) => library.reindex());
  io.err(
    `Reindexed ${String(counts.articles)} article(s) in ${dir}${counts.damaged > 0 ? `; ${String(counts.damaged)} damaged` : ''}.`,
  );
  return 0;
}

/** Runs the command line with `argv` (without node and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: Io, version: string): Promise<number> {
  // search has filters of its own, which the strict parse of the other commands would refuse.
  if (argv[0] === 'search') return runSearchCommand(argv.slice(1), io);
  // So do tag, tags and collection (repeatable --add and --remove).
  if (argv[0] === 'tag' || argv[0] === 'tags' || argv[0] === 'collection')
    return runOrganizeCommand(argv[0], argv.slice(1), io);
  let values: {
    library?: string;
    json: boolean;
    help: boolean;
    version: boolean;
    'max-file-mb'?: string;
    'timeout-s'?: string;
  } & ExportValues;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    io.err(`workbench: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.version) {
    io.out(version);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    (command === undefined && !values.help ? io.err : io.out)(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  const dir = values.library ?? defaultLibraryDir();
  try {
    switch (command) {
      case 'import':
        return await runImport(
          rest,
          dir,
          values.json,
          {
            ...DEFAULT_LIMITS,
            maxFileBytes:
              positiveNumber(values['max-file-mb'], 'max-file-mb', DEFAULT_LIMITS.maxFileBytes / 1048576) *
              1048576,
            timeoutMs:
              positiveNumber(values['timeout-s'], 'timeout-s', DEFAULT_LIMITS.timeoutMs / 1000) * 1000,
          },
          io,
        );
      case 'list':
        return await runList(dir, values.json, io);
      case 'show':
        return await runShow(rest, dir, values.json, io);
      case 'reindex':
        return await runReindex(dir, io);
      case 'export':
        return await runExport(rest, values, { libraryDir: dir, io, version });
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ExportUsageError) {
      io.err(`workbench: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    const info = toErrorInfo(error);
    if (values.json) io.out(JSON.stringify({ error: info }, null, 2));
    io.err(`workbench: ${info.message}${error instanceof WorkbenchError ? '' : ' (internal error)'}`);
    return 1;
  }
}
