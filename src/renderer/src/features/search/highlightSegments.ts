/** A run of a snippet: plain text, or text the query matched. */
export type Segment = { text: string; isHit: boolean };

/**
 * Splits a snippet into plain and matched runs from the index's UTF-16 ranges. Ranges are sorted,
 * clamped to the text and merged where they touch or overlap, so a range the index got wrong can
 * neither throw nor repeat text; the runs always join back into exactly the snippet.
 */
export function highlightSegments(
  text: string,
  highlights: readonly { start: number; end: number }[],
): Segment[] {
  const ranges = highlights
    .map(({ start, end }) => ({
      start: Math.max(0, Math.min(text.length, start)),
      end: Math.max(0, Math.min(text.length, end)),
    }))
    .filter(({ start, end }) => end > start)
    .sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let position = 0;
  for (const range of ranges) {
    const start = Math.max(range.start, position);
    if (range.end <= start) continue;
    if (start > position) segments.push({ text: text.slice(position, start), isHit: false });
    const last = segments.at(-1);
    // A range that starts where the previous hit ended extends it rather than starting a new mark.
    if (last?.isHit === true && start === position) last.text += text.slice(start, range.end);
    else segments.push({ text: text.slice(start, range.end), isHit: true });
    position = range.end;
  }
  if (position < text.length) segments.push({ text: text.slice(position), isHit: false });
  return segments;
}
