import type { IndexEntry } from '../../../shared/article.ts';

/*
 * A digest of the library's index that caches following the library (the search index) compare
 * with their own on open: when both match, nothing changed while the cache was closed, and no
 * article-by-article comparison is needed. The library keeps it up to date with every change and
 * stores it beside the entries, so that opening a library of 100,000 articles need not hash them all.
 */

/**
 * What a library entry says that the index also keeps, as two 32-bit hashes (FNV-1a and a
 * multiply-xorshift, in one pass): when they differ, the article is indexed again. It runs
 * for every article on open, so it must cost well under a microsecond each.
 */
export function hashesOf(entry: IndexEntry): [number, number] {
  let first = 0x811c9dc5;
  let second = 0x9e3779b9;
  // Field by field rather than over one joined string: building 100,000 strings costs more than hashing them.
  for (const field of [
    entry.sha256,
    entry.title,
    entry.outlet,
    entry.language,
    entry.publishedAt,
    entry.importedAt,
    ...entry.tags,
    entry.hasNotes ? 'n' : '-',
    entry.hasMemo ? 'm' : '-',
  ]) {
    const text = field ?? '\u0000';
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      first = Math.imul(first ^ code, 0x01000193);
      second = Math.imul(second ^ code, 0x5bd1e995);
      second ^= second >>> 15;
    }
    first = Math.imul(first ^ 0x1f, 0x01000193);
  }
  return [first >>> 0, second >>> 0];
}

/**
 * An order-independent digest of a set of entries (count, xor and sum of their hashes),
 * kept up to date with every change: when the library's matches the index's on open, the
 * index needs no article-by-article comparison.
 */
export type Fingerprint = { count: number; xor: number; sum: number };

export function addToFingerprint(
  fingerprint: Fingerprint,
  [hash1, hash2]: [number, number],
  sign: 1 | -1,
): void {
  fingerprint.count += sign;
  fingerprint.xor = (fingerprint.xor ^ hash1) >>> 0;
  fingerprint.sum = (fingerprint.sum + sign * hash2) >>> 0;
}

export function fingerprintText(fingerprint: Fingerprint): string {
  return `${String(fingerprint.count)}:${String(fingerprint.xor)}:${String(fingerprint.sum)}`;
}

export function emptyFingerprint(): Fingerprint {
  return { count: 0, xor: 0, sum: 0 };
}
