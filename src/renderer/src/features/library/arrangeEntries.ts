import type { Collection, LibraryRow } from '../../../../shared/article.ts';

export const SORT_ORDERS = ['date', 'title', 'outlet', 'imported'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export type LibraryView = {
  sort: SortOrder;
  /** Text the titles must contain, ignoring case and diacritics ('ain' finds 'Aïn'). */
  query: string;
  /** A language code, or '' for all. */
  language: string;
  /** An outlet, or '' for all. */
  outlet: string;
  /** A tag the articles must carry, or '' (or absent) for all. */
  tag?: string;
  /** The id of a collection the articles must belong to, or '' (or absent) for all. */
  collection?: string;
  /** Publication days (YYYY-MM-DD) the articles must fall within; an article of unknown date falls outside. */
  from?: string;
  to?: string;
  hasNotes?: boolean;
  hasMemo?: boolean;
};

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Lower case without diacritics, for matching what an analyst types against titles in any script. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Newest first, unknowns last: a missing date or title must not crowd the top of the list. */
function compareNullable(
  a: string | null,
  b: string | null,
  compare: (a: string, b: string) => number,
): number {
  if (a === null || a === '') return b === null || b === '' ? 0 : 1;
  if (b === null || b === '') return -1;
  return compare(a, b);
}

/** The library's entries as the list shows them: filtered by the view, then sorted; damaged ones stay visible. */
export function arrangeEntries(
  entries: readonly LibraryRow[],
  view: LibraryView,
  collections: readonly Collection[] = [],
): LibraryRow[] {
  const query = foldText(view.query.trim());
  const { tag = '', from = '', to = '' } = view;
  // A collection deleted meanwhile filters nothing rather than hiding the whole library.
  const members = collections.find((collection) => collection.id === view.collection)?.articleIds;
  const memberIds = members === undefined ? null : new Set(members);
  const day = (entry: LibraryRow) => entry.publishedAt?.slice(0, 10) ?? '';
  const kept = entries.filter(
    (entry) =>
      (query === '' || foldText(entry.title ?? entry.originalFileName).includes(query)) &&
      (view.language === '' || entry.language === view.language) &&
      (view.outlet === '' || entry.outlet === view.outlet) &&
      (tag === '' || entry.tags.includes(tag)) &&
      (memberIds === null || memberIds.has(entry.id)) &&
      (from === '' || (day(entry) !== '' && day(entry) >= from)) &&
      (to === '' || (day(entry) !== '' && day(entry).slice(0, to.length) <= to)) &&
      (view.hasNotes !== true || entry.hasNotes) &&
      (view.hasMemo !== true || entry.hasMemo),
  );
  const byTitle = (a: LibraryRow, b: LibraryRow) =>
    compareNullable(a.title ?? a.originalFileName, b.title ?? b.originalFileName, collator.compare);
  const newestFirst = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
  const compare: Record<SortOrder, (a: LibraryRow, b: LibraryRow) => number> = {
    date: (a, b) => compareNullable(a.publishedAt, b.publishedAt, newestFirst) || byTitle(a, b),
    title: byTitle,
    outlet: (a, b) => compareNullable(a.outlet, b.outlet, collator.compare) || byTitle(a, b),
    imported: (a, b) => compareNullable(a.importedAt, b.importedAt, newestFirst) || byTitle(a, b),
  };
  return kept.sort(compare[view.sort]);
}

/** The distinct non-empty values of one field, sorted, for the filter menus. */
export function distinctValues(entries: readonly LibraryRow[], key: 'language' | 'outlet'): string[] {
  const values = new Set<string>();
  for (const entry of entries) {
    const value = entry[key];
    if (value !== null && value !== '') values.add(value);
  }
  return [...values].sort(collator.compare);
}
