import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleSchema, type Article } from '../../../shared/article.ts';
import { corpusPath, SEED_FIXTURE } from '../../../../tests/corpusPath.ts';
import { importFiles } from '../import/importFiles.ts';
import { openLibrary } from '../library/openLibrary.ts';
import { buildReport, DEFAULT_REPORT_OPTIONS, type ReportArticle, type ReportInput } from './buildReport.ts';
import { createSlugger } from './createSlugger.ts';
import { readReportBack } from './readReportBack.ts';

const APP = { name: 'Article Workbench', version: '0.1.0' };
const IMPORTED_AT = new Date('2026-11-24T10:00:00.000Z');
const EXPORTED_AT = new Date('2026-11-24T12:00:00.000Z');
const GOLDEN = path.join(import.meta.dirname, '__golden__', 'seed-report.md.golden');

const CAPTION_QUOTE = 'US Rep. Ilhan Omar (D-MN) (L) talks with Speaker of the House Nancy Pelosi';
const PARAGRAPH_QUOTE = "Les bases de l'occupation américaine en Syrie ont été attaquées";
const TRANSLATION =
  'The bases of the US occupation in Syria have been attacked several times in recent days by rockets and drones of the Islamic Resistance in Iraq.';

/** The end of ¶ 6 and the start of ¶ 7, selected together in the reader. */
const SPANNING_QUOTE = [
  'avoir visé par deux drones la base américaine d’Al-Tanf située dans l’est de la Syrie à la frontière avec l’Irak.',
  'La base avait été ces derniers jours la cible de plusieurs attaques',
];

/**
 * A quote as the memo editor inserts it (features/memo/Citation.ts, insertQuote): a blockquote
 * with one paragraph per block the selection covers, the last ending in a space and the
 * citation of the first block, whose quote is the pieces joined with spaces.
 */
function quote(article: Article, position: number, pieces: string[]) {
  const block = article.blocks[position - 1]!;
  const at = block.text.indexOf(pieces[0]!);
  const citation = {
    type: 'citation',
    attrs: {
      articleId: article.id,
      blockId: block.id,
      blockPosition: position,
      quote: pieces.join(' '),
      prefix: block.text.slice(Math.max(0, at - 32), at),
      suffix: block.text.slice(at + pieces[0]!.length, at + pieces[0]!.length + 32),
    },
  };
  return {
    type: 'blockquote',
    content: pieces.map((text, index) => ({
      type: 'paragraph',
      content: [
        { type: 'text', text },
        ...(index === pieces.length - 1 ? [{ type: 'text', text: ' ' }, citation] : []),
      ],
    })),
  };
}

/** The memo an analyst would write on the seed: a heading, bold text, three quotes with citations. */
function seedMemo(article: Article) {
  return {
    type: 'doc' as const,
    content: [
      { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Attacks on US bases' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'The outlet reports ' },
          { type: 'text', text: 'two separate attacks', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' and illustrates them with an unrelated photo:' },
        ],
      },
      quote(article, 3, [CAPTION_QUOTE]),
      { type: 'paragraph', content: [{ type: 'text', text: 'The first paragraph states the claim:' }] },
      quote(article, 5, [PARAGRAPH_QUOTE]),
      { type: 'paragraph', content: [{ type: 'text', text: 'and the next ones name the target:' }] },
      quote(article, 6, SPANNING_QUOTE),
      { type: 'paragraph' },
    ],
  };
}

let root: string;
let seed: ReportArticle;
let arabic: ReportArticle;
let chinese: ReportArticle;

