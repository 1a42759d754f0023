import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { IndexEntry } from '../../shared/article.ts';
import { WorkbenchError } from '../../shared/errors.ts';
import { openLibrary, type Library } from '../core/library/openLibrary.ts';
import { buildReport, reportTitle, type ReportArticle } from '../core/report/buildReport.ts';
import { numberedPaths, reportPathsIn, writeNewFile } from '../core/report/writeNewFile.ts';

/** The `export` command's options, for main.ts to merge into its parseArgs options. */
export const EXPORT_OPTIONS = {
  out: { type: 'string' },
  tag: { type: 'string' },
  all: { type: 'boolean', default: false },
  'no-original': { type: 'boolean', default: false },
  'no-notes': { type: 'boolean', default: false },
  'inline-citations': { type: 'boolean', default: false },
} satisfies ParseArgsConfig['options'];

/** The usage line and option help of `export`, for main.ts's USAGE text. */
export const EXPORT_USAGE = {
  command:
    'workbench export <id>... | --tag T | --all [--out FILE|DIR] [--library DIR] [--no-original] [--no-notes] [--inline-citations]',
  options: `  --out FILE|DIR  write the report there (default: standard output); an existing file is never
                  overwritten: "name (2).md" is written instead; in a folder the name comes from the title
  --tag T         export every article with the tag T
  --all           export every article of the library
  --no-original   leave out the articles' original text
  --no-notes      leave out the translation notes
  --inline-citations
                  cite each source in brackets after its quote instead of in a footnote`,
};

export type ExportValues = {
  out?: string;
  tag?: string;
  all?: boolean;
  'no-original'?: boolean;
  'no-notes'?: boolean;
  'inline-citations'?: boolean;
};

/** A command line that does not say what to export; main.ts shows it with the usage (exit code 2). */
export class ExportUsageError extends Error {}

type Io = { out: (text: string) => void; err: (text: string) => void };

export type ExportContext = {
  libraryDir: string;
  io: Io;
  /** The app's version, for the report's front matter. */
  version: string;
  now?: () => Date;
};

export const APP_NAME = 'Article Workbench';

/** Oldest first: a report reads as the story unfolded. */
function byDate(a: IndexEntry, b: IndexEntry): number {
  const date = (entry: IndexEntry): string => entry.publishedAt ?? entry.importedAt;
  return date(a).localeCompare(date(b)) || (a.title ?? '').localeCompare(b.title ?? '');
}

async function readEntry(library: Library, id: string): Promise<ReportArticle> {
  const [article, notes, memo] = await Promise.all([
    library.readArticle(id),
    library.readNotes(id),
    library.readMemo(id),
  ]);
  return { article, notes, memo };
}

/** The articles the command line names, and the damaged ones it had to leave out. */
async function selectArticles(
  library: Library,
  ids: readonly string[],
  values: ExportValues,
): Promise<{ articles: ReportArticle[]; skipped: IndexEntry[]; title?: string }> {
  if (ids.length > 0) {
    const articles: ReportArticle[] = [];
    for (const id of ids) articles.push(await readEntry(library, id));
    return { articles, skipped: [] };
  }
  const entries = library
    .list()
    .filter((entry) => values.tag === undefined || entry.tags.includes(values.tag))
    .sort(byDate);
  if (entries.length === 0) {
    throw new WorkbenchError(
      'ARTICLE_NOT_FOUND',
      values.tag !== undefined
        ? `No article in ${library.dir} has the tag "${values.tag}".`
        : `The library at ${library.dir} is empty.`,
    );
  }
  const articles: ReportArticle[] = [];
  const skipped: IndexEntry[] = [];
  for (const entry of entries) {
    if (entry.damaged !== null) skipped.push(entry);
    else articles.push(await readEntry(library, entry.id));
  }
  if (articles.length === 0)
    throw new WorkbenchError('ARTICLE_DAMAGED', `Every article to export is damaged; see workbench list.`);
  const title = values.tag !== undefined ? `Articles tagged “${values.tag}”` : `All articles in the library`;
  return { articles, skipped, title };
}

/** Where `--out` asks for the report: a folder gets a name from the title, a file keeps its own. */
async function outputPaths(out: string, title: string): Promise<(n: number) => string> {
  const info = await stat(out).catch(() => null);
  if (info?.isDirectory() === true || out.endsWith(path.sep) || out.endsWith('/'))
    return reportPathsIn(path.resolve(out), title);
  return numberedPaths(path.resolve(out));
}

/**
 * `workbench export`: builds the Markdown report of the named articles, the articles with a
 * tag, or all of them, and prints it or writes it without overwriting anything. Returns the
 * exit code: 0, or 1 when damaged articles had to be left out (the others are exported).
 * Errors of the library (a missing article, a damaged one named by id) are thrown.
 */
export async function runExport(
  ids: readonly string[],
  values: ExportValues,
  context: ExportContext,
): Promise<number> {
  const scopes = [ids.length > 0, values.tag !== undefined, values.all === true].filter(Boolean).length;
  if (scopes !== 1)
    throw new ExportUsageError('export needs article ids, or --tag T, or --all (exactly one of them)');
  const { library } = await openLibrary(context.libraryDir, { mode: 'read' });
  let selection: Awaited<ReturnType<typeof selectArticles>>;
  try {
    selection = await selectArticles(library, ids, values);
  } finally {
    await library.close();
  }
  const input = {
    articles: selection.articles,
    options: {
      includeOriginal: values['no-original'] !== true,
      includeNotes: values['no-notes'] !== true,
      citationStyle: values['inline-citations'] === true ? ('inline' as const) : ('footnotes' as const),
    },
    exportedAt: (context.now ?? (() => new Date()))(),
    app: { name: APP_NAME, version: context.version },
    ...(selection.title !== undefined ? { title: selection.title } : {}),
  };
  const report = buildReport(input);
  for (const entry of selection.skipped)
    context.io.err(`Left out damaged article ${entry.id}: ${entry.damaged ?? ''}`);
  if (values.out === undefined) {
    // io.out ends the text with a line break of its own.
    context.io.out(report.replace(/\n$/, ''));
  } else {
    const candidates = await outputPaths(values.out, reportTitle(input));
    const written = await writeNewFile(candidates, report);
    const asked = candidates(1);
    if (written !== asked) context.io.err(`${asked} exists; the report was written to ${written} instead.`);
    context.io.err(
      `Wrote the report on ${String(selection.articles.length)} article${selection.articles.length === 1 ? '' : 's'} to ${written}.`,
    );
  }
  return selection.skipped.length > 0 ? 1 : 0;
}
