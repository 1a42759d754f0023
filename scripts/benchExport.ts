/**
 * npm run bench:export [-- N]: builds one Markdown report on N synthetic seed-like articles
 * (default 1,000), each with a memo (heading, bold, a list, two quotes with citations) and
 * three translation notes, and prints the time. Target on a 2-core machine: ≤ 2 s for 1,000.
 */
import { createHash } from 'node:crypto';
import {
  SCHEMA_VERSION,
  type Article,
  type Block,
  type MemoFile,
  type NotesFile,
} from '../src/shared/article.ts';
import {
  buildReport,
  DEFAULT_REPORT_OPTIONS,
  type ReportArticle,
} from '../src/main/core/report/buildReport.ts';
import { readReportBack } from '../src/main/core/report/readReportBack.ts';
import { syntheticArticle } from './syntheticArticles.ts';

const count = Number(process.argv[2] ?? 1_000);

function kindOf(text: string, index: number, all: string[]): Block['kind'] {
  if (index === 0) return 'crumb';
  if (index === 1) return 'headline';
  if (index === all.length - 1) return 'source';
  if (/\((Photo|Reuters|AFP|Фото|图)/.test(text)) return 'caption';
  if (text.length < 40) return 'share';
  return 'paragraph';
}

function article(index: number): ReportArticle {
  const { language, text } = syntheticArticle(index);
  const sha256 = createHash('sha256').update(text).digest('hex');
  const texts = text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const blocks: Block[] = texts.map((part, position) => ({
    id: `b${sha256.slice(0, 8)}${String(position)}`,
    kind: kindOf(part, position, texts),
    text: part,
    language,
    direction: language === 'ar' ? 'rtl' : 'ltr',
  }));
  const id = sha256.slice(0, 12);
  const body = blocks.filter((block) => block.kind === 'paragraph');
  const cited = body.length >= 2 ? body.slice(0, 2) : blocks.slice(0, 2);
  const meta = <T>(value: T | null, origin: 'found' | 'inferred' = 'inferred') => ({ value, origin });
  const full: Article = {
    schemaVersion: SCHEMA_VERSION,
    id,
    format: 'txt',
    originalFileName: `${String(index).padStart(6, '0')}-${language}.txt`,
    originalPath: 'original.txt',
    byteLength: Buffer.byteLength(text),
    sha256,
    textSha256: sha256,
    importedAt: '2026-11-24T10:00:00.000Z',
    parserVersion: 1,
    encoding: { name: 'utf-8', confidence: 1, declared: null, bom: false },
    direction: language === 'ar' ? 'rtl' : 'ltr',
    metadata: {
      title: meta(blocks[1]?.text ?? null),
      outlet: meta('Synthetic Press', 'found'),
      author: meta(null),
      publishedAt: meta(`2023-${String((index % 12) + 1).padStart(2, '0')}-15`),
      url: meta(null),
      language: meta(language),
    },
    eventDates: [],
    duplicateOf: null,
    tags: ['bench'],
    warnings: [],
    blocks,
  };
  const quote = (block: Block) => block.text.split(' ').slice(0, 12).join(' ');
  const citation = (block: Block) => ({
    type: 'citation',
    attrs: {
      articleId: id,
      blockId: block.id,
      blockPosition: blocks.indexOf(block) + 1,
      quote: quote(block),
      prefix: '',
      suffix: '',
    },
  });
  const memo: MemoFile = {
    schemaVersion: SCHEMA_VERSION,
    updatedAt: null,
    doc: {
      type: 'doc',
      content: [
        {
          type: 'heading',
          attrs: { level: 2 },
          content: [{ type: 'text', text: `Assessment ${String(index)}` }],
        },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'The outlet claims ' },
            { type: 'text', text: 'two attacks', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' within a week; see the *quotes* below.' },
          ],
        },
        ...cited.map((block) => ({
          type: 'blockquote',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: quote(block) }, citation(block)] }],
        })),
        {
          type: 'bulletList',
          content: ['framing', 'sourcing', 'timing'].map((word) => ({
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: `Check the ${word}.` }] }],
          })),
        },
      ],
    },
  };
  const notes: NotesFile = {
    schemaVersion: SCHEMA_VERSION,
    notes: Object.fromEntries(
      body.slice(0, 3).map((block) => [
        block.id,
        {
          translation: `Translation of: ${block.text.slice(0, 200)}`,
          note: 'Compare with wire copy.',
          updatedAt: '',
        },
      ]),
    ),
  };
  return { article: full, notes, memo };
}

const articles = Array.from({ length: count }, (_, index) => article(index));
const input = {
  articles,
  options: DEFAULT_REPORT_OPTIONS,
  exportedAt: new Date('2026-11-24T12:00:00.000Z'),
  app: { name: 'Article Workbench', version: 'bench' },
  title: `Benchmark: ${String(count)} articles`,
};

const times: number[] = [];
let report = '';
for (let run = 0; run < 4; run += 1) {
  const started = performance.now();
  report = buildReport(input);
  times.push((performance.now() - started) / 1000);
}
const [cold = 0, ...warm] = times;
const median = [...warm].sort((a, b) => a - b)[Math.floor(warm.length / 2)] ?? cold;
const read = readReportBack(report);

console.log(
  `bench:export  ${String(count)} articles with memos (2 citations each) and 3 translation notes each`,
);
console.log(
  `  report           ${(Buffer.byteLength(report) / 1048576).toFixed(1)} MB, ${String(read.headings.length)} headings, ${String(read.footnoteDefs.length)} footnotes`,
);
console.log(`  first run        ${cold.toFixed(2)} s   (target ≤ 2 s)`);
console.log(`  median of next 3 ${median.toFixed(2)} s`);
console.log(`  peak RSS         ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
if (read.footnoteRefs.length !== 2 * count || read.rawHtml.length > 0)
  console.log('  WARNING: the report does not read back as expected');
