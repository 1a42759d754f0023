import { articleIds, evalArticleBody, type ArticleBodyResult } from './articleBody.ts';
import { evalDocuments, type DocumentResult } from './documents.ts';
import { evalEncodings, type EncodingResult } from './encodings.ts';
import {
  evalMozillaPages,
  evalTrafilaturaPages,
  type MetadataResult,
  type SnippetResult,
} from './metadata.ts';
import { evalPlainText, type PlainTextResult } from './plainText.ts';

/** The targets of issue 7. A target is never lowered to make a run pass. */
export const TARGETS = {
  bodyF1: 0.96,
  titleRate: 0.95,
  languageRate: 0.98,
  metadataBodyF1: 0.95,
  encodingRate: 1,
  encodingLanguageRate: 0.95,
  sentenceLanguageRate: 0.95,
  plainTextAccuracy: 0.95,
} as const;

export type EvalOptions = {
  /** Every n-th page of the article-extraction benchmark (1 = all 181). */
  benchmarkEvery: number;
  /** Lines of each lingua sentence file scored per language (1000 = all). */
  sentenceLines: number;
};

export const FULL: EvalOptions = { benchmarkEvery: 1, sentenceLines: 1000 };
/** The CI subset: every 4th benchmark page and 300 sentences per language; the other corpora whole. */
export const FAST: EvalOptions = { benchmarkEvery: 4, sentenceLines: 300 };

export type EvalResult = {
  mode: 'full' | 'fast';
  seconds: Record<string, number>;
  articleBody: ArticleBodyResult;
  mozilla: MetadataResult;
  trafilatura: SnippetResult;
  encodings: EncodingResult;
  documents: DocumentResult;
  plainText: PlainTextResult;
};

async function timed<T>(
  seconds: Record<string, number>,
  name: string,
  run: () => Promise<T> | T,
): Promise<T> {
  const started = performance.now();
  const result = await run();
  seconds[name] = Math.round(performance.now() - started) / 1000;
  return result;
}

export async function runEval(options: EvalOptions): Promise<EvalResult> {
  const seconds: Record<string, number> = {};
  return {
    mode: options === FULL ? 'full' : 'fast',
    articleBody: await timed(seconds, 'articleBody', () =>
      evalArticleBody(articleIds(options.benchmarkEvery)),
    ),
    mozilla: await timed(seconds, 'mozilla', evalMozillaPages),
    trafilatura: await timed(seconds, 'trafilatura', evalTrafilaturaPages),
    encodings: await timed(seconds, 'encodings', () => evalEncodings(options.sentenceLines)),
    documents: await timed(seconds, 'documents', evalDocuments),
    plainText: await timed(seconds, 'plainText', evalPlainText),
    seconds,
  };
}

export type TargetCheck = { name: string; value: string; target: string; isMet: boolean };

const pct = (value: number): string => `${(value * 100).toFixed(1)} %`;
const num = (value: number): string => value.toFixed(3);

