import { createHash } from 'node:crypto';

/** The part of a block's text its id is derived from: case, spacing and punctuation variants do not count. */
function fingerprint(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u00a0]+/gu, ' ')
    .trim();
}

/**
 * Gives each block an id derived from its content, and from its position only among
 * blocks with the same content, so that notes stay attached when the same bytes are
 * re-parsed by a newer parser that splits or classifies other blocks differently.
 */
export function assignBlockIds(texts: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return texts.map((text) => {
    const hash = createHash('sha256').update(fingerprint(text)).digest('hex').slice(0, 10);
    const count = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, count);
    return count === 1 ? `b${hash}` : `b${hash}-${String(count)}`;
  });
}
