import type { LibraryRow } from '../../../../shared/article.ts';

export type TagCount = { tag: string; count: number };

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Every tag of the library with the number of articles carrying it, in alphabetical order. */
export function countTags(entries: readonly LibraryRow[]): TagCount[] {
  const counts = new Map<string, number>();
  for (const entry of entries) for (const tag of entry.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => collator.compare(a.tag, b.tag) || (a.tag < b.tag ? -1 : 1));
}

/** The id of the page's one list of known tags, which every tag input offers as suggestions. */
export const TAG_SUGGESTIONS_ID = 'workbench-tag-suggestions';
