import { describe, expect, it } from 'vitest';
import type { LibraryRow } from '../src/shared/article.ts';
import { arrangeEntries, arrangeFirst, DEFAULT_VIEW, SORT_ORDERS } from '../src/shared/arrangeEntries.ts';

/** A small generator with a fixed seed, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Rows with many ties (few dates, titles and outlets) and missing values, as real libraries have. */
function rows(count: number): LibraryRow[] {
  const next = random(7);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  return Array.from({ length: count }, (_unused, index) => ({
    id: `a${String(index).padStart(11, '0')}`,
    title: pick(['Aïn al-Assad', 'ain al-assad', 'Zeta', 'Article 10', 'Article 9', '', null]),
    outlet: pick(['Press TV', 'Al Mayadeen', null]),
    language: pick(['fr', 'ar', null]),
    publishedAt: pick(['2023-11-01', '2023-11-02', '2024-01-05T10:00:00Z', null]),
    importedAt: pick(['2023-11-02T10:00:00.000Z', '2023-11-03T10:00:00.000Z']),
    originalFileName: `file-${String(index)}.txt`,
    tags: [],
    hasNotes: next() < 0.5,
    hasMemo: false,
    damaged: next() < 0.05 ? 'damaged' : null,
  }));
}

describe('arrangeFirst', () => {
  const entries = rows(2_000);

  it.each(SORT_ORDERS)('gives the first rows of arrangeEntries, ties included, sorted by %s', (sort) => {
    const view = { ...DEFAULT_VIEW, sort };
    for (const count of [1, 60, 500]) {
      expect(arrangeFirst(entries, view, count).map((entry) => entry.id)).toEqual(
        arrangeEntries(entries, view)
          .slice(0, count)
          .map((entry) => entry.id),
      );
    }
  });

  it('filters as arrangeEntries does, and gives every row when asked for more', () => {
    const view = { ...DEFAULT_VIEW, query: 'AIN', hasNotes: true };
    expect(arrangeFirst(entries, view, 5_000)).toEqual(arrangeEntries(entries, view));
    expect(arrangeFirst(entries, DEFAULT_VIEW, 0)).toEqual([]);
  });
});