function input(articles: ReportArticle[], options: Partial<ReportInput['options']> = {}): ReportInput {
  return {
    articles,
    options: { ...DEFAULT_REPORT_OPTIONS, ...options },
    exportedAt: EXPORTED_AT,
    app: APP,
  };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'workbench-report-'));
  const inbox = path.join(root, 'inbox');
  await mkdir(inbox);
  await copyFile(SEED_FIXTURE, path.join(inbox, path.basename(SEED_FIXTURE)));
  await copyFile(
    corpusPath('multilingual-encoding-samples', 'uchardet', 'ar', 'windows-1256.txt'),
    path.join(inbox, 'arabic-1256.txt'),
  );
  await copyFile(
    corpusPath('multilingual-encoding-samples', 'uchardet', 'zh', 'gb18030.txt'),
    path.join(inbox, 'chinese-gb18030.txt'),
  );
  const { library } = await openLibrary(path.join(root, 'library'), { mode: 'write', create: true });
  try {
    const results = await importFiles(library, [inbox], { now: () => IMPORTED_AT });
    const idOf = (name: string) => results.find((result) => result.file.endsWith(name))!.id!;
    const seedId = idOf(path.basename(SEED_FIXTURE));
    const article = await library.readArticle(seedId);
    await library.saveNote(seedId, article.blocks[4]!.id, {
      translation: TRANSLATION,
      note: 'Press TV frames the US presence as an *occupation*; compare [Reuters].',
    });
    await library.saveNote(seedId, article.blocks[2]!.id, {
      translation: '',
      note: 'English caption on a French page: copied from AFP.',
    });
    await library.saveMemo(seedId, seedMemo(article));
    const read = async (id: string): Promise<ReportArticle> => ({
      article: await library.readArticle(id),
      notes: await library.readNotes(id),
      memo: await library.readMemo(id),
    });
    seed = await read(seedId);
    arabic = await read(idOf('arabic-1256.txt'));
    chinese = await read(idOf('chinese-gb18030.txt'));
  } finally {
    await library.close();
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the seed report', () => {
  it('matches the golden file (regenerate deliberately with UPDATE_GOLDEN=1)', async () => {
    const report = buildReport(input([seed]));
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(GOLDEN, report);
    expect(report).toBe(await readFile(GOLDEN, 'utf8'));
  });

  it('reads back with the expected front matter, headings, quotes and footnotes', () => {
    const report = readReportBack(buildReport(input([seed])));
    expect(report.frontMatter).toEqual({
      id: seed.article.id,
      title: "Syrie: attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US",
      outlet: 'Press TV',
      language: 'fr',
      publishedAt: '2023-11-01',
      tags: [],
      sha256: seed.article.sha256,
      originalFileName: 'press-tv-fr-al-omar-al-tanf.txt',
      importedAt: IMPORTED_AT.toISOString(),
      exportedAt: EXPORTED_AT.toISOString(),
      app: APP,
    });
    expect(report.headings).toEqual([
      { level: 1, text: "Syrie: attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US" },
      { level: 2, text: 'Memo' },
      { level: 3, text: 'Attacks on US bases' },
      { level: 2, text: 'Translation notes' },
      { level: 3, text: '¶ 3 · caption · English (en)' },
      { level: 3, text: '¶ 5 · paragraph · French (fr)' },
      { level: 2, text: 'Original text' },
      { level: 2, text: 'Provenance' },
    ]);
    expect(report.rawHtml).toEqual([]);
    // Every reference resolves to a definition and every definition is referenced.
    expect(report.footnoteRefs).toEqual(['1', '2', '3']);
    expect(report.footnoteDefs).toEqual(['1', '2', '3']);
    const footnotes = report.blocks.filter((block) => block.type === 'footnote').map((block) => block.text);
    expect(footnotes.join('\n')).toContain(`“${CAPTION_QUOTE}” — English (en)`);
    expect(footnotes.join('\n')).toContain(`“${PARAGRAPH_QUOTE}” — French (fr)`);
    expect(footnotes.join('\n')).toContain(`Analyst’s translation of ¶ 5: “${TRANSLATION}”`);
    expect(footnotes.filter((text) => text.includes(`SHA-256 ${seed.article.sha256}`))).toHaveLength(3);
    expect(footnotes.join('\n')).toContain('¶ 3; file press-tv-fr-al-omar-al-tanf.txt');
    // A quote that runs over two paragraphs cites both.
    expect(report.footnotes[2]!.text).toContain(`“${SPANNING_QUOTE.join(' ')}” — French (fr).`);
    expect(report.footnotes[2]!.text).toContain('¶ 6–7; file press-tv-fr-al-omar-al-tanf.txt');
    // The quotes, the translation notes' originals: blockquotes with the exact text.
    const quoted = report.blocks.filter((block) => block.type === 'blockquote-paragraph').map((b) => b.text);
    expect(quoted).toEqual([
      CAPTION_QUOTE,
      PARAGRAPH_QUOTE,
      ...SPANNING_QUOTE,
      seed.article.blocks[2]!.text,
      seed.article.blocks[4]!.text,
    ]);
    const paragraphs = report.blocks.map((block) => block.text);
    expect(paragraphs).toContain(`Translation: ${TRANSLATION}`);
    expect(paragraphs).toContain(
      'Note: Press TV frames the US presence as an *occupation*; compare [Reuters].',
    );
  });

  it('leads every quoted sentence back to its paragraph in the original text', () => {
    const report = readReportBack(buildReport(input([seed])));
    for (const [position, quote] of [
      [3, CAPTION_QUOTE],
      [5, PARAGRAPH_QUOTE],
    ] as const) {
      const original = report.blocks.find(
        (block) => block.type === 'paragraph' && block.text.startsWith(`¶ ${String(position)} · `),
      );
      expect(original?.text).toContain(quote);
    }
  });

  it('leaves out boilerplate but keeps the source line, in block order', () => {
    const report = readReportBack(buildReport(input([seed])));
    const original = report.blocks.filter(
      (block) => block.type === 'paragraph' && /^¶ \d+ · /.test(block.text),
    );
    const positions = original.map((block) => Number(/^¶ (\d+)/.exec(block.text)![1]));
    const expected = seed.article.blocks
      .map((block, index) => ({ block, position: index + 1 }))
      .filter(({ block }) => !['crumb', 'related', 'share'].includes(block.kind))
      .map(({ position }) => position);
    expect(positions).toEqual(expected);
    expect(original.at(-1)!.text).toBe('¶ 21 · Source line: SOURCE: FRENCH PRESS TV');
    expect(report.blocks.some((block) => block.text.includes('Partager Cet Article'))).toBe(false);
  });

  it('tells where each provenance value came from', () => {
    const report = readReportBack(buildReport(input([seed])));
    const items = report.blocks.filter((block) => block.type === 'list-item').map((block) => block.text);
    expect(items).toContain('Outlet: Press TV — found in the file');
    expect(items).toContain('Published: 2023-11-01 — inferred by the parser');
    expect(items).toContain('Language: French (fr) — inferred by the parser');
    expect(items).toContain(
      'Encoding: utf-8, detected with 100 % confidence; declared in the file: none; byte-order mark: no',
    );
    expect(items.find((item) => item.startsWith('Dates in the text:'))).toContain(
      '2023-10-31 (“mardi 31 octobre 2023”, ¶ 4) — found in the file',
    );
  });

  it('honours the options: inline citations, no original, no notes', () => {
    const inline = readReportBack(buildReport(input([seed], { citationStyle: 'inline' })));
    expect(inline.footnoteRefs).toEqual([]);
    const quotes = inline.blocks.filter((block) => block.type === 'blockquote-paragraph').map((b) => b.text);
    expect(quotes[1]).toBe(
      `${PARAGRAPH_QUOTE} (French (fr). Analyst’s translation of ¶ 5: “${TRANSLATION}” Source: Syrie: attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US, ¶ 5; file press-tv-fr-al-omar-al-tanf.txt, SHA-256 ${seed.article.sha256}.)`,
    );
    const bare = readReportBack(buildReport(input([seed], { includeOriginal: false, includeNotes: false })));
    expect(bare.headings.map((heading) => heading.text)).toEqual([
      "Syrie: attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US",
      'Memo',
      'Attacks on US bases',
      'Provenance',
    ]);
    expect(bare.footnoteDefs).toEqual(['1', '2', '3']);
  });

  it('exports a citation whose block changed or vanished as orphaned, never drops it', () => {
    const blocks = seed.article.blocks.map((block, index) =>
      index === 4 ? { ...block, text: 'Un autre texte après une nouvelle analyse.' } : block,
    );
    const changed = {
      ...seed,
      article: { ...seed.article, blocks: blocks.filter((_, index) => index !== 2) },
    };
    const report = readReportBack(buildReport(input([changed])));
    expect(report.footnoteDefs).toEqual(['1', '2', '3']);
    expect(report.footnotes[2]!.text).not.toContain('Orphaned');
    const [first, second] = report.footnotes.map((footnote) => footnote.text);
    expect(first).toContain(`Orphaned citation: “${CAPTION_QUOTE}”: its paragraph (¶ 3, block`);
    expect(first).toContain('no longer exists');
    expect(second).toContain(`Orphaned citation: “${PARAGRAPH_QUOTE}”: ¶ 5 (block`);
    expect(second).toContain('no longer contains this text');
    expect(second).toContain('The paragraph now reads: “Un autre texte après une nouvelle analyse.”');
    // The note on the vanished block stays in the report, marked.
    const caption = seed.article.blocks[2]!;
    expect(report.headings.map((heading) => heading.text)).toContain(
      `Block ${caption.id} (no longer in the article)`,
    );
    expect(report.blocks.map((block) => block.text)).toContain(
      'Note: English caption on a French page: copied from AFP.',
    );
  });

  it('cites an article outside the report with what the citation remembers', () => {
    // The first citation now points at an article that is not exported.
    const doc = JSON.parse(
      JSON.stringify(seedMemo(seed.article)).replace(
        `"articleId":"${seed.article.id}"`,
        '"articleId":"elsewhere0001"',
      ),
    ) as ReturnType<typeof seedMemo>;
    const report = readReportBack(buildReport(input([{ ...seed, memo: { ...seed.memo, doc } }])));
    expect(report.footnotes[0]!.text).toBe(
      `“${CAPTION_QUOTE}”, ¶ 3 of article elsewhere0001, which is not part of this report.`,
    );
  });
});

