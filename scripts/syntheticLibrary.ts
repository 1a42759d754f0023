/**
 * A synthetic library for the search benchmark: seed-like articles (crumb, headline, photo
 * caption with credit, body paragraphs, related link, share line, source line) in French,
 * English, Arabic, Russian, Chinese and Persian, with notes on some and a memo on fewer.
 *
 * The body text is drawn from real sentences (the Leipzig-corpus sentences in
 * ../shared/corpus/multilingual-encoding-samples/lingua-sentences, plus the seed article's
 * paragraphs among the French ones), so that words are spread as in real text: a few in
 * most articles, most in a few. (scripts/syntheticArticles.ts draws from about forty words
 * per language, so every word is in every article of its language, which no library is.)
 *
 * The folders are written directly, in exactly the library's format (article.json valid
 * against the schema, notes.json, memo.json, library.sqlite through LibraryIndex), because
 * parsing 100,000 files through the importer would take minutes and measure the importer.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  articleSchema,
  SCHEMA_VERSION,
  type Article,
  type Block,
  type BlockKind,
  type IndexEntry,
  type MemoFile,
  type NotesFile,
} from '../src/shared/article.ts';
import { PARSER_VERSION } from '../src/main/core/import/parseFile.ts';
import { LibraryIndex } from '../src/main/core/library/libraryIndex.ts';
import {
  ARTICLE_FILE,
  ARTICLES_DIR,
  MEMO_FILE,
  NOTES_FILE,
  indexEntryFor,
} from '../src/main/core/library/openLibrary.ts';
import { assignBlockIds } from '../src/main/core/text/blockId.ts';
import { SEED_FIXTURE, corpusPath } from '../tests/corpusPath.ts';
import { random } from './syntheticArticles.ts';

type Furniture = {
  code: string;
  direction: 'ltr' | 'rtl';
  crumb: string;
  credit: string;
  related: string;
  share: string;
  source: string;
  outlets: string[];
};

const LANGUAGES: Furniture[] = [
  {
    code: 'fr',
    direction: 'ltr',
    crumb: 'Monde',
    credit: '(Photo AFP)',
    related: 'A lire:',
    share: 'Partager Cet Article',
    source: 'SOURCE: FRENCH PRESS TV',
    outlets: ['Press TV', 'Le Monde', 'RFI'],
  },
  {
    code: 'en',
    direction: 'ltr',
    crumb: 'World',
    credit: '(Reuters photo)',
    related: 'Read more:',
    share: 'Share this article',
    source: 'SOURCE: PRESS TV',
    outlets: ['Press TV', 'Reuters', 'BBC'],
  },
  {
    code: 'ar',
    direction: 'rtl',
    crumb: 'سوريا',
    credit: '(صورة أرشيفية)',
    related: 'اقرأ أيضاً:',
    share: 'شارك هذا المقال',
    source: 'المصدر: الميادين',
    outlets: ['Al Mayadeen', 'Al Jazeera', 'SANA'],
  },
  {
    code: 'ru',
    direction: 'ltr',
    crumb: 'В мире',
    credit: '(Фото: ТАСС)',
    related: 'Читайте также:',
    share: 'Поделиться',
    source: 'Источник: ТАСС',
    outlets: ['TASS', 'RIA Novosti', 'Kommersant'],
  },
  {
    code: 'zh',
    direction: 'ltr',
    crumb: '国际',
    credit: '（新华社图片）',
    related: '相关阅读：',
    share: '分享',
    source: '来源：新华社',
    outlets: ['Xinhua', "People's Daily", 'CGTN'],
  },
  {
    code: 'fa',
    direction: 'rtl',
    crumb: 'جهان',
    credit: '(عکس: ایرنا)',
    related: 'بیشتر بخوانید:',
    share: 'اشتراک گذاری',
    source: 'منبع: ایرنا',
    outlets: ['IRNA', 'Tasnim', 'Fars'],
  },
];

const TAGS = ['syria', 'iraq', 'energy', 'diplomacy', 'elections', 'sanctions'];
const ANALYST_NOTES = [
  'Check against the Reuters wire of the same day.',
  'Casualty figures differ from the ministry statement.',
  'Same wording as the previous communiqué: likely a template.',
  'Vérifier la date : le texte parle de mardi.',
  'Source anonyme, à recouper.',
];
const TARGET_BYTES = 3_500;
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2015, 0, 1);
const DAYS = 11 * 365;

function pick<T>(items: readonly T[], next: () => number): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function readLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

let pools: Map<string, string[]> | null = null;
let seedParagraphs: string[] = [];

function sentencesOf(code: string): string[] {
  if (pools === null) {
    pools = new Map(
      LANGUAGES.map((language) => [
        language.code,
        readLines(corpusPath('multilingual-encoding-samples', 'lingua-sentences', `${language.code}.txt`)),
      ]),
    );
    seedParagraphs = readLines(SEED_FIXTURE).filter(
      (line) => line.length > 80 && !line.startsWith('US Rep.'),
    );
  }
  return pools.get(code) ?? [];
}

function shortened(sentence: string, code: string): string {
  if (code === 'zh') return sentence.slice(0, 24);
  return sentence.split(' ').slice(0, 12).join(' ');
}

/** Synthetic article number `index`: its original bytes, its article.json, and notes and memo if it has them. */
export function syntheticLibraryArticle(
  index: number,
  seed = 1,
): { article: Article; original: Uint8Array; notes: NotesFile | null; memo: MemoFile | null } {
  const next = random(seed * 1_000_003 + index);
  const language = LANGUAGES[index % LANGUAGES.length] ?? LANGUAGES[0];
  if (language === undefined) throw new Error('no languages');
  const sentences = sentencesOf(language.code);
  const joiner = language.code === 'zh' ? '' : ' ';
  const parts: { kind: BlockKind; text: string }[] = [
    { kind: 'crumb', text: language.crumb },
    { kind: 'headline', text: `${shortened(pick(sentences, next), language.code)} ${String(index)}` },
    { kind: 'caption', text: `${pick(sentences, next)} ${language.credit}` },
  ];
  const bodies: string[] = [];
  let bytes = 0;
  while (bytes < TARGET_BYTES - 400) {
    const count = 2 + Math.floor(next() * 2);
    const paragraph =
      language.code === 'fr' && next() < 0.05
        ? pick(seedParagraphs, next)
        : Array.from({ length: count }, () => pick(sentences, next)).join(joiner);
    bodies.push(paragraph);
    bytes += Buffer.byteLength(paragraph) + 2;
  }
  const relatedAt = Math.min(bodies.length, 4);
  for (const [position, body] of bodies.entries()) {
    if (position === relatedAt)
      parts.push({
        kind: 'related',
        text: `${language.related} ${shortened(pick(sentences, next), language.code)}`,
      });
    parts.push({ kind: 'paragraph', text: body });
  }
  parts.push({ kind: 'share', text: language.share }, { kind: 'source', text: language.source });

  const text = parts.map((part) => part.text).join('\n\n');
  const original = new TextEncoder().encode(`${text}\n`);
  const sha256 = createHash('sha256').update(original).digest('hex');
  const ids = assignBlockIds(parts.map((part) => part.text));
  const blocks: Block[] = parts.map((part, position) => ({
    id: ids[position] ?? `b${String(position)}`,
    kind: part.kind,
    text: part.text,
    language: language.code,
    direction: language.direction,
  }));
  const day = new Date(FIRST_DAY + Math.floor(next() * DAYS) * DAY_MS).toISOString().slice(0, 10);
  const tags = next() < 0.1 ? [pick(TAGS, next), ...(next() < 0.3 ? [pick(TAGS, next)] : [])] : [];
  const article: Article = {
    schemaVersion: SCHEMA_VERSION,
    id: sha256.slice(0, 12),
    format: 'txt',
    originalFileName: `${String(index).padStart(6, '0')}-${language.code}.txt`,
    originalPath: 'original.txt',
    byteLength: original.byteLength,
    sha256,
    textSha256: createHash('sha256').update(text).digest('hex'),
    importedAt: new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString(),
    parserVersion: PARSER_VERSION,
    encoding: { name: 'utf-8', confidence: 1, declared: null, bom: false },
    direction: language.direction,
    metadata: {
      title: { value: parts[1]?.text ?? null, origin: 'inferred' },
      outlet: { value: pick(language.outlets, next), origin: 'inferred' },
      author: { value: null, origin: 'found' },
      publishedAt: { value: day, origin: 'found' },
      url: { value: null, origin: 'found' },
      language: { value: language.code, origin: 'inferred' },
    },
    eventDates: [],
    duplicateOf: null,
    tags: [...new Set(tags)],
    warnings: [],
    blocks,
  };

  let notes: NotesFile | null = null;
  if (next() < 0.05) {
    const paragraphs = blocks.filter((block) => block.kind === 'paragraph');
    const noted: NotesFile['notes'] = {};
    for (let count = 1 + Math.floor(next() * 3); count > 0; count -= 1) {
      const block = pick(paragraphs, next);
      noted[block.id] = {
        translation: pick(sentencesOf('en'), next),
        note: next() < 0.5 ? pick(ANALYST_NOTES, next) : '',
        updatedAt: new Date(Date.UTC(2026, 1, 1) + index * 1000).toISOString(),
      };
    }
    notes = { schemaVersion: SCHEMA_VERSION, notes: noted };
  }
  let memo: MemoFile | null = null;
  if (next() < 0.02) {
    const paragraph = (): unknown => ({
      type: 'paragraph',
      content: [{ type: 'text', text: `${pick(sentencesOf('en'), next)} ${pick(sentencesOf('fr'), next)}` }],
    });
    memo = {
      schemaVersion: SCHEMA_VERSION,
      doc: { type: 'doc', content: [paragraph(), paragraph()] },
      updatedAt: new Date(Date.UTC(2026, 1, 2) + index * 1000).toISOString(),
    };
  }
  return { article, original, notes, memo };
}

