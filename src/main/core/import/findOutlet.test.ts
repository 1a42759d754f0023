import { describe, expect, it } from 'vitest';
import { canonicalOutlet, outletFromUrl } from './findOutlet.ts';

describe('canonicalOutlet', () => {
  it.each([
    ['FRENCH PRESS TV', 'Press TV'],
    ['PressTV', 'Press TV'],
    ['Le Monde.fr', 'Le Monde'],
    ['ТАСС', 'TASS'],
    ['الميادين', 'Al Mayadeen'],
    ['新华社', 'Xinhua'],
    ['RT en français', 'RT'],
  ])('names %s as %s', (stated, outlet) => {
    expect(canonicalOutlet(stated)).toBe(outlet);
  });

  it('keeps an unknown outlet as the page wrote it', () => {
    expect(canonicalOutlet('La Dépêche du Midi')).toBe('La Dépêche du Midi');
    expect(canonicalOutlet('« Courrier international »')).toBe('Courrier international');
  });

  it('knows outlets by the host of a URL', () => {
    expect(outletFromUrl('https://french.presstv.ir/Detail/2023/11/01/1')).toBe('Press TV');
    expect(outletFromUrl('https://www.lemonde.fr/international/article/x.html')).toBe('Le Monde');
    expect(outletFromUrl('https://example.org/news')).toBeNull();
    expect(outletFromUrl('not a url')).toBeNull();
  });
});
