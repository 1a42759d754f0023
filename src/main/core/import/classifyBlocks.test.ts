import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED_FIXTURE, SEED_KINDS } from '../../../../tests/corpusPath.ts';
import { normalizeText } from '../text/normalizeText.ts';
import {
  bylineAuthor,
  classifyBlocks,
  isCaption,
  isRelatedLink,
  isShareLine,
  isSourceLine,
  sourceLabelValue,
} from './classifyBlocks.ts';
import { splitPlainText } from './splitPlainText.ts';

describe('classifyBlocks on the seed article', () => {
  const blocks = splitPlainText(normalizeText(readFileSync(SEED_FIXTURE, 'utf8')));
  const kinds = classifyBlocks(blocks, { findHeadline: true });

  it('finds the crumb, headline, two captions, the body, the related link, share and source', () => {
    expect(kinds).toEqual(SEED_KINDS);
    expect(blocks[1]?.text).toBe("Syrie: attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US");
  });

  it('makes no block of lines holding only non-breaking spaces', () => {
    expect(blocks.every((block) => block.text.replace(/[\s\u00a0]/gu, '') !== '')).toBe(true);
    expect(blocks.map((block) => block.text)).not.toContain('');
  });
});

describe('boilerplate across languages', () => {
  it.each([
    'A lire: Syrie : la base américaine d’al-Omar visée par 15 missiles',
    'Lire aussi : Gaza, la trêve prolongée',
    'Read more: Iran says talks will resume',
    'اقرأ أيضاً: الجيش السوري يستعيد السيطرة',
    'Читайте также: Путин провёл переговоры',
    'Читайте також: Зеленський зустрівся з делегацією',
    'بیشتر بخوانید: نشست وزیران خارجه',
    '相关阅读：外交部发言人答记者问',
    'Lesen Sie auch: Die Lage in Syrien',
  ])('recognises the related link %s', (text) => {
    expect(isRelatedLink(text)).toBe(true);
  });

  it.each([
    'Partager Cet Article',
    'Share this article',
    'شارك هذا المقال',
    'Поделиться',
    'Facebook Twitter WhatsApp',
    '分享到微信',
  ])('recognises the share line %s', (text) => {
    expect(isShareLine(text)).toBe(true);
  });

  it.each([
    ['SOURCE: FRENCH PRESS TV', 'FRENCH PRESS TV'],
    ['Источник: ТАСС', 'ТАСС'],
    ['المصدر: الميادين', 'الميادين'],
    ['来源：新华社', '新华社'],
    ['منبع: ایرنا', 'ایرنا'],
  ])('reads the source line %s', (text, value) => {
    expect(isSourceLine(text)).toBe(true);
    expect(sourceLabelValue(text)).toBe(value);
  });

  it('does not take body sentences for boilerplate', () => {
    const sentences = [
      'Les bases de l’occupation américaine en Syrie ont été attaquées à plusieurs reprises ces derniers jours.',
      'Par ailleurs, la base américaine qui se situe dans le champ pétrolier de Conoco a été aussi visée par plusieurs roquettes.',
      'The source said the talks would resume next week, and shared details with reporters.',
      'Sources said the minister would read more documents before deciding.',
    ];
    for (const sentence of sentences) {
      expect(classifyBlocks([{ text: sentence, kind: null }], { findHeadline: false })).toEqual([
        'paragraph',
      ]);
    }
  });

  it('recognises captions by their photo credit', () => {
    expect(isCaption('Le président syrien à Damas, le 3 mars 2023. (AFP photo)')).toBe(true);
    expect(isCaption('Des soldats américains en Irak (Photo via X)')).toBe(true);
    expect(isCaption('Фото: РИА Новости')).toBe(true);
    expect(isCaption('Le ministre a parlé aux journalistes (lundi).')).toBe(false);
  });

  it('reads bylines and their author', () => {
    expect(bylineAuthor('Par Jean Dupont')).toBe('Jean Dupont');
    expect(bylineAuthor('By Jane Doe, Reuters')).toBe('Jane Doe');
    expect(bylineAuthor('Par ailleurs, la base a été visée.')).toBeNull();
    expect(bylineAuthor('Автор: Иван Петров')).toBe('Иван Петров');
  });
});
