/**
 * npx node scripts/evalCommonMark.ts [--failures]: the CommonMark round trip of the memo
 * serialiser (spec 0.31.2 examples, ../shared/corpus/commonmark-spec) — Markdown → memo JSON
 * with @tiptap/markdown → the report's Markdown → markdown-it HTML, against markdown-it's HTML
 * of the example itself — as a pass rate per section. With --failures, each failing example.
 */
import { readFile } from 'node:fs/promises';
import {
  createRoundTrip,
  formatScores,
  scoreRoundTrip,
  type SpecExample,
} from '../src/main/core/report/commonMarkRoundTrip.ts';
import { corpusPath } from '../tests/corpusPath.ts';

const examples = JSON.parse(
  await readFile(corpusPath('commonmark-spec', 'spec.json'), 'utf8'),
) as SpecExample[];
const scores = scoreRoundTrip(examples);
console.log(formatScores(scores));
if (process.argv.includes('--failures')) {
  const roundTrip = createRoundTrip();
  for (const score of scores) {
    for (const number of score.failed) {
      const example = examples.find((candidate) => candidate.example === number);
      if (example === undefined) continue;
      const result = roundTrip(example);
      console.log(`\n## ${String(number)} (${score.section})`);
      console.log('markdown:', JSON.stringify(example.markdown));
      console.log('exported:', JSON.stringify(result.exported));
      console.log('expected:', result.expectedHtml);
      console.log('actual:  ', result.actualHtml);
    }
  }
}
