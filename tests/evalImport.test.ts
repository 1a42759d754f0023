import { describe, expect, it } from 'vitest';
import {
  checkTargets,
  FAST,
  formatReport,
  runEval,
  TARGETS,
  type EvalResult,
} from '../scripts/eval/runEval.ts';

/**
 * The CI subset of `npm run eval:import` (every 4th benchmark page, 300 sentences per
 * language, the other corpora whole). Each assertion is a target of issue 7 as a threshold,
 * never a recorded result; targets the pipeline does not yet meet are listed in KNOWN_MISSES
 * and printed, not asserted.
 */
const KNOWN_MISSES = new Set([
  // NHK's "※ underlined words link to the dictionary" note reads as a paragraph.
  '2 with/without snippets (trafilatura)',
  // Short DOCX/PDF texts whose language cannot be told ("Test"), one read as Hausa, Persian read as Pashto.
  '4 DOCX/PDF manifest checks',
]);

describe('eval:import --fast', () => {
  let result: EvalResult;

  it('runs the pipeline over every corpus', { timeout: 180_000 }, async () => {
    result = await runEval(FAST);
    process.stdout.write(`${formatReport(result)}\n`);
    expect(result.articleBody.failures).toEqual([]);
  });

  it('meets every target not listed as a known miss', () => {
    const missed = checkTargets(result).filter((check) => !check.isMet && !KNOWN_MISSES.has(check.name));
    expect(missed).toEqual([]);
  });

  it('beats Readability.js on the article-extraction benchmark subset', () => {
    expect(result.articleBody.f1).toBeGreaterThanOrEqual(TARGETS.bodyF1);
    expect(result.articleBody.f1).toBeGreaterThan(result.articleBody.readabilityJs.f1);
  });

  it('reads the lying-charset pages and keeps Arabic in logical order', () => {
    expect(result.trafilatura.xinhuaReadable).toBe(true);
    expect(result.encodings.misleadingArabic).toBe(true);
    expect(result.documents.arabicLogicalOrder).toBe(true);
    expect(result.documents.opened.rate).toBe(1);
  });
});
