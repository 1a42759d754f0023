import type { IndexEntry } from '../../../shared/article.ts';
import { WorkbenchError } from '../../../shared/errors.ts';
import type { Library } from '../library/openLibrary.ts';
import type { ReportArticle } from './buildReport.ts';

/** Which articles a report covers: named ones, those with a tag, a collection, or all. */
export type ReportScope =
  | { kind: 'articles'; ids: readonly string[] }
  | { kind: 'tag'; tag: string }
  | { kind: 'collection'; id: string }
  | { kind: 'all' };

/** The articles of a report, the damaged ones left out, and the title of a report on several. */
export type ReportSelection = { articles: ReportArticle[]; skipped: IndexEntry[]; title?: string };

/** Oldest first: a report reads as the story unfolded. */
function byDate(a: IndexEntry, b: IndexEntry): number {
  const date = (entry: IndexEntry): string => entry.publishedAt ?? entry.importedAt;
  return date(a).localeCompare(date(b)) || (a.title ?? '').localeCompare(b.title ?? '');
}

async function readReportArticle(library: Library, id: string): Promise<ReportArticle> {
  const [article, notes, memo] = await Promise.all([
    library.readArticle(id),
    library.readNotes(id),
    library.readMemo(id),
  ]);
  return { article, notes, memo };
}

/**
 * Reads the articles of a report. Named articles come in the order given and must all be
 * readable; a tag, a collection or the whole library come oldest first, with damaged articles
 * left out (and returned as `skipped`) so that one bad file does not stop the report.
 */
export async function selectReportArticles(library: Library, scope: ReportScope): Promise<ReportSelection> {
  if (scope.kind === 'articles') {
    const articles: ReportArticle[] = [];
    for (const id of scope.ids) articles.push(await readReportArticle(library, id));
    return { articles, skipped: [] };
  }
  let entries: IndexEntry[];
  let title: string;
  let none: string;
  if (scope.kind === 'tag') {
    entries = library.list().filter((entry) => entry.tags.includes(scope.tag));
    title = `Articles tagged “${scope.tag}”`;
    none = `No article in ${library.dir} has the tag "${scope.tag}".`;
  } else if (scope.kind === 'collection') {
    const collection = (await library.listCollections()).find(
      (candidate) => candidate.id === scope.id || candidate.name === scope.id,
    );
    if (collection === undefined)
      throw new WorkbenchError('NOT_FOUND', `There is no collection "${scope.id}" in ${library.dir}.`);
    const members = new Set(collection.articleIds);
    entries = library.list().filter((entry) => members.has(entry.id));
    title = collection.name;
    none = `The collection "${collection.name}" has no article in the library.`;
  } else {
    entries = library.list();
    title = 'All articles in the library';
    none = `The library at ${library.dir} is empty.`;
  }
  if (entries.length === 0) throw new WorkbenchError('ARTICLE_NOT_FOUND', none);
  const articles: ReportArticle[] = [];
  const skipped: IndexEntry[] = [];
  for (const entry of [...entries].sort(byDate)) {
    if (entry.damaged !== null) {
      skipped.push(entry);
      continue;
    }
    try {
      articles.push(await readReportArticle(library, entry.id));
    } catch (error) {
      // Found damaged (or gone) only now: left out like the ones the index already knew.
      if (!(error instanceof WorkbenchError)) throw error;
      skipped.push({ ...entry, damaged: error.message });
    }
  }
  if (articles.length === 0)
    throw new WorkbenchError('ARTICLE_DAMAGED', 'Every article to export is damaged; see the library list.');
  return { articles, skipped, title };
}
