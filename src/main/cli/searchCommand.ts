import { parseArgs, type ParseArgsConfig } from 'node:util';
import { toErrorInfo, WorkbenchError } from '../../shared/errors.ts';
import { defaultLibraryDir } from '../core/library/defaultLibraryDir.ts';
import { openLibrary, type Library } from '../core/library/openLibrary.ts';
import {
  SearchIndex,
  type SearchHit,
  type SearchIndexReport,
  type SearchMatch,
  type SearchOptions,
} from '../core/search/searchIndex.ts';

/** The usage lines of `workbench search`, for the command line's help. */
export const SEARCH_USAGE = `  workbench search <query>... [--library DIR] [--json] [--language L] [--outlet O] [--tag T]
                   [--collection C] [--from DATE] [--to DATE] [--[no-]has-notes] [--[no-]has-memo] [--limit N] [--offset N]`;

/** How a query is written, for the command line's help. */
export const SEARCH_QUERY_HELP = `Search queries: words (all must be found), '"a quoted phrase"', prefix* (three letters or
more). Case, accents, Arabic vowel marks and letter forms do not matter; Chinese and Japanese
are found inside longer text. DATE is YYYY, YYYY-MM or YYYY-MM-DD, both ends included.`;

/** What the command prints; the caller does the printing (stdout, stderr). */
export type SearchCommandIo = {
  out: (text: string) => void;
  err: (text: string) => void;
};

const OPTIONS = {
  library: { type: 'string' },
  json: { type: 'boolean', default: false },
  language: { type: 'string' },
  outlet: { type: 'string' },
  tag: { type: 'string' },
  collection: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'has-notes': { type: 'boolean' },
  'has-memo': { type: 'boolean' },
  limit: { type: 'string' },
  offset: { type: 'string' },
} satisfies ParseArgsConfig['options'];

class UsageError extends Error {}

function wholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/u.test(value) || !Number.isSafeInteger(number))
    throw new UsageError(`--${name} needs a whole number, not "${value}"`);
  return number;
}

/** The snippet with its hits between « », on one line: plain text, so that it survives a pipe or a file. */
function markedSnippet(match: SearchMatch): string {
  let text = '';
  let last = 0;
  for (const range of match.highlights) {
    text += `${match.snippet.slice(last, range.start)}«${match.snippet.slice(range.start, range.end)}»`;
    last = range.end;
  }
  return text + match.snippet.slice(last);
}

function formatHit(hit: SearchHit): string {
  const [match] = hit.matches;
  if (match === undefined) return `${hit.articleId}  ${hit.date}  ${hit.title ?? ''}`;
  const where = match.blockId === null ? match.field : `${match.field} ${match.blockId}`;
  return `${hit.articleId}  ${hit.date}  ${where.padEnd(19)}  ${markedSnippet(match)}`;
}

function describeReport(report: SearchIndexReport): string[] {
  const lines: string[] = [];
  if (report.rebuilt !== null)
    lines.push(`The search index was rebuilt from the library (${report.rebuilt}).`);
  if (report.updated + report.removed > 0)
    lines.push(
      `The search index caught up with the library: ${String(report.updated)} article(s) indexed, ${String(report.removed)} removed.`,
    );
  if (report.failed > 0)
    lines.push(
      `${String(report.failed)} damaged article(s) could not be indexed; \`workbench list\` names them.`,
    );
  return lines;
}

async function openIndex(library: Library, io: SearchCommandIo): Promise<SearchIndex> {
  try {
    const { index, report } = await SearchIndex.open(library);
    for (const line of describeReport(report)) io.err(line);
    return index;
  } catch (error) {
    // A library on a read-only disk still deserves an answer: build the index in memory for this run.
    if (!(error instanceof WorkbenchError) || error.code !== 'WRITE_FAILED') throw error;
    io.err(`${error.message}\nSearching with an index built in memory for this run.`);
    return (await SearchIndex.open(library, { file: ':memory:' })).index;
  }
}

/**
 * `workbench search <query> [options]`: `args` are the arguments after `search`. Prints
 * one line per article found (id, date, where the best match is, its snippet with the hits
 * marked) or, with --json, an array of hits. Returns the exit code: 0 (also when nothing
 * is found), 1 when the library cannot be searched, 2 on a usage error.
 */
export async function runSearchCommand(args: readonly string[], io: SearchCommandIo): Promise<number> {
  let json = args.includes('--json');
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: OPTIONS,
      allowPositionals: true,
      allowNegative: true,
      strict: true,
    });
    json = values.json;
    const query = positionals.join(' ').trim();
    if (query === '') throw new UsageError('search needs a query');
    const options: SearchOptions = {
      language: values.language,
      outlet: values.outlet,
      tag: values.tag,
      from: values.from,
      to: values.to,
      hasNotes: values['has-notes'],
      hasMemo: values['has-memo'],
      limit: wholeNumber(values.limit, 'limit'),
      offset: wholeNumber(values.offset, 'offset'),
    };
    const dir = values.library ?? defaultLibraryDir();
    // Read mode takes no lock, so searching works while the app has the library open.
    const { library } = await openLibrary(dir, { mode: 'read' });
    try {
      if (values.collection !== undefined) {
        const wanted = values.collection;
        const collection = (await library.listCollections()).find(
          (candidate) => candidate.id === wanted || candidate.name === wanted,
        );
        if (collection === undefined)
          throw new WorkbenchError('NOT_FOUND', `There is no collection "${wanted}" in ${dir}.`);
        options.articleIds = collection.articleIds;
      }
      const index = await openIndex(library, io);
      try {
        const result = await index.search(query, options);
        if (result.rebuilt !== null)
          io.err(`The search index was damaged (${result.rebuilt}); it was rebuilt from the library.`);
        if (json) {
          io.out(JSON.stringify(result.hits, null, 2));
        } else {
          for (const hit of result.hits) io.out(formatHit(hit));
          const shown = result.hits.length;
          io.err(
            result.total === 0
              ? `Nothing found for ${query} in ${dir}.`
              : `${String(shown)} of ${String(result.total)} article(s)${result.total > result.rankedAmong ? `; the newest ${String(result.rankedAmong)} ranked by relevance, the rest by date` : ''}.`,
          );
        }
      } finally {
        await index.close();
      }
    } finally {
      await library.close();
    }
    return 0;
  } catch (error) {
    const isUsage =
      error instanceof UsageError ||
      (error instanceof WorkbenchError && error.code === 'INVALID_INPUT') ||
      (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
      (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ||
      (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL';
    if (isUsage) {
      io.err(
        `workbench search: ${(error as Error).message}\n\nUsage:\n${SEARCH_USAGE}\n\n${SEARCH_QUERY_HELP}`,
      );
      return 2;
    }
    const info = toErrorInfo(error);
    if (json) io.out(JSON.stringify({ error: info }, null, 2));
    io.err(`workbench search: ${info.message}${error instanceof WorkbenchError ? '' : ' (internal error)'}`);
    return 1;
  }
}