describe('a report on several articles', () => {
  it('has a title, working anchors, one section per article and unique footnotes', () => {
    const other = { ...seed.memo, doc: seedMemo(seed.article) };
    const markdown = buildReport({
      ...input([seed, arabic, chinese, { ...seed, memo: other }]),
      title: 'Syria: three outlets',
    });
    const report = readReportBack(markdown);
    expect(report.frontMatter.title).toBe('Syria: three outlets');
    const listed = report.frontMatter.articles as { id: string; sha256: string; title: string }[];
    expect(listed.map((entry) => entry.id)).toEqual([seed, arabic, chinese, seed].map((a) => a.article.id));
    expect(listed[1]!.sha256).toBe(arabic.article.sha256);
    expect(report.headings.filter((heading) => heading.level === 2).map((heading) => heading.text)).toEqual([
      'Contents',
      ...[seed, arabic, chinese, seed].map(
        (entry) => entry.article.metadata.title.value ?? entry.article.originalFileName,
      ),
    ]);
    // Anchors: the slug of every heading, in order, as GitHub computes them.
    const slug = createSlugger();
    const ids = report.headings.map((heading) => slug(heading.text));
    expect(new Set(ids).size).toBe(ids.length);
    const contents = report.links.filter((href) => href.startsWith('#'));
    expect(contents).toHaveLength(4);
    for (const href of contents) expect(ids).toContain(href.slice(1));
    expect(contents[3]).not.toBe(contents[0]);
    // Footnotes numbered across the whole report.
    const labels = ['1', '2', '3', '4', '5', '6'];
    expect(report.footnoteRefs).toEqual(labels);
    expect(report.footnoteDefs).toEqual(labels);
    expect(report.rawHtml).toEqual([]);
    // Right-to-left and CJK text arrive byte for byte.
    expect(markdown).toContain(arabic.article.blocks[0]!.text.split('\n')[0]);
    expect(markdown).toContain(chinese.article.blocks.at(-1)!.text.split('\n')[0]);
  });
});

