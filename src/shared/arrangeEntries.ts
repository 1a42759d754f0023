import type { Collection, LibraryRow } from './article.ts';

/*
 * How the library list orders and filters its rows. It lives in src/shared because the shells use
 * it too: at start-up the window asks for the first rows of the default view before the whole list
 * (REQUESTS['library:list']), and those rows must be exactly the ones the window would have put
 * first itself, or the list would jump when the whole library arrives.
 */

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

/** The view the library list opens with: newest first, nothing filtered. */
export const DEFAULT_VIEW: LibraryView = { sort: 'date', query: '', language: '', outlet: '' };

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

/** The entries the view keeps, in their original order. */
function keptEntries<T extends LibraryRow>(
  entries: readonly T[],
  view: LibraryView,
  collections: readonly Collection[],
): T[] {
  const query = foldText(view.query.trim());
  const { tag = '', from = '', to = '' } = view;
  // A collection deleted meanwhile filters nothing rather than hiding the whole library.
  const members = collections.find((collection) => collection.id === view.collection)?.articleIds;
  const memberIds = members === undefined ? null : new Set(members);
  const day = (entry: LibraryRow) => entry.publishedAt?.slice(0, 10) ?? '';
  return entries.filter(
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
}

/** The order of one sort: ties fall back on the title, then on the entries' original order. */
function comparatorOf(sort: SortOrder): (a: LibraryRow, b: LibraryRow) => number {
  const byTitle = (a: LibraryRow, b: LibraryRow) =>
    compareNullable(a.title ?? a.originalFileName, b.title ?? b.originalFileName, collator.compare);
  const newestFirst = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
  switch (sort) {
    case 'date':
      return (a, b) => compareNullable(a.publishedAt, b.publishedAt, newestFirst) || byTitle(a, b);
    case 'title':
      return byTitle;
    case 'outlet':
      return (a, b) => compareNullable(a.outlet, b.outlet, collator.compare) || byTitle(a, b);
    case 'imported':
      return (a, b) => compareNullable(a.importedAt, b.importedAt, newestFirst) || byTitle(a, b);
  }
}

/** The library's entries as the list shows them: filtered by the view, then sorted; damaged ones stay visible. */
export function arrangeEntries<T extends LibraryRow>(
  entries: readonly T[],
  view: LibraryView,
  collections: readonly Collection[] = [],
): T[] {
  // Array.prototype.sort is stable, so equal rows keep the library's order: arrangeFirst relies on it.
  return keptEntries(entries, view, collections).sort(comparatorOf(view.sort));
}

/**
 * The first `count` entries of arrangeEntries, without sorting the rest: for 10,000 articles and a
 * first screen of 60 rows, most entries are compared once, with the last row kept so far, and
 * dropped. Entries equal to a kept one go after it, as the stable sort puts them.
 */
export function arrangeFirst<T extends LibraryRow>(
  entries: readonly T[],
  view: LibraryView,
  count: number,
  collections: readonly Collection[] = [],
): T[] {
  const compare = comparatorOf(view.sort);
  const best: T[] = [];
  if (count <= 0) return best;
  for (const entry of keptEntries(entries, view, collections)) {
    const last = best.at(-1);
    if (best.length === count && last !== undefined && compare(entry, last) >= 0) continue;
    // The first kept row that sorts strictly after the entry: equal rows stay ahead of it.
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const kept = best[middle];
      if (kept !== undefined && compare(entry, kept) < 0) high = middle;
      else low = middle + 1;
    }
    best.splice(low, 0, entry);
    if (best.length > count) best.pop();
  }
  return best;
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
