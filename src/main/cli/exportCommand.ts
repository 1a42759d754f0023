import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { openLibrary } from '../core/library/openLibrary.ts';
import { APP_NAME, buildReport, reportTitle } from '../core/report/buildReport.ts';
import {
  selectReportArticles,
  type ReportScope,
  type ReportSelection,
} from '../core/report/selectReportArticles.ts';
import { numberedPaths, reportPathsIn, writeNewFile } from '../core/report/writeNewFile.ts';

/** The `export` command's options, for main.ts to merge into its parseArgs options. */
export const EXPORT_OPTIONS = {
  out: { type: 'string' },
  tag: { type: 'string' },
  collection: { type: 'string' },
  all: { type: 'boolean', default: false },
  'no-original': { type: 'boolean', default: false },
  'no-notes': { type: 'boolean', default: false },
  'inline-citations': { type: 'boolean', default: false },
} satisfies ParseArgsConfig['options'];

/** The usage line and option help of `export`, for main.ts's USAGE text. */
export const EXPORT_USAGE = {
  command:
    'workbench export <id>... | --tag T | --collection C | --all [--out FILE|DIR] [--library DIR] [--no-original] [--no-notes] [--inline-citations]',
  options: `  --out FILE|DIR  write the report there (default: standard output); an existing file is never
                  overwritten: "name (2).md" is written instead; in a folder the name comes from the title
  --tag T         export every article with the tag T
  --collection C  export the articles of the collection C (its name or id)
  --all           export every article of the library
  --no-original   leave out the articles' original text
  --no-notes      leave out the translation notes
  --inline-citations
                  cite each source in brackets after its quote instead of in a footnote`,
};

export type ExportValues = {
  out?: string;
  tag?: string;
  collection?: string;
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
  const scopes: ReportScope[] = [];
  if (ids.length > 0) scopes.push({ kind: 'articles', ids });
  if (values.tag !== undefined) scopes.push({ kind: 'tag', tag: values.tag });
  if (values.collection !== undefined) scopes.push({ kind: 'collection', id: values.collection });
  if (values.all === true) scopes.push({ kind: 'all' });
  const [scope] = scopes;
  if (scope === undefined || scopes.length > 1)
    throw new ExportUsageError(
      'export needs article ids, or --tag T, or --collection C, or --all (exactly one of them)',
    );
  const { library } = await openLibrary(context.libraryDir, { mode: 'read' });
  let selection: ReportSelection;
  try {
    selection = await selectReportArticles(library, scope);
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
