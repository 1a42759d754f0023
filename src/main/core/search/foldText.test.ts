import { describe, expect, it } from 'vitest';
import { foldText, foldWithOffsets } from './foldText.ts';

describe('foldText', () => {
  it('removes case and Latin diacritics', () => {
    expect(foldText('Aïn al-Assad')).toBe('ain al-assad');
    expect(foldText('AÏN')).toBe(foldText('ain'));
    expect(foldText('Ḥizb')).toBe('hizb');
    expect(foldText('Champ PÉTROLIER, été, Ça, naïve, Œuvre')).toBe(
      'champ petrolier, ete, ca, naive, oeuvre',
    );
    expect(foldText('Łódź Ørsted Đoković Þór')).toBe('lodz orsted dokovic thor');
  });

  it('folds the Turkish dotted and dotless i and the German sharp s sensibly', () => {
    expect(foldText('İstanbul')).toBe('istanbul');
    expect(foldText('ılık')).toBe('ilik');
    expect(foldText('Straße')).toBe(foldText('STRASSE'));
    expect(foldText('ẞ')).toBe('ss');
  });

  it('treats a base letter followed by a combining mark like the composed letter', () => {
    expect(foldText('e\u0301te\u0301')).toBe('ete');
    expect(foldText('A\u0308in')).toBe('ain');
  });

  it('decomposes compatibility forms: full-width letters, ligatures, Arabic presentation forms', () => {
    expect(foldText('ＡＢＣ１２３')).toBe('abc123');
    expect(foldText('ﬁnance')).toBe('finance');
    expect(foldText('ﻻ')).toBe('لا');
  });

  it('removes Arabic tashkeel, superscript alef and tatweel', () => {
    expect(foldText('أَحْيَانًا')).toBe(foldText('احيانا'));
    expect(foldText('مُحَمَّد')).toBe('محمد');
    expect(foldText('هٰذا')).toBe('هذا');
    expect(foldText('عـــربي')).toBe('عربي');
  });

  it('unifies Arabic alef forms, alef maqsura and ta marbuta', () => {
    expect(foldText('أحمد إسلام آمن ٱلله')).toBe('احمد اسلام امن الله');
    expect(foldText('إلى مستشفى')).toBe('الي مستشفي');
    expect(foldText('المملكة')).toBe(foldText('المملكه'));
  });

  it('keeps the hamza on waw and ya, which distinguishes words', () => {
    expect(foldText('مسؤول')).toBe('مسؤول');
    expect(foldText('رئيس')).toBe('رئيس');
  });

  it('folds Persian yeh and keheh with the Arabic letters', () => {
    expect(foldText('کتاب یک')).toBe(foldText('كتاب يك'));
    expect(foldText('فیلم')).toBe('فيلم');
    expect(foldText('خانۀ')).toBe('خانه');
  });

  it('turns Arabic-Indic and Persian digits into ASCII digits', () => {
    expect(foldText('٢٠٢٣ ۱۴۰۲')).toBe('2023 1402');
  });

  it('lower-cases Cyrillic, folds ё to е, and keeps й as a letter of its own', () => {
    expect(foldText('ЁЛКА Ёж')).toBe('елка еж');
    expect(foldText('ЙОД')).toBe('йод');
    expect(foldText('йод')).not.toBe(foldText('иод'));
    expect(foldText('и\u0306од')).toBe('йод');
    expect(foldText('Україна Її')).toBe('україна її');
    expect(foldText('приве́т')).toBe('привет');
  });

  it('folds Greek accents and final sigma', () => {
    expect(foldText('ΣΟΦΟΣ Άθηνα σοφός')).toBe('σοφοσ αθηνα σοφοσ');
  });

  it('leaves Han, kana and Hangul as they are, voicing marks included', () => {
    expect(foldText('外交部发言人')).toBe('外交部发言人');
    expect(foldText('がっこう ガス')).toBe('がっこう ガス');
    expect(foldText('서울에서')).toBe('서울에서');
  });

  it('maps a zero-width non-joiner to a space, so a Persian compound matches its spaced spelling', () => {
    expect(foldText('می\u200cشود')).toBe(foldText('می شود'));
  });
});

describe('foldWithOffsets', () => {
  it('gives the same text as foldText', () => {
    for (const text of [
      'Aïn al-Assad',
      'أَحْمَد مكتبة',
      'Straße',
      '外交部 ĦAL',
      'e\u0301t\u00e9',
      '😀 Ünïcode',
    ]) {
      expect(foldWithOffsets(text).text).toBe(foldText(text));
    }
  });

  it('maps each folded unit back to the original characters it came from', () => {
    const original = 'Große Aïn أَحْمَد';
    const folded = foldWithOffsets(original);
    expect(folded.text).toBe('grosse ain احمد');
    expect(folded.starts).toHaveLength(folded.text.length);
    const back = (from: number, to: number): string =>
      original.slice(folded.starts[from], folded.ends[to - 1]);
    const at = (word: string): [number, number] => {
      const start = folded.text.indexOf(word);
      return [start, start + word.length];
    };
    expect(back(...at('grosse'))).toBe('Große');
    expect(back(...at('ain'))).toBe('Aïn');
    expect(back(...at('احمد'))).toBe('أَحْمَد');
  });
});
