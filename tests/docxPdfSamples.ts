import { readFileSync } from 'node:fs';
import type { ExtractedDocument } from '../src/main/core/import/extracted.ts';
import { normalizeDate } from '../src/main/core/import/normalizeDate.ts';
import { corpusPath } from './corpusPath.ts';

/** One document of ../shared/corpus/docx-pdf-samples/manifest.json. */
export type Sample = {
  path: string;
  format: 'docx' | 'pdf';
  language: string;
  expected?: Record<string, unknown>;
  ground_truth_file?: string;
};

export type Check = { name: string; isPassed: boolean; detail: string };

export function loadSamples(format: Sample['format']): Sample[] {
  const manifest = JSON.parse(
    readFileSync(corpusPath('docx-pdf-samples', 'manifest.json'), 'utf8'),
  ) as Sample[];
  return manifest.filter((sample) => sample.format === format);
}

export function sampleBytes(sample: Sample): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath('docx-pdf-samples', sample.path)));
}

/** NFC and one space, as PROVENANCE "How to score" asks. */
export function normalise(text: string | null | undefined): string {
  return (text ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The text a reader sees: the title (shown from the metadata) and the blocks. */
export function visibleText(document: ExtractedDocument): string {
  return normalise([document.title ?? '', ...document.blocks.map((block) => block.text)].join('\n'));
}

/**
 * Every expectation of the manifest that an extractor can be held to, as named checks.
 * Expectations about other stages (language detection, Markdown export, comment export,
 * page count) are left to those stages' tests.
 */
export function checkSample(sample: Sample, document: ExtractedDocument): Check[] {
  const expected = sample.expected ?? {};
  const checks: Check[] = [];
  const text = visibleText(document);
  const add = (name: string, isPassed: boolean, detail = ''): void => {
    checks.push({ name, isPassed, detail });
  };
  const strings = (key: string): string[] => {
    const value = expected[key];
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  };
  const string = (key: string): string | null => {
    const value = expected[key];
    return typeof value === 'string' ? value : null;
  };

  for (const key of ['title', 'title_from_text']) {
    const title = string(key);
    if (title !== null)
      add(
        'title',
        normalise(document.title) === normalise(title),
        `${JSON.stringify(document.title)} vs ${JSON.stringify(title)}`,
      );
  }
  const titles = expected.titles as Record<string, string | undefined> | undefined;
  if (titles?.['x-default'] !== undefined)
    add(
      'title (x-default)',
      normalise(document.title) === normalise(titles['x-default']),
      String(document.title),
    );
  const titleHeading = string('title_heading') ?? string('first_heading');
  if (titleHeading !== null) {
    const headings = [document.title, ...document.blocks.slice(0, 3).map((block) => block.text)].map(
      normalise,
    );
    add('first heading', headings.includes(normalise(titleHeading)), headings.slice(0, 2).join(' / '));
  }

  const byline = normalise(document.byline);
  for (const key of ['author', 'author_from_text', 'core_creator']) {
    const author = string(key);
    if (author !== null)
      add(
        'author',
        byline === normalise(author) || byline.includes(normalise(author)),
        JSON.stringify(document.byline),
      );
  }
  for (const key of ['authors', 'authors_from_text', 'authors_include']) {
    const authors = strings(key);
    if (authors.length > 0)
      add(
        'authors',
        authors.every((author) => byline.includes(normalise(author))),
        JSON.stringify(document.byline),
      );
  }
  for (const key of ['info_author_is_garbage', 'core_xml_creator_not_the_byline']) {
    const wrong = string(key);
    if (wrong !== null)
      add('no wrong author', !byline.includes(normalise(wrong)), JSON.stringify(document.byline));
  }
  const date = string('date');
  if (date !== null)
    add(
      'date',
      (document.publishedAt ?? '').slice(0, 10) === normalizeDate(date),
      String(document.publishedAt),
    );

  const included = [...strings('body_must_include'), ...strings('footnotes')];
  for (const key of ['body', 'abstract']) {
    const value = string(key);
    if (value !== null && value !== '') included.push(value);
  }
  const html = string('mammoth_html');
  if (html !== null) included.push(html.replace(/<[^>]+>/g, ''));
  if (included.length > 0) {
    const missing = included.filter((snippet) => !text.includes(normalise(snippet)));
    add('body includes', missing.length === 0, missing.map((snippet) => JSON.stringify(snippet)).join(', '));
  }
  if (string('body') === '')
    add('body empty', document.blocks.length === 0, `${document.blocks.length} blocks`);
  const excluded = [...strings('body_must_not_include'), ...strings('markdown_must_not_include')];
  if (excluded.length > 0) {
    const bodyText = normalise(document.blocks.map((block) => block.text).join('\n'));
    const present = excluded.filter((snippet) => bodyText.includes(normalise(snippet)));
    add('body excludes', present.length === 0, present.join(', '));
  }

  const phrase = string('text_after_NFKC');
  if (phrase !== null) {
    const count = text.normalize('NFKC').split(phrase).length - 1;
    const wanted = typeof expected.occurrences === 'number' ? expected.occurrences : 1;
    add('Arabic phrase count', count === wanted, `${count} of ${wanted}`);
  }
  const letters = string('text_NFC');
  if (letters !== null)
    add('letters (spaces ignored)', text.replace(/\s/g, '').includes(letters.normalize('NFC')), '');
  return checks;
}

/** Token F1 of the visible text against an upstream ground-truth file (Markdown syntax removed). */
export function groundTruthF1(sample: Sample, document: ExtractedDocument): number | null {
  const file = sample.ground_truth_file?.split(' ')[0];
  if (!file?.endsWith('.md')) return null;
  const markdown = readFileSync(corpusPath('docx-pdf-samples', file), 'utf8');
  const reference = markdown
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/^\s*\|?\s*-[\s|-]*$/gm, ' ')
    .replace(/^\s*(?:#+|[-*]\s+\[[ x]\]|[-*]|\d+\.)\s+/gm, '')
    .replace(/\|/g, ' ');
  return tokenF1(tokens(visibleText(document)), tokens(reference));
}

const WORDS = new Intl.Segmenter('und', { granularity: 'word' });

function tokens(text: string): string[] {
  return Array.from(WORDS.segment(text.normalize('NFKC').toLowerCase()))
    .filter((segment) => segment.isWordLike)
    .map((segment) => segment.segment);
}

function tokenF1(candidate: string[], reference: string[]): number {
  const counts = new Map<string, number>();
  for (const token of reference) counts.set(token, (counts.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of candidate) {
    const count = counts.get(token) ?? 0;
    if (count > 0) {
      common++;
      counts.set(token, count - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / candidate.length;
  const recall = common / reference.length;
  return (2 * precision * recall) / (precision + recall);
}

/** A Markdown table of the checks, one row per document. */
export function formatTable(rows: { path: string; checks: Check[]; note?: string }[]): string {
  const lines = ['| document | passed | failed checks |', '| --- | --- | --- |'];
  for (const row of rows) {
    const failed = row.checks.filter((check) => !check.isPassed);
    const passed = row.checks.length - failed.length;
    const failures = failed.map((check) => `${check.name}: ${check.detail}`).join('; ');
    lines.push(
      `| ${row.path} | ${passed}/${row.checks.length}${row.note ? ` ${row.note}` : ''} | ${failures} |`,
    );
  }
  return lines.join('\n');
}

/** The row of the score table for a sample that opened: the manifest's checks, its F1 gate, and the time taken. */
export function scoreOpened(
  sample: Sample,
  document: ExtractedDocument,
  gates: Readonly<Record<string, number>>,
  milliseconds: number,
): { path: string; checks: Check[]; note: string } {
  const checks: Check[] = [{ name: 'opens', isPassed: true, detail: '' }, ...checkSample(sample, document)];
  const f1 = groundTruthF1(sample, document);
  const gate = gates[sample.path];
  if (f1 !== null && gate !== undefined) {
    checks.push({ name: `ground-truth F1 ≥ ${String(gate)}`, isPassed: f1 >= gate, detail: f1.toFixed(3) });
  }
  return {
    path: sample.path,
    checks,
    note: `(${String(Math.round(milliseconds))} ms${f1 === null ? '' : `, F1 ${f1.toFixed(3)}`})`,
  };
}