/** A valid article whose blocks hold the given texts. */
function syntheticArticle(
  texts: { text: string; language?: string; kind?: Article['blocks'][number]['kind'] }[],
) {
  return articleSchema.parse({
    ...seed.article,
    id: 'adversarial01',
    originalFileName: 'evil <script>.txt',
    metadata: {
      ...seed.article.metadata,
      title: { value: '# *Evil* <script>alert(1)</script> | $5 @everyone `x` [y]', origin: 'analyst' },
      outlet: { value: 'Outlet_with_underscores & <b>tags</b>', origin: 'found' },
    },
    eventDates: [],
    blocks: texts.map((entry, index) => ({
      id: `adv${String(index)}`,
      kind: entry.kind ?? 'paragraph',
      text: entry.text,
      language: entry.language ?? 'en',
      direction: entry.language === 'ar' || entry.language === 'he' ? 'rtl' : 'ltr',
    })),
  });
}

const ADVERSARIAL = [
  '*not emphasis* and _not either_ and **nor this** ~~or this~~',
  '# not a heading',
  '1. not a list',
  '2) nor this',
  '> not a quote',
  '- not a bullet',
  '+ nor this',
  '---',
  '===',
  '    not code, just indented',
  '```js\nnot a fence\n```',
  '<script>alert("live")</script> <img src=x onerror=alert(1)> <!-- comment -->',
  '[not a link](javascript:alert(1)) ![not an image](x.png) [^1] [ref]: http://x',
  'a | b | c\n--|--|--\n1 | 2 | 3',
  'Backslash \\ at the end \\',
  'Entities &amp; &copy; &#65; stay literal',
  'Money: $5 and 6$, x^2^, H~2~O, @pandoc_citation, user@example.com',
  'A. Smith\n(1) first\n(a) second\niv) third',
  ': definition\n| line block',
  'Trailing hashes #',
  'Ünïcödé NFC: é vs é',
  'مرحبا بالعالم — «النص العربي» 123 مع English في الوسط',
  'עברית עם ניקוד: שָׁלוֹם',
  '漢字かな交じり文、中文简体和繁體，한국어 텍스트',
  'Emoji: 👩‍👩‍👧‍👦 🇫🇷 🏳️‍🌈 ✊🏿',
  `Long: ${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(180)}`.slice(0, 10_000),
];

