import type { SearchFiltersInput } from '../../../../shared/api.ts';
import type { Collection } from '../../../../shared/article.ts';
import type { LibraryView } from '../../../../shared/arrangeEntries.ts';

/** The library pane's filters as a search's: one set of filters narrows both the list and the hits. */
export function searchFiltersOf(view: LibraryView, collections: readonly Collection[]): SearchFiltersInput {
  const filters: SearchFiltersInput = {};
  if (view.language !== '') filters.language = view.language;
  if (view.outlet !== '') filters.outlet = view.outlet;
  if (view.tag !== undefined && view.tag !== '') filters.tag = view.tag;
  // A collection deleted meanwhile narrows nothing, as in the list.
  if (collections.some((collection) => collection.id === view.collection))
    filters.collection = view.collection;
  if (view.from !== undefined && view.from !== '') filters.from = view.from;
  if (view.to !== undefined && view.to !== '') filters.to = view.to;
  if (view.hasNotes === true) filters.hasNotes = true;
  if (view.hasMemo === true) filters.hasMemo = true;
  return filters;
}
