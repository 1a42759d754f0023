import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { corpusPath } from '../../tests/corpusPath.ts';
import { articleText, bodyText, collapse, parseForEval, primary, ratio, visibleText } from './pipeline.ts';
import { itemF1, scoreCorpus, type CorpusScore } from './shingleScore.ts';

type MozillaPage = {
  page: string;
  content_language: string;
  title: string | null;
  byline: string | null;
  publishedTime: string | null;
  synthetic_fixture: boolean;
};

export type PageRow = {
  page: string;
  title: boolean | null;
  byline: boolean | null;
  bylineContains: boolean | null;
  date: boolean | null;
  language: boolean | null;
  f1: number | null;
  detail: Record<string, string | null>;
};

export type Rate = { passed: number; total: number; rate: number };

export type MetadataResult = {
  title: Rate;
  byline: Rate;
  bylineContains: Rate;
  date: Rate;
  language: Rate;
  body: CorpusScore;
  bodyPagesAbove90: Rate;
  rows: PageRow[];
};

const CJK_LANGUAGES = new Set(['zh', 'ja']);

function rate(values: readonly (boolean | null)[]): Rate {
  const counted = values.filter((value): value is boolean => value !== null);
  const passed = counted.filter(Boolean).length;
  return { passed, total: counted.length, rate: ratio(passed, counted.length) };
}

/** Tags stripped, entities decoded, white space collapsed: the text of Readability's expected.html. */
export function htmlToText(html: string): string {
  const stripped = html
    .replace(/<(script|style)[\s\S]*?<\/\1>/giu, ' ')
    .replace(
      /<\/?(?:p|div|br|h\d|li|ul|ol|tr|td|th|table|blockquote|pre|section|article|figure|figcaption)\b[^>]*>/giu,
      '\n',
    )
    .replace(/<[^>]*>/gu, '');
  // The project's TypeScript lib has no DOM: linkedom's window is read through the one field used.
  const window: unknown = parseHTML(
    `<!doctype html><html><body>${stripped.replace(/</gu, '&lt;')}</body></html>`,
  );
  const { document } = window as { document: { body: { textContent: string | null } } };
  return (document.body.textContent ?? '')
    .replace(/[ \t\u00a0]+/gu, ' ')
    .replace(/\s*\n\s*/gu, '\n')
    .trim();
}

/** Two dates name the same instant, or the same day when either states no time. */
export function isSameDate(expected: string, actual: string | null): boolean {
  if (actual === null) return false;
  const hasTime = (value: string): boolean => /\d{1,2}:\d{2}/u.test(value);
  const day = (value: string): string => value.trim().slice(0, 10);
  if (!hasTime(expected) || !hasTime(actual)) return day(expected) === day(actual);
  const iso = (value: string): number =>
    Date.parse(
      value
        .trim()
        .replace(' ', 'T')
        .replace(/(\.\d{3})\d+/u, '$1'),
    );
  const [a, b] = [iso(expected), iso(actual)];
  return Number.isFinite(a) && Number.isFinite(b) ? a === b : day(expected) === day(actual);
}

function loosely(text: string): string {
  return collapse(text)
    .toLowerCase()
    .replace(/^(?:by|par|por|von)\s+/u, '');
}

/** Section 2a: Mozilla Readability's test pages. */
export async function evalMozillaPages(): Promise<MetadataResult> {
  const manifest = JSON.parse(
    readFileSync(corpusPath('mozilla-readability-test-pages', 'manifest.json'), 'utf8'),
  ) as MozillaPage[];
  const rows: PageRow[] = [];
  const pairs: { truth: string; prediction: string; characters: boolean }[] = [];
  for (const page of manifest) {
    const folder = corpusPath('mozilla-readability-test-pages', 'test-pages', page.page);
    const bytes = new Uint8Array(readFileSync(`${folder}/source.html`));
    const truth = htmlToText(readFileSync(`${folder}/expected.html`, 'utf8'));
    const isLanguageScored = !page.synthetic_fixture && page.content_language !== 'lorem-ipsum';
    const characters = CJK_LANGUAGES.has(primary(page.content_language));
    try {
      const parsed = await parseForEval(bytes, 'html');
      const { metadata } = parsed;
      const prediction = bodyText(parsed.blocks);
      const byline = metadata.author.value;
      pairs.push({ truth, prediction, characters });
      rows.push({
        page: page.page,
        title: page.title === null ? null : collapse(metadata.title.value) === collapse(page.title),
        byline: page.byline === null ? null : collapse(byline) === collapse(page.byline),
        bylineContains:
          page.byline === null
            ? null
            : byline !== null &&
              (loosely(page.byline).includes(loosely(byline)) ||
                loosely(byline).includes(loosely(page.byline))),
        date: page.publishedTime === null ? null : isSameDate(page.publishedTime, metadata.publishedAt.value),
        language: isLanguageScored
          ? primary(metadata.language.value) === primary(page.content_language)
          : null,
        f1: itemF1(truth, prediction, characters),
        detail: {
          title: metadata.title.value,
          byline,
          date: metadata.publishedAt.value,
          language: metadata.language.value,
        },
      });
    } catch (error) {
      pairs.push({ truth, prediction: '', characters });
      rows.push({
        page: page.page,
        title: page.title === null ? null : false,
        byline: page.byline === null ? null : false,
        bylineContains: page.byline === null ? null : false,
        date: page.publishedTime === null ? null : false,
        language: isLanguageScored ? false : null,
        f1: 0,
        detail: { error: error instanceof Error ? error.message : String(error) },
      });
    }
  }
  return {
    title: rate(rows.map((row) => row.title)),
    byline: rate(rows.map((row) => row.byline)),
    bylineContains: rate(rows.map((row) => row.bylineContains)),
    date: rate(rows.map((row) => row.date)),
    language: rate(rows.map((row) => row.language)),
    body: scoreCorpus(pairs),
    bodyPagesAbove90: rate(rows.map((row) => (row.f1 === null ? null : row.f1 >= 0.9))),
    rows,
  };
}