describe('adversarial text', () => {
  it('reads back as the same text everywhere, and never as HTML or markup', () => {
    const article = syntheticArticle(
      ADVERSARIAL.map((text, index) => ({
        text,
        language: index === 21 ? 'ar' : index === 22 ? 'he' : 'en',
      })),
    );
    const notes = {
      schemaVersion: 1 as const,
      notes: Object.fromEntries(
        article.blocks.map((block, index) => [
          block.id,
          { translation: ADVERSARIAL[(index + 1) % ADVERSARIAL.length]!, note: block.text, updatedAt: '' },
        ]),
      ),
    };
    const memo = {
      schemaVersion: 1 as const,
      updatedAt: null,
      doc: {
        type: 'doc' as const,
        content: article.blocks.flatMap((block) => [
          { type: 'paragraph', content: [{ type: 'text', text: block.text }] },
          {
            type: 'blockquote',
            content: [
              {
                type: 'paragraph',
                content: [
                  { type: 'text', text: block.text },
                  {
                    type: 'citation',
                    attrs: {
                      articleId: article.id,
                      blockId: block.id,
                      blockPosition: 1,
                      quote: block.text,
                      prefix: '',
                      suffix: '',
                    },
                  },
                ],
              },
            ],
          },
        ]),
      },
    };
    const markdown = buildReport(input([{ article, notes, memo }]));
    const report = readReportBack(markdown);
    expect(report.rawHtml).toEqual([]);
    expect(report.links).toEqual([]);
    expect(report.headings[0]!.text).toBe('# *Evil* <script>alert(1)</script> | $5 @everyone `x` [y]');
    expect(report.frontMatter.title).toBe(
      '\\# \\*Evil\\* \\<script>alert(1)\\</script> \\| \\$5 \\@everyone \\`x\\` \\[y\\]',
    );
    expect(report.frontMatter.outlet).toBe('Outlet\\_with\\_underscores \\& \\<b>tags\\</b>');
    const footnotes = report.blocks.filter((block) => block.type === 'footnote').map((block) => block.text);
    expect(report.footnoteDefs).toHaveLength(ADVERSARIAL.length);
    const texts = report.blocks.map((block) => block.text);
    // Reader-visible text: runs of white space in a rendered paragraph are one space, leading
    // white space on a line is not shown, line breaks stay line breaks.
    const visible = (text: string) =>
      text
        .normalize('NFC')
        .split('\n')
        .map((line) => line.replace(/[ \t]+/g, ' ').trim())
        .join('\n');
    for (const [index, text] of ADVERSARIAL.entries()) {
      const expected = visible(text);
      // The memo: a paragraph of its own and the quote.
      expect(texts, `memo paragraph ${String(index)}`).toContain(expected);
      // The original text, marked with its position.
      expect(texts, `original ${String(index)}`).toContain(`¶ ${String(index + 1)} · ${expected}`);
      // The translation notes: the original as a quote, the note.
      expect(texts.filter((t) => t === expected).length, `quote ${String(index)}`).toBeGreaterThanOrEqual(3);
      expect(texts, `note ${String(index)}`).toContain(`Note: ${expected}`);
      // The footnote quotes it on one line.
      expect(
        footnotes.some((footnote) => footnote.startsWith(`“${visible(text).replace(/\s+/g, ' ')}” — `)),
      ).toBe(true);
    }
    // Byte for byte in the Markdown for text with no Markdown character in it.
    for (const text of ADVERSARIAL.slice(20, 25)) expect(markdown).toContain(text.normalize('NFC'));
  });
});

