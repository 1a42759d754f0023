/**
 * Heading anchors as GitHub makes them (github-slugger, also pandoc's gfm_auto_identifiers):
 * lower case, everything but letters, marks, digits, `_`, `-` and spaces removed, spaces to
 * hyphens; a repeated slug gets `-1`, `-2`… The slugger must see every heading of the
 * document, in order, for the numbering to match the reader's.
 */
export function createSlugger(): (headingText: string) => string {
  const seen = new Map<string, number>();
  return (headingText) => {
    const base = headingText
      .normalize('NFC')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    let slug = base;
    let count = seen.get(base) ?? 0;
    while (seen.has(slug)) {
      count += 1;
      slug = `${base}-${String(count)}`;
    }
    seen.set(base, count);
    seen.set(slug, seen.get(slug) ?? 0);
    return slug;
  };
}
