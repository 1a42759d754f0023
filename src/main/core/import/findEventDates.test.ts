import { describe, expect, it } from 'vitest';
import { dateWindows, findEventDates } from './findEventDates.ts';

const block = (id: string, text: string, language = 'fr') => ({ id, text, language });

describe('findEventDates', () => {
  it('resolves a date without a year against the latest full date of the article, across a new year', () => {
    const dates = findEventDates(
      [
        block('a', 'Le samedi 30 décembre 2023, des roquettes ont frappé la base.'),
        block('b', 'Puis, le mardi 2 janvier, une autre attaque.'),
      ],
      'fr',
      new Date('2026-11-24T00:00:00Z'),
    );
    expect(dates.map((event) => [event.date, event.origin, event.blockId])).toEqual([
      ['2023-12-30', 'found', 'a'],
      ['2024-01-02', 'inferred', 'b'],
    ]);
  });

  it('leaves relative days and times alone', () => {
    const dates = findEventDates(
      [block('a', 'Hier mardi, à 18h30, et lundi dernier, il y a quatre jours.')],
      'fr',
      new Date('2023-11-01T00:00:00Z'),
    );
    expect(dates).toEqual([]);
  });

  it('reads dates in other languages with their own parser', () => {
    const dates = findEventDates(
      [
        block('r', 'Атака произошла 31 октября 2023 года на востоке Сирии.', 'ru'),
        block('e', 'The base was hit on November 1, 2023, officials said.', 'en'),
      ],
      'ru',
      new Date(),
    );
    expect(dates.map((event) => event.date)).toEqual(['2023-10-31', '2023-11-01']);
  });

  it('only hands chrono the stretches around dates', () => {
    const long = `${'Un long paragraphe sans date. '.repeat(20)}Le 3 mars 2024 à Damas. ${'Encore du texte sans date. '.repeat(20)}`;
    const windows = dateWindows(long, 'fr');
    expect(windows).toHaveLength(1);
    expect(windows[0]).toContain('3 mars 2024');
    expect(windows[0]?.length).toBeLessThan(140);
    expect(dateWindows('Pas de chiffre ici.', 'fr')).toEqual([]);
  });
});
