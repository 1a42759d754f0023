import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlightSegments.ts';

describe('highlightSegments', () => {
  it('splits a snippet into plain and matched runs', () => {
    expect(highlightSegments('la base d’Aïn al-Assad est', [{ start: 10, end: 22 }])).toEqual([
      { text: 'la base d’', isHit: false },
      { text: 'Aïn al-Assad', isHit: true },
      { text: ' est', isHit: false },
    ]);
  });

  it('sorts, merges touching and overlapping ranges, and clamps those outside the text', () => {
    const segments = highlightSegments('abcdefgh', [
      { start: 6, end: 20 },
      { start: 0, end: 2 },
      { start: 1, end: 3 },
      { start: 3, end: 4 },
      { start: 5, end: 5 },
      { start: -4, end: -1 },
    ]);
    expect(segments).toEqual([
      { text: 'abcd', isHit: true },
      { text: 'ef', isHit: false },
      { text: 'gh', isHit: true },
    ]);
    expect(segments.map((segment) => segment.text).join('')).toBe('abcdefgh');
  });

  it('keeps text without hits whole, and counts in UTF-16 units as the index does', () => {
    expect(highlightSegments('plain', [])).toEqual([{ text: 'plain', isHit: false }]);
    expect(highlightSegments('😀 外交部 said', [{ start: 3, end: 6 }])).toEqual([
      { text: '😀 ', isHit: false },
      { text: '外交部', isHit: true },
      { text: ' said', isHit: false },
    ]);
  });
});
