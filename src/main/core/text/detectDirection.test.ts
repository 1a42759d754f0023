import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { corpusPath } from '../../../../tests/corpusPath.ts';
import { detectDirection } from './detectDirection.ts';

const CORPUS = 'multilingual-encoding-samples';

function firstSentence(language: string): string {
  const text = readFileSync(corpusPath(CORPUS, 'lingua-sentences', `${language}.txt`), 'utf8');
  return text.split('\n')[0] ?? '';
}

const hebrew = iconv.decode(
  readFileSync(corpusPath(CORPUS, 'charset-normalizer', 'sample-hebrew-2.txt')),
  'cp1255',
);

describe('detectDirection', () => {
  it('is right to left for Arabic, Persian and Hebrew', () => {
    expect(detectDirection(firstSentence('ar'), 'ar')).toBe('rtl');
    expect(detectDirection(firstSentence('fa'), 'fa')).toBe('rtl');
    expect(detectDirection(hebrew, 'he')).toBe('rtl');
  });

  it('is right to left for every right-to-left language, whatever the text starts with', () => {
    for (const language of ['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'sd', 'ckb', 'dv', 'ug', 'ar-EG', 'fa_IR']) {
      expect(detectDirection('2023 — AFP', language), language).toBe('rtl');
    }
  });

  it('follows the first strong character when the language does not settle it', () => {
    expect(detectDirection('Al Mayadeen الميادين', 'und')).toBe('ltr');
    expect(detectDirection('الميادين Al Mayadeen', 'und')).toBe('rtl');
    expect(detectDirection(`« ${firstSentence('ar')} »`, 'und')).toBe('rtl');
    expect(detectDirection(`1. ${hebrew}`, 'und')).toBe('rtl');
  });

  it('is left to right for French, Russian and Chinese, and for text without letters', () => {
    expect(detectDirection(firstSentence('fr'), 'fr')).toBe('ltr');
    expect(detectDirection(firstSentence('ru'), 'ru')).toBe('ltr');
    expect(detectDirection(firstSentence('zh'), 'zh')).toBe('ltr');
    expect(detectDirection('31/10/2023', 'und')).toBe('ltr');
    expect(detectDirection('', 'und')).toBe('ltr');
  });
});