const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;
if (!hasPandoc)
  console.warn('pandoc is not installed: the pandoc tests are skipped (apt-get install pandoc).');

function pandoc(
  args: string[],
  stdin: string | Buffer,
): { stdout: Buffer; stderr: string; status: number | null } {
  const result = spawnSync('pandoc', ['--fail-if-warnings', ...args], {
    input: stdin,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout: result.stdout, stderr: result.stderr.toString(), status: result.status };
}

describe.skipIf(!hasPandoc)('pandoc', () => {
  it('converts a report to HTML and DOCX with no warning, footnotes intact', () => {
    const markdown = buildReport({ ...input([seed, arabic, chinese]), title: 'Three outlets' });
    for (const from of ['markdown', 'commonmark_x', 'gfm']) {
      const html = pandoc(['-f', from, '-t', 'html', '--standalone', '--wrap=none'], markdown);
      expect(html.stderr, from).toBe('');
      expect(html.status, from).toBe(0);
      const page = html.stdout.toString();
      expect(page, from).not.toMatch(/<script/i);
      expect(page, from).toContain(TRANSLATION);
      expect(page.match(/<li id="fn\d+"/g), from).toHaveLength(3);
    }
    const docx = pandoc(['-f', 'markdown', '-t', 'docx', '-o', '-'], markdown);
    expect(docx.stderr).toBe('');
    expect(docx.status).toBe(0);
    const back = pandoc(['-f', 'docx', '-t', 'markdown', '--wrap=none'], docx.stdout);
    expect(back.status).toBe(0);
    const notes = back.stdout.toString().match(/^\[\^\d+\]:/gm);
    expect(notes).toHaveLength(3);
    expect(back.stdout.toString().replace(/\s+/g, ' ')).toContain(seed.article.sha256);
  });

  it('computes the same anchors as the table of contents links (GitHub identifiers)', () => {
    const markdown = buildReport({ ...input([seed, seed, arabic]), title: 'Duplicates' });
    const html = pandoc(['-f', 'gfm+footnotes+yaml_metadata_block', '-t', 'html', '--wrap=none'], markdown);
    expect(html.stderr).toBe('');
    const page = html.stdout.toString();
    const ids = new Set([...page.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]));
    const links = [...page.matchAll(/<a href="#([^"]+)"/g)]
      .map((match) => match[1]!)
      .filter((id) => !id.startsWith('fn'));
    expect(links).toHaveLength(3);
    for (const link of links) expect(ids).toContain(link);
  });

  it('keeps an article title holding HTML inert in pandoc’s title block', () => {
    const evil = syntheticArticle([{ text: 'x' }]);
    const notes = { schemaVersion: 1 as const, notes: {} };
    const memo = { schemaVersion: 1 as const, doc: null, updatedAt: null };
    const html = pandoc(
      ['-f', 'markdown', '-t', 'html', '--standalone'],
      buildReport(input([{ article: evil, notes, memo }])),
    );
    expect(html.stderr).toBe('');
    expect(html.stdout.toString()).not.toMatch(/<script|<b>/i);
  });
});