/**
 * Writes `count` synthetic articles into a new library folder `dir`, with its index
 * (library.sqlite). Returns what it wrote.
 */
export async function writeSyntheticLibrary(
  dir: string,
  count: number,
  onProgress?: (done: number) => void,
): Promise<{ originalBytes: number; notes: number; memos: number }> {
  const articlesDir = path.join(dir, ARTICLES_DIR);
  mkdirSync(articlesDir, { recursive: true });
  const entries: IndexEntry[] = [];
  let originalBytes = 0;
  let notesCount = 0;
  let memos = 0;
  for (let index = 0; index < count; index += 1) {
    const { article, original, notes, memo } = syntheticLibraryArticle(index);
    const checked = articleSchema.parse(article);
    const folder = path.join(articlesDir, checked.id);
    mkdirSync(folder);
    writeFileSync(path.join(folder, checked.originalPath), original);
    writeFileSync(path.join(folder, ARTICLE_FILE), `${JSON.stringify(checked, null, 2)}\n`);
    if (notes) writeFileSync(path.join(folder, NOTES_FILE), `${JSON.stringify(notes, null, 2)}\n`);
    if (memo) writeFileSync(path.join(folder, MEMO_FILE), `${JSON.stringify(memo, null, 2)}\n`);
    originalBytes += original.byteLength;
    if (notes) notesCount += 1;
    if (memo) memos += 1;
    entries.push(indexEntryFor(checked, { hasNotes: notes !== null, hasMemo: memo !== null }));
    if ((index + 1) % 5_000 === 0) onProgress?.(index + 1);
  }
  const index = new LibraryIndex(dir);
  await index.replaceAll(entries);
  index.close();
  return { originalBytes, notes: notesCount, memos };
}