/** Every target of the issue, measured. */
export function checkTargets(result: EvalResult): TargetCheck[] {
  const { articleBody, mozilla, trafilatura, encodings, documents, plainText } = result;
  const metadataTitle = {
    passed: mozilla.title.passed + trafilatura.title.passed,
    total: mozilla.title.total + trafilatura.title.total,
  };
  const metadataLanguage = {
    passed: mozilla.language.passed + trafilatura.language.passed,
    total: mozilla.language.total + trafilatura.language.total,
  };
  const titleRate = metadataTitle.passed / metadataTitle.total;
  const languageRate = metadataLanguage.passed / metadataLanguage.total;
  const arUk = (encodings.confusions['ru→uk'] ?? 0) + (encodings.confusions['uk→ru'] ?? 0);
  const arFa = (encodings.confusions['ar→fa'] ?? 0) + (encodings.confusions['fa→ar'] ?? 0);
  const wrongPairs = encodings.rows.filter(
    (row) =>
      !row.isLanguageRight &&
      ((['ru', 'uk'].includes(row.expectedLanguage) && ['ru', 'uk'].includes(row.language ?? '')) ||
        (['ar', 'fa'].includes(row.expectedLanguage) && ['ar', 'fa'].includes(row.language ?? ''))),
  ).length;
  return [
    {
      name: '1 body F1 (scrapinghub)',
      value: num(articleBody.f1),
      target: `≥ ${TARGETS.bodyF1}`,
      isMet: articleBody.f1 >= TARGETS.bodyF1,
    },
    {
      name: '2 title exact (mozilla + trafilatura)',
      value: `${pct(titleRate)} (${metadataTitle.passed}/${metadataTitle.total})`,
      target: `≥ ${pct(TARGETS.titleRate)}`,
      isMet: titleRate >= TARGETS.titleRate,
    },
    {
      name: '2 language (mozilla + trafilatura)',
      value: `${pct(languageRate)} (${metadataLanguage.passed}/${metadataLanguage.total})`,
      target: `≥ ${pct(TARGETS.languageRate)}`,
      isMet: languageRate >= TARGETS.languageRate,
    },
    {
      name: '2 body F1 (mozilla)',
      value: num(mozilla.body.f1),
      target: `≥ ${TARGETS.metadataBodyF1}`,
      isMet: mozilla.body.f1 >= TARGETS.metadataBodyF1,
    },
    {
      name: '2 with/without snippets (trafilatura)',
      value: `${trafilatura.pagesClean.passed}/${trafilatura.pagesClean.total} pages clean`,
      target: 'all',
      isMet: trafilatura.pagesClean.rate === 1,
    },
    {
      name: '2 Xinhua GB2312-as-UTF-8 page readable',
      value: String(trafilatura.xinhuaReadable),
      target: 'true',
      isMet: trafilatura.xinhuaReadable,
    },
    {
      name: '3 encoding (files ≥ 200 bytes)',
      value: `${pct(encodings.encodingGated.rate)} (${encodings.encodingGated.passed}/${encodings.encodingGated.total})`,
      target: '100 %',
      isMet: encodings.encodingGated.rate >= TARGETS.encodingRate,
    },
    {
      name: '3 no U+FFFD',
      value: `${encodings.noReplacement.passed}/${encodings.noReplacement.total}`,
      target: 'all',
      isMet: encodings.noReplacement.rate === 1,
    },
    {
      name: '3 language (whole files)',
      value: `${pct(encodings.languageCorrected.rate)} (${encodings.languageCorrected.passed}/${encodings.languageCorrected.total}; as stated ${encodings.language.passed}/${encodings.language.total})`,
      target: `≥ ${pct(TARGETS.encodingLanguageRate)}`,
      isMet: encodings.languageCorrected.rate >= TARGETS.encodingLanguageRate,
    },
    {
      name: '3 language (lingua sentences, worst language)',
      value: pct(encodings.sentencesWorst),
      target: `≥ ${pct(TARGETS.sentenceLanguageRate)}`,
      isMet: encodings.sentencesWorst >= TARGETS.sentenceLanguageRate,
    },
    {
      name: '3 ru/uk and ar/fa not confused (files)',
      value: `${wrongPairs} files (sentences: ru↔uk ${arUk}, ar↔fa ${arFa})`,
      target: '0 files',
      isMet: wrongPairs === 0,
    },
    {
      name: '3 misleading-charset Arabic page readable',
      value: String(encodings.misleadingArabic),
      target: 'true',
      isMet: encodings.misleadingArabic,
    },
    {
      name: '4 DOCX/PDF open',
      value: `${documents.opened.passed}/${documents.opened.total}`,
      target: 'all',
      isMet: documents.opened.rate === 1,
    },
    {
      name: '4 DOCX/PDF manifest checks',
      value: `${documents.checks.passed}/${documents.checks.total}`,
      target: 'all',
      isMet: documents.checks.rate === 1,
    },
    {
      name: '4 Arabic in logical order',
      value: String(documents.arabicLogicalOrder),
      target: 'true',
      isMet: documents.arabicLogicalOrder,
    },
    {
      name: '5 plain-text block kinds',
      value: `${pct(plainText.accuracy.rate)} (${plainText.accuracy.passed}/${plainText.accuracy.total})`,
      target: `≥ ${pct(TARGETS.plainTextAccuracy)}`,
      isMet: plainText.accuracy.rate >= TARGETS.plainTextAccuracy,
    },
  ];
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

const rate = (value: { passed: number; total: number; rate: number }): string =>
  `${pct(value.rate)} (${value.passed}/${value.total})`;

/** The report printed by `npm run eval:import`. */
export function formatReport(result: EvalResult): string {
  const { articleBody, mozilla, trafilatura, encodings, documents, plainText } = result;
  const out: string[] = [];
  out.push(`eval:import (${result.mode}; parseFile = the import pipeline minus storage)\n`);
  out.push(`1. Article body: scrapinghub article-extraction-benchmark, ${articleBody.items} pages`);
  out.push(
    table(
      ['extractor', 'F1', 'precision', 'recall', 'accuracy'],
      [
        [
          'workbench (parseFile)',
          num(articleBody.f1),
          num(articleBody.precision),
          num(articleBody.recall),
          num(articleBody.accuracy),
        ],
        [
          'readability_js 0.6.0 (upstream output)',
          num(articleBody.readabilityJs.f1),
          num(articleBody.readabilityJs.precision),
          num(articleBody.readabilityJs.recall),
          num(articleBody.readabilityJs.accuracy),
        ],
      ],
    ),
  );
  if (articleBody.failures.length > 0)
    out.push(
      `failures: ${articleBody.failures.map((failure) => `${failure.id.slice(0, 8)} ${failure.error}`).join('; ')}`,
    );
  out.push(
    `worst: ${articleBody.worst
      .slice(0, 5)
      .map((item) => `${item.id.slice(0, 8)} ${num(item.f1)}`)
      .join(', ')}\n`,
  );

  out.push('2. Metadata');
  out.push(
    table(
      ['corpus', 'title', 'byline exact', 'byline contains', 'date', 'language', 'body F1'],
      [
        [
          'mozilla-readability (112)',
          rate(mozilla.title),
          rate(mozilla.byline),
          rate(mozilla.bylineContains),
          rate(mozilla.date),
          rate(mozilla.language),
          `${num(mozilla.body.f1)} (P ${num(mozilla.body.precision)} R ${num(mozilla.body.recall)}; ${mozilla.bodyPagesAbove90.passed}/${mozilla.bodyPagesAbove90.total} pages ≥ 0.9)`,
        ],
        [
          'trafilatura-multilingual (6)',
          rate(trafilatura.title),
          rate(trafilatura.byline),
          '',
          rate(trafilatura.date),
          rate(trafilatura.language),
          `snippets P ${num(trafilatura.snippets.precision)} R ${num(trafilatura.snippets.recall)} F1 ${num(trafilatura.snippets.f1)}`,
        ],
      ],
    ),
  );
  for (const row of trafilatura.rows) {
    if (row.missing.length + row.leaked.length > 0)
      out.push(`  ${row.file}: missing ${JSON.stringify(row.missing)} leaked ${JSON.stringify(row.leaked)}`);
  }
  out.push('');

  out.push('3. Encodings and languages: multilingual-encoding-samples');
  out.push(
    table(
      ['measure', 'result'],
      [
        ['encoding, files ≥ 200 bytes', rate(encodings.encodingGated)],
        ['encoding, all files', rate(encodings.encodingAll)],
        ['no U+FFFD', rate(encodings.noReplacement)],
        ['language, whole files (as expected.json states)', rate(encodings.language)],
        ['language, whole files (corrected, see below)', rate(encodings.languageCorrected)],
        ...Object.entries(encodings.sentences).map(([language, value]) => [
          `language, lingua sentences ${language}`,
          rate(value),
        ]),
      ],
    ),
  );
  const wrong = encodings.rows.filter(
    (row) => row.isEncodingRight === false || !row.isLanguageRight || row.hasReplacement,
  );
  for (const row of wrong) {
    out.push(
      `  ${row.path} (${row.bytes} B): encoding ${String(row.detected)} vs ${row.expected}${row.isEncodingRight === false ? ' ✗' : ''}, language ${String(row.language)} vs ${row.expectedLanguage}${row.isLanguageRight ? '' : ' ✗'}${row.error === undefined ? '' : ` error ${row.error}`}`,
    );
  }
  for (const [file, correction] of Object.entries(encodings.corrections))
    out.push(`  correction: ${file} is ${correction.language}: ${correction.reason}`);
  out.push('');

  out.push('4. DOCX and PDF: docx-pdf-samples');
  out.push(
    table(
      ['measure', 'result'],
      [
        ['files open', rate(documents.opened)],
        ['manifest checks', rate(documents.checks)],
        ['Arabic in logical order', String(documents.arabicLogicalOrder)],
      ],
    ),
  );
  for (const row of documents.rows) {
    const failed = row.checks.filter((check) => !check.isPassed);
    if (failed.length > 0)
      out.push(`  ${row.path}: ${failed.map((check) => `${check.name} (${check.detail})`).join('; ')}`);
  }
  out.push('');

  out.push('5. Plain-text structurer: tests/fixtures/plaintext');
  out.push(
    table(
      ['language', 'block kinds right'],
      [
        ...Object.entries(plainText.byLanguage).map(([language, value]) => [language, rate(value)]),
        ['all', rate(plainText.accuracy)],
      ],
    ),
  );
  for (const row of plainText.rows) {
    for (const mistake of row.mistakes)
      out.push(
        `  ${row.name} #${mistake.index}: ${mistake.expected} read as ${mistake.actual}: ${mistake.text}`,
      );
  }
  out.push('');

  out.push('Targets');
  out.push(
    table(
      ['target', 'measured', 'wanted', 'met'],
      checkTargets(result).map((check) => [
        check.name,
        check.value,
        check.target,
        check.isMet ? 'yes' : 'NO',
      ]),
    ),
  );
  out.push(
    `\ntime: ${Object.entries(result.seconds)
      .map(([name, value]) => `${name} ${value.toFixed(1)} s`)
      .join(', ')}`,
  );
  return out.join('\n');
}
