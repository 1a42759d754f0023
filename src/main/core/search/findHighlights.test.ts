import { describe, expect, it } from 'vitest';
import { findHighlights, type HighlightRange } from './findHighlights.ts';
import { makeSnippet } from './makeSnippet.ts';
import { parseQuery } from './parseQuery.ts';

function highlighted(text: string, query: string): string[] {
  return (findHighlights(text, parseQuery(query))?.ranges ?? []).map((range) =>
    text.slice(range.start, range.end),
  );
}

describe('findHighlights', () => {
  it('highlights the original, unfolded words', () => {
    const text = "Quatre explosions ont secoué la base d'Aïn al-Assad (province d'al-Anbar).";
    expect(highlighted(text, 'ain al-assad')).toEqual(['Aïn', 'al-Assad']);
    expect(highlighted(text, '"ain al-assad"')).toEqual(['Aïn al-Assad']);
    expect(highlighted(text, 'AIN')).toEqual(['Aïn']);
    expect(highlighted(text, 'secoue')).toEqual(['secoué']);
  });

  it('highlights whole words for a prefix and exact phrases only', () => {
    const text = 'Une attaque à la roquette, puis des roquettes sur le champ pétrolier; pétrolier du champ.';
    expect(highlighted(text, 'roquet*')).toEqual(['roquette', 'roquettes']);
    expect(highlighted(text, '"champ pétrolier"')).toEqual(['champ pétrolier']);
    expect(highlighted(text, '"pétrolier champ"')).toEqual([]);
  });

  it('maps hits through letters that fold to more or fewer characters', () => {
    expect(highlighted('Die Straße nach Köln', 'strasse')).toEqual(['Straße']);
    const arabic = 'كان يُشار أحيانًا إلى البلاد';
    expect(highlighted(arabic, 'احيانا')).toEqual(['أحيانًا']);
    expect(highlighted(arabic, 'الى')).toEqual(['إلى']);
  });

  it('finds Chinese words inside a sentence, and one character alone', () => {
    const text = '外交部发言人说，维基大典是网路为础的。';
    expect(highlighted(text, '外交部')).toEqual(['外交部']);
    expect(highlighted(text, '发言')).toEqual(['发言']);
    expect(highlighted(text, '典')).toEqual(['典']);
    expect(highlighted(text, '外部')).toEqual([]);
    const japanese = '昨日、東京タワーで会見が行われた。';
    expect(highlighted(japanese, '東京タワー')).toEqual(['東京タワー']);
    expect(highlighted(japanese, 'タワー')).toEqual(['タワー']);
  });

  it('says which terms were found, and null when none is', () => {
    const text = 'Une roquette sur la base.';
    expect(findHighlights(text, parseQuery('roquette drone'))?.termsFound).toEqual([0]);
    expect(findHighlights(text, parseQuery('drone'))).toBeNull();
  });
});

describe('makeSnippet', () => {
  const shown = (snippet: { text: string; highlights: HighlightRange[] }): string[] =>
    snippet.highlights.map((range) => snippet.text.slice(range.start, range.end));

  it('keeps a short text whole, on one line', () => {
    const text = 'Première ligne\nseconde ligne avec Aïn';
    const snippet = makeSnippet(text, findHighlights(text, parseQuery('ain'))?.ranges ?? []);
    expect(snippet.text).toBe('Première ligne seconde ligne avec Aïn');
    expect(shown(snippet)).toEqual(['Aïn']);
  });

  it('cuts a long text around the first hit, between words, with ellipses and shifted offsets', () => {
    const words = Array.from({ length: 120 }, (_, index) => `mot${String(index)}`);
    words[70] = 'Aïn';
    words[72] = 'roquette';
    const text = words.join(' ');
    const snippet = makeSnippet(text, findHighlights(text, parseQuery('ain roquette'))?.ranges ?? []);
    expect(snippet.text.startsWith('…mot')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.text.length).toBeLessThanOrEqual(204);
    expect(shown(snippet)).toEqual(['Aïn', 'roquette']);
    expect(text).toContain(snippet.text.slice(1, -1));
  });
});