type TrafilaturaEntry = {
  file: string;
  author: string;
  title: string;
  date: string;
  with: string[];
  without: string[];
  content_language_assigned_here: string;
};

export type SnippetRow = {
  file: string;
  title: boolean;
  byline: boolean | null;
  date: boolean | null;
  language: boolean;
  withFound: number;
  withTotal: number;
  withoutFound: number;
  withoutTotal: number;
  missing: string[];
  leaked: string[];
  detail: Record<string, string | null>;
};

export type SnippetResult = {
  title: Rate;
  byline: Rate;
  date: Rate;
  language: Rate;
  snippets: { precision: number; recall: number; f1: number };
  pagesClean: Rate;
  xinhuaReadable: boolean;
  rows: SnippetRow[];
};

/** Section 2b: trafilatura's Arabic, Russian, Chinese and Japanese pages, scored by snippets. */
export async function evalTrafilaturaPages(): Promise<SnippetResult> {
  const entries = JSON.parse(
    readFileSync(corpusPath('trafilatura-eval-multilingual', 'evaldata-subset.json'), 'utf8'),
  ) as Record<string, TrafilaturaEntry>;
  const rows: SnippetRow[] = [];
  let xinhuaReadable = false;
  for (const entry of Object.values(entries)) {
    const bytes = new Uint8Array(
      readFileSync(corpusPath('trafilatura-eval-multilingual', 'html', entry.file)),
    );
    const parsed = await parseForEval(bytes, 'html');
    // trafilatura's main text keeps captions (Xinhua's "2月17日…摄"), as the reader does: everything but the furniture.
    const text = collapse(articleText(parsed.blocks));
    const { metadata } = parsed;
    const missing = entry.with.filter((snippet) => !text.includes(collapse(snippet)));
    const leaked = entry.without.filter((snippet) => text.includes(collapse(snippet)));
    if (entry.file.startsWith('archive.org.he.xinhuanet')) {
      const shown = visibleText(parsed.blocks);
      xinhuaReadable = shown.includes('约定无期限') && !shown.includes('\ufffd');
    }
    rows.push({
      file: entry.file,
      title: collapse(metadata.title.value) === collapse(entry.title),
      byline: entry.author === '' ? null : collapse(metadata.author.value) === collapse(entry.author),
      date: entry.date === '' ? null : (metadata.publishedAt.value ?? '').slice(0, 10) === entry.date,
      language: primary(metadata.language.value) === entry.content_language_assigned_here,
      withFound: entry.with.length - missing.length,
      withTotal: entry.with.length,
      withoutFound: leaked.length,
      withoutTotal: entry.without.length,
      missing,
      leaked,
      detail: {
        title: metadata.title.value,
        byline: metadata.author.value,
        date: metadata.publishedAt.value,
        language: metadata.language.value,
      },
    });
  }
  const tp = rows.reduce((sum, row) => sum + row.withFound, 0);
  const fn = rows.reduce((sum, row) => sum + row.withTotal - row.withFound, 0);
  const fp = rows.reduce((sum, row) => sum + row.withoutFound, 0);
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return {
    title: rate(rows.map((row) => row.title)),
    byline: rate(rows.map((row) => row.byline)),
    date: rate(rows.map((row) => row.date)),
    language: rate(rows.map((row) => row.language)),
    snippets: {
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    },
    pagesClean: rate(rows.map((row) => row.missing.length === 0 && row.leaked.length === 0)),
    xinhuaReadable,
    rows,
  };
}
