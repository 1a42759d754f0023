import { describe, expect, it } from 'vitest';
import { classifyFixture, evalPlainText, listFixtures } from '../../scripts/eval/plainText.ts';

describe('the plain-text structurer on tests/fixtures/plaintext', () => {
  it('has real-shaped articles in French, English, Arabic, Russian, Persian and Chinese', () => {
    const languages = new Set(listFixtures().map((name) => name.split('-')[0]));
    for (const language of ['fr', 'en', 'ar', 'ru', 'fa', 'zh']) expect(languages).toContain(language);
  });

  it.each(listFixtures())('splits %s into the expected blocks', (name) => {
    const { blocks, expected } = classifyFixture(name);
    expect(blocks.map((block) => block.text.slice(0, 24))).toHaveLength(expected.length);
    expected.forEach(([, start], index) => {
      expect(blocks[index]?.text.startsWith(start), `block ${index} starts with ${start}`).toBe(true);
    });
  });

  it('gives at least 95 % of the blocks their kind, in every language', () => {
    const result = evalPlainText();
    const mistakes = result.rows.flatMap((row) =>
      row.mistakes.map(
        (mistake) => `${row.name} #${mistake.index} ${mistake.expected}→${mistake.actual}: ${mistake.text}`,
      ),
    );
    expect(result.accuracy.rate, mistakes.join('\n')).toBeGreaterThanOrEqual(0.95);
    for (const [language, rate] of Object.entries(result.byLanguage)) {
      expect(rate.rate, `${language}: ${mistakes.join('\n')}`).toBeGreaterThanOrEqual(0.9);
    }
  });
});
