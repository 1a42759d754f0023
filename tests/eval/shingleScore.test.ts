import { describe, expect, it } from 'vitest';
import { scoreUpstreamOutput } from '../../scripts/eval/articleBody.ts';
import { matchShingles, scoreCorpus, tokenize } from '../../scripts/eval/shingleScore.ts';

describe('the article-body scorer (scrapinghub evaluate.py, reimplemented)', () => {
  it('reproduces upstream published scores from upstream predictions (PROVENANCE: 0.947 / 0.914 / 0.982)', () => {
    const readability = scoreUpstreamOutput('readability_js');
    expect(readability.items).toBe(181);
    expect(readability.f1.toFixed(3)).toBe('0.947');
    expect(readability.precision.toFixed(3)).toBe('0.914');
    expect(readability.recall.toFixed(3)).toBe('0.982');
    expect(readability.accuracy.toFixed(3)).toBe('0.166');
    // The two other references PROVENANCE checked with upstream's own script.
    const trafilatura = scoreUpstreamOutput('trafilatura');
    expect(
      [trafilatura.f1, trafilatura.precision, trafilatura.recall].map((value) => value.toFixed(3)),
    ).toEqual(['0.958', '0.938', '0.978']);
    const htmlText = scoreUpstreamOutput('html-text');
    expect([htmlText.f1, htmlText.precision, htmlText.recall].map((value) => value.toFixed(3))).toEqual([
      '0.665',
      '0.500',
      '0.994',
    ]);
  });

  it('tokenises like Python `\\w+` and counts shingles as multisets', () => {
    expect(tokenize('Aïn al-Assad, 18h30 — l’armée_US')).toEqual([
      'Aïn',
      'al',
      'Assad',
      '18h30',
      'l',
      'armée_US',
    ]);
    expect(tokenize('新华社记者 王磊', true)).toEqual(['新', '华', '社', '记', '者', '王', '磊']);
    const counts = matchShingles('a b c d e', 'a b c d x');
    expect(counts.tp).toBeCloseTo(1 / 3);
    expect(counts.fp).toBeCloseTo(1 / 3);
    expect(counts.fn).toBeCloseTo(1 / 3);
  });

  it('takes F1 from the mean precision and mean recall, and treats two empty texts as a perfect match', () => {
    const score = scoreCorpus([
      { truth: 'one two three four five', prediction: 'one two three four five' },
      { truth: 'one two three four five', prediction: '' },
      { truth: '', prediction: '' },
    ]);
    expect(score.precision).toBe(1);
    expect(score.recall).toBeCloseTo(2 / 3);
    expect(score.f1).toBeCloseTo(0.8);
  });
});
