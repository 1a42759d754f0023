import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BlockKind } from '../../src/shared/article.ts';
import { classifyBlocks } from '../../src/main/core/import/classifyBlocks.ts';
import { splitPlainText } from '../../src/main/core/import/splitPlainText.ts';
import { normalizeText } from '../../src/main/core/text/normalizeText.ts';
import { REPO_ROOT } from '../../tests/corpusPath.ts';
import { ratio } from './pipeline.ts';
import type { Rate } from './metadata.ts';

/** Hand-written, real-shaped articles with the kind of every block (tests/fixtures/plaintext/README.md). */
export const PLAINTEXT_FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures', 'plaintext');

/** One expected block: its kind and the start of its text, so a wrong split shows as such. */
export type ExpectedBlock = [kind: BlockKind, start: string];

export type FixtureRow = {
  name: string;
  language: string;
  passed: number;
  total: number;
  isSplitRight: boolean;
  mistakes: { index: number; text: string; expected: BlockKind; actual: BlockKind }[];
};

export type PlainTextResult = {
  accuracy: Rate;
  byLanguage: Record<string, Rate>;
  byKind: Record<string, Rate>;
  rows: FixtureRow[];
};

export function listFixtures(): string[] {
  return readdirSync(PLAINTEXT_FIXTURES)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => name.slice(0, -'.txt'.length))
    .sort();
}

/** The structurer's blocks and kinds for one fixture, beside what a reader would mark. */
export function classifyFixture(name: string): {
  blocks: { text: string; kind: BlockKind }[];
  expected: ExpectedBlock[];
} {
  const text = readFileSync(path.join(PLAINTEXT_FIXTURES, `${name}.txt`), 'utf8');
  const expected = JSON.parse(
    readFileSync(path.join(PLAINTEXT_FIXTURES, `${name}.kinds.json`), 'utf8'),
  ) as ExpectedBlock[];
  const split = splitPlainText(normalizeText(text));
  const kinds = classifyBlocks(split, { findHeadline: true });
  return {
    blocks: split.map((block, index) => ({ text: block.text, kind: kinds[index] ?? 'paragraph' })),
    expected,
  };
}

/** Section 5: block-kind accuracy of the plain-text structurer, per block. */
export function evalPlainText(): PlainTextResult {
  const rows: FixtureRow[] = [];
  const byLanguage: Record<string, { passed: number; total: number }> = {};
  const byKind: Record<string, { passed: number; total: number }> = {};
  for (const name of listFixtures()) {
    const { blocks, expected } = classifyFixture(name);
    const language = name.split('-')[0] ?? '';
    const row: FixtureRow = {
      name,
      language,
      passed: 0,
      total: expected.length,
      isSplitRight: blocks.length === expected.length,
      mistakes: [],
    };
    expected.forEach(([kind, start], index) => {
      const block = blocks[index];
      const isRight = block !== undefined && block.text.startsWith(start) && block.kind === kind;
      const tally = (byKind[kind] ??= { passed: 0, total: 0 });
      tally.total++;
      if (isRight) {
        row.passed++;
        tally.passed++;
      } else
        row.mistakes.push({
          index,
          text: (block?.text ?? '(missing)').slice(0, 60),
          expected: kind,
          actual: block?.kind ?? 'paragraph',
        });
    });
    const languageTally = (byLanguage[language] ??= { passed: 0, total: 0 });
    languageTally.passed += row.passed;
    languageTally.total += row.total;
    rows.push(row);
  }
  const withRate = (tally: Record<string, { passed: number; total: number }>): Record<string, Rate> =>
    Object.fromEntries(
      Object.entries(tally).map(([key, { passed, total }]) => [
        key,
        { passed, total, rate: ratio(passed, total) },
      ]),
    );
  const passed = rows.reduce((sum, row) => sum + row.passed, 0);
  const total = rows.reduce((sum, row) => sum + row.total, 0);
  return {
    accuracy: { passed, total, rate: ratio(passed, total) },
    byLanguage: withRate(byLanguage),
    byKind: withRate(byKind),
    rows,
  };
}
