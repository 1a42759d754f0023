import type { JSONContent } from '@tiptap/core';
import { MarkdownManager } from '@tiptap/markdown';
import StarterKit from '@tiptap/starter-kit';
import MarkdownIt from 'markdown-it';
import { Citation } from './citationExtension.ts';
import { memoToMarkdown } from './memoToMarkdown.ts';
import { normalizeMemoDoc } from './normalizeMemoDoc.ts';

/** One example of the CommonMark spec (spec.json, as upstream's spec_tests.py dumps it). */
export type SpecExample = { markdown: string; html: string; example: number; section: string };

/** The spec sections whose constructs a memo can hold (no raw HTML, images, tables or reference definitions). */
export const MEMO_SECTIONS = [
  'Emphasis and strong emphasis',
  'Links',
  'Lists',
  'List items',
  'Block quotes',
  'Code spans',
  'Fenced code blocks',
  'Indented code blocks',
  'ATX headings',
  'Setext headings',
  'Thematic breaks',
  'Hard line breaks',
  'Backslash escapes',
  'Entity and numeric character references',
] as const;

export type RoundTrip = {
  example: SpecExample;
  memo: JSONContent;
  exported: string;
  expectedHtml: string;
  actualHtml: string;
  /** The same HTML. */
  passed: boolean;
  /** The same HTML once paragraphs in list items are unwrapped: a memo has no tight or loose lists. */
  passedIgnoringTightness: boolean;
  /** Reading the exported Markdown back gives the memo it came from. */
  memoStable: boolean;
};

export type SectionScore = {
  section: string;
  total: number;
  passed: number;
  passedIgnoringTightness: number;
  memoStable: number;
  failed: number[];
};

/*
 * Upstream's conformance check compares HTML after normalisation (whitespace between tags,
 * <br> forms). Both sides come from markdown-it here, so only white space needs folding;
 * inside <pre> it is content and stays.
 */
function normalizeHtml(html: string): string {
  return html
    .split(/(<pre[\s\S]*?<\/pre>)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/\s*(<\/?(?:p|h[1-6]|ul|ol|li|blockquote|hr|pre|br)\b[^>]*>)\s*/g, '$1'),
    )
    .join('')
    .trim();
}

/** Drops the <p> tags whose container is a list item: loose and tight lists then render alike. */
function ignoreTightness(html: string): string {
  const open: string[] = [];
  return html.replace(/<(\/?)([a-z0-9]+)\b[^>]*>/g, (tag, closing: string, name: string) => {
    if (closing === '') {
      const parent = open.at(-1);
      if (!['hr', 'br', 'img'].includes(name)) open.push(name);
      return name === 'p' && parent === 'li' ? '' : tag;
    }
    open.pop();
    return name === 'p' && open.at(-1) === 'li' ? '' : tag;
  });
}

const noCitations = { headingOffset: 0, citation: (): JSONContent => ({ type: 'text', text: '' }) };

/**
 * Runs the writer round trip for spec examples: the example's Markdown is read into memo JSON
 * by @tiptap/markdown (as the memo editor would paste it), exported by the report's memo
 * serialiser, and both Markdown texts are rendered by markdown-it in CommonMark mode. An
 * example passes when the two renderings are the same HTML.
 */
export function createRoundTrip(): (example: SpecExample) => RoundTrip {
  // The memo editor's schema: StarterKit (with underline and link) and the citation.
  const reader = new MarkdownManager({ extensions: [StarterKit, Citation] });
  const renderer = new MarkdownIt('commonmark');
  return (example) => {
    const memo = reader.parse(example.markdown);
    const exported = memoToMarkdown(memo, { headingOffset: 0, renderCitation: () => '' }).markdown;
    const expectedHtml = normalizeHtml(renderer.render(example.markdown));
    const actualHtml = normalizeHtml(renderer.render(exported));
    const memoStable =
      JSON.stringify(normalizeMemoDoc(reader.parse(exported), noCitations)) ===
      JSON.stringify(normalizeMemoDoc(memo, noCitations));
    return {
      example,
      memo,
      exported,
      expectedHtml,
      actualHtml,
      passed: expectedHtml === actualHtml,
      passedIgnoringTightness: ignoreTightness(expectedHtml) === ignoreTightness(actualHtml),
      memoStable,
    };
  };
}

/** Pass counts per section, in the order of `sections`. */
export function scoreRoundTrip(
  examples: readonly SpecExample[],
  sections: readonly string[] = MEMO_SECTIONS,
): SectionScore[] {
  const roundTrip = createRoundTrip();
  return sections.map((section) => {
    const results = examples.filter((example) => example.section === section).map(roundTrip);
    return {
      section,
      total: results.length,
      passed: results.filter((result) => result.passed).length,
      passedIgnoringTightness: results.filter((result) => result.passedIgnoringTightness).length,
      memoStable: results.filter((result) => result.memoStable).length,
      failed: results.filter((result) => !result.passed).map((result) => result.example.example),
    };
  });
}

/** The scores as a Markdown table, with a total row. */
export function formatScores(scores: readonly SectionScore[]): string {
  const rate = (passed: number, total: number): string =>
    `${String(passed)}/${String(total)} (${((100 * passed) / Math.max(1, total)).toFixed(0)} %)`;
  const row = (label: string, score: Omit<SectionScore, 'section' | 'failed'>): string =>
    `| ${label} | ${rate(score.passed, score.total)} | ${rate(score.passedIgnoringTightness, score.total)} | ${rate(score.memoStable, score.total)} |`;
  const sum = (key: 'total' | 'passed' | 'passedIgnoringTightness' | 'memoStable'): number =>
    scores.reduce((total, score) => total + score[key], 0);
  return [
    '| section | same HTML | same HTML, list tightness aside | memo → Markdown → same memo |',
    '| --- | --- | --- | --- |',
    ...scores.map((score) => row(score.section, score)),
    row('all', {
      total: sum('total'),
      passed: sum('passed'),
      passedIgnoringTightness: sum('passedIgnoringTightness'),
      memoStable: sum('memoStable'),
    }),
  ].join('\n');
}
