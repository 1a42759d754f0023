import {
  BOILERPLATE_KINDS,
  type Article,
  type Block,
  type MemoFile,
  type NotesFile,
  type Origin,
} from '../../../shared/article.ts';
import type { CitationAttrs } from '../../../shared/memo.ts';
import { buildFrontMatter, text, type FrontMatterValue } from './buildFrontMatter.ts';
import { createSlugger } from './createSlugger.ts';
import { describeLanguage } from './describeLanguage.ts';
import { codeSpan, markdownLines, markdownParagraphs, markdownSingleLine } from './escapeMarkdown.ts';
import { memoHeadings, memoToMarkdown } from './memoToMarkdown.ts';
import { resolveCitation } from './resolveCitation.ts';

/** The app's name, as reports and their front matter give it. */
export const APP_NAME = 'Article Workbench';

/** How memo citations are written: numbered footnotes, or the source in brackets right after the quote. */
export type CitationStyle = 'footnotes' | 'inline';

export type ReportOptions = {
  /** The article's own text, block by block, boilerplate left out. */
  includeOriginal: boolean;
  /** The analyst's translation and note of each block that has one. */
  includeNotes: boolean;
  citationStyle: CitationStyle;
};

export const DEFAULT_REPORT_OPTIONS: Readonly<ReportOptions> = {
  includeOriginal: true,
  includeNotes: true,
  citationStyle: 'footnotes',
};

/** One article of a report, with the analyst's work on it. */
export type ReportArticle = { article: Article; notes: NotesFile; memo: MemoFile };

export type ReportInput = {
  articles: readonly ReportArticle[];
  options: ReportOptions;
  exportedAt: Date;
  app: { name: string; version: string };
  /** The title of a report on several articles (a single article's report takes the article's title). */
  title?: string;
};

const ORIGIN_WORDS: Record<Origin, string> = {
  found: 'found in the file',
  inferred: 'inferred by the parser',
  analyst: 'set by the analyst',
};

/** What a reader calls an article: its title, else its file name. */
export function articleTitle(article: Article): string {
  const title = article.metadata.title.value?.trim();
  return title !== undefined && title !== '' ? title : article.originalFileName;
}

/** A language for the reader, escaped: "French (fr)". */
function languageText(code: string | null): string {
  return markdownSingleLine(describeLanguage(code));
}

/** `*text*` for one line of free text; emphasis cannot start or end on white space, so the text is trimmed. */
function emphasis(plain: string): string {
  const line = markdownSingleLine(plain);
  return line === '' ? '' : `*${line}*`;
}

/** A minute-precision UTC time for people; the front matter keeps the exact ISO time. */
function humanTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Writes the Markdown of a report: sections in order, every heading registered for its anchor. */
class ReportWriter {
  readonly parts: string[] = [];
  readonly slug = createSlugger();
  readonly footnotes: string[] = [];
  nextFootnote = 1;

  /** Adds a heading and returns its anchor. */
  heading(level: number, plain: string): string {
    const anchor = this.slug(plain.normalize('NFC').replace(/\s+/g, ' ').trim());
    this.parts.push(`${'#'.repeat(level)} ${markdownSingleLine(plain, { inHeading: true })}`);
    return anchor;
  }

  push(...blocks: string[]): void {
    for (const block of blocks) if (block !== '') this.parts.push(block);
  }
}

/** A footnote definition: the first paragraph after the label, the others indented under it. */
function footnoteDefinition(label: string, paragraphs: readonly string[]): string {
  const body = paragraphs.map((paragraph, index) => {
    const lines = paragraph
      .split('\n')
      .map((line, lineIndex) => (index === 0 && lineIndex === 0 ? line : line === '' ? '' : `    ${line}`));
    return lines.join('\n');
  });
  return `[^${label}]: ${body.join('\n\n')}`;
}

/** The analyst's translation of a block, as one line (for a footnote or an inline citation). */
function translationOf(notes: ReadonlyMap<string, NotesFile>, articleId: string, blockId: string): string {
  const translation = notes.get(articleId)?.notes[blockId]?.translation.trim() ?? '';
  return translation.replace(/\s+/g, ' ');
}

type CitationContext = {
  articlesById: ReadonlyMap<string, Article>;
  notesById: ReadonlyMap<string, NotesFile>;
  style: CitationStyle;
  writer: ReportWriter;
};

function fileLine(article: Article): string {
  return `file ${codeSpan(article.originalFileName)}, SHA-256 ${codeSpan(article.sha256)}`;
}

/** The Markdown a citation becomes: a footnote reference (its definition stored) or an inline source. */
function renderCitation(attrs: CitationAttrs, context: CitationContext): string {
  const resolved = resolveCitation(attrs, context.articlesById);
  const quote =
    attrs.quote.trim() !== '' || resolved.status !== 'found'
      ? attrs.quote
      : resolved.blocks.map((block) => block.text).join(' ');
  const quoted = `“${markdownSingleLine(quote)}”`;
  const position = attrs.blockPosition > 0 ? `¶ ${String(attrs.blockPosition)}` : 'an unknown paragraph';
  const inline = context.style === 'inline';
  let paragraphs: string[];
  switch (resolved.status) {
    case 'found': {
      const { article, blocks } = resolved;
      const { position, lastPosition } = resolved;
      const where = `¶ ${String(position)}${lastPosition > position ? `–${String(lastPosition)}` : ''}`;
      const translation = blocks
        .map((block) => translationOf(context.notesById, article.id, block.id))
        .filter((part) => part !== '')
        .join(' ');
      const language = [...new Set(blocks.map((block) => languageText(block.language)))].join(', ');
      paragraphs = [
        // Inline, the citation stands right after the quote: no need to repeat it.
        inline ? `${language}.` : `${quoted} — ${language}.`,
        ...(translation !== ''
          ? [`Analyst’s translation of ${where}: “${markdownSingleLine(translation)}”`]
          : []),
        `Source: ${emphasis(articleTitle(article))}, ${where}; ${fileLine(article)}.`,
      ];
      break;
    }
    case 'orphaned': {
      const { article, block } = resolved;
      const why =
        resolved.reason === 'block-gone'
          ? `its paragraph (${position}, block ${codeSpan(attrs.blockId)}) no longer exists`
          : `${position} (block ${codeSpan(attrs.blockId)}) no longer contains this text`;
      paragraphs = [
        `Orphaned citation: ${quoted}: ${why} in ${emphasis(articleTitle(article))}.`,
        ...(block !== null ? [`The paragraph now reads: “${markdownSingleLine(block.text)}”`] : []),
        `Source: ${fileLine(article)}.`,
      ];
      break;
    }
    case 'elsewhere':
      paragraphs = [
        `${quoted}, ${position} of article ${codeSpan(attrs.articleId)}, which is not part of this report.`,
      ];
      break;
  }
  if (inline) return ` (${paragraphs.join(' ')})`;
  const label = String(context.writer.nextFootnote);
  context.writer.nextFootnote += 1;
  context.writer.footnotes.push(footnoteDefinition(label, paragraphs));
  return `[^${label}]`;
}

/** A block of the original text, marked with its position so that citations lead back to it. */
function originalBlock(block: Block, position: number): string {
  const marker = `¶ ${String(position)}`;
  const body = markdownLines(block.text);
  if (body === '') return '';
  switch (block.kind) {
    case 'headline':
    case 'heading':
      return `${marker} · **${body}**`;
    case 'byline':
    case 'caption':
      return `${marker} · *${body}*${block.kind === 'caption' ? ' (caption)' : ''}`;
    case 'quote':
      return `> ${marker} · ${body.replace(/\n/g, '\n> ')}`;
    case 'source':
      return `${marker} · Source line: ${body}`;
    case 'listItem':
    case 'paragraph':
    case 'crumb':
    case 'related':
    case 'share':
      return `${marker} · ${body}`;
  }
}

/** The blocks of the original in order, boilerplate left out. */
function originalText(article: Article): string[] {
  return article.blocks
    .map((block, index) => (BOILERPLATE_KINDS.has(block.kind) ? '' : originalBlock(block, index + 1)))
    .filter((block) => block !== '');
}

function quoteBlock(plain: string): string {
  return `> ${markdownLines(plain).replace(/\n/g, '\n> ')}`;
}

function labelled(label: string, plain: string): string[] {
  const [first, ...rest] = markdownParagraphs(plain);
  if (first === undefined) return [];
  return [`**${label}:** ${first}`, ...rest];
}

function translationNotes(entry: ReportArticle, writer: ReportWriter, level: number): void {
  const { article, notes } = entry;
  const written = new Set<string>();
  const hasContent = (id: string): boolean => {
    const note = notes.notes[id];
    return note !== undefined && (note.translation.trim() !== '' || note.note.trim() !== '');
  };
  article.blocks.forEach((block, index) => {
    if (!hasContent(block.id)) return;
    const note = notes.notes[block.id];
    if (note === undefined) return;
    written.add(block.id);
    writer.heading(level, `¶ ${String(index + 1)} · ${block.kind} · ${describeLanguage(block.language)}`);
    writer.push(
      quoteBlock(block.text),
      ...labelled('Translation', note.translation),
      ...labelled('Note', note.note),
    );
  });
  // Notes whose block a newer parse no longer has are the analyst's work too: kept, marked.
  for (const [blockId, note] of Object.entries(notes.notes)) {
    if (written.has(blockId) || !hasContent(blockId)) continue;
    writer.heading(level, `Block ${blockId} (no longer in the article)`);
    writer.push(...labelled('Translation', note.translation), ...labelled('Note', note.note));
  }
}

function provenance(article: Article): string {
  const meta = article.metadata;
  const position = new Map(article.blocks.map((block, index) => [block.id, index + 1]));
  const field = (
    label: string,
    value: string | null,
    origin: Origin,
    describe = markdownSingleLine,
  ): string =>
    value === null || value.trim() === ''
      ? `- **${label}:** unknown`
      : `- **${label}:** ${describe(value)} — ${ORIGIN_WORDS[origin]}`;
  const encoding = article.encoding;
  const dates = article.eventDates.map((event) => {
    const where = position.get(event.blockId);
    return `${event.date} (“${markdownSingleLine(event.text)}”${where !== undefined ? `, ¶ ${String(where)}` : ''}) — ${ORIGIN_WORDS[event.origin]}`;
  });
  const lines = [
    field('Title', meta.title.value, meta.title.origin),
    field('Language', meta.language.value, meta.language.origin, languageText),
    field('Outlet', meta.outlet.value, meta.outlet.origin),
    field('Author', meta.author.value, meta.author.origin),
    field('Published', meta.publishedAt.value, meta.publishedAt.origin),
    field('Address', meta.url.value, meta.url.origin, codeSpan),
    `- **Dates in the text:** ${dates.length > 0 ? dates.join('; ') : 'none found'}`,
    encoding === null
      ? `- **Encoding:** none (a ${article.format.toUpperCase()} file carries its own)`
      : `- **Encoding:** ${codeSpan(encoding.name)}, detected with ${String(Math.round(encoding.confidence * 100))} % confidence; declared in the file: ${encoding.declared !== null ? codeSpan(encoding.declared) : 'none'}; byte-order mark: ${encoding.bom ? 'yes' : 'no'}`,
    `- **Text direction:** ${article.direction === 'rtl' ? 'right to left' : 'left to right'}`,
    `- **Original file:** ${codeSpan(article.originalFileName)} (${article.format}, ${article.byteLength.toLocaleString('en')} bytes)`,
    `- **SHA-256:** ${codeSpan(article.sha256)}`,
    `- **Imported:** ${article.importedAt} (parser version ${String(article.parserVersion)}), article ${codeSpan(article.id)}`,
  ];
  if (article.tags.length > 0)
    lines.push(`- **Tags:** ${article.tags.map((tag) => markdownSingleLine(tag)).join(', ')}`);
  if (article.duplicateOf !== null)
    lines.push(`- **Same text as:** article ${codeSpan(article.duplicateOf)}`);
  for (const warning of article.warnings) lines.push(`- **Warning:** ${markdownSingleLine(warning)}`);
  return lines.join('\n');
}

/** Outlet · date · language, under the title. */
function byline(article: Article): string {
  const meta = article.metadata;
  const parts = [meta.outlet.value, meta.author.value, meta.publishedAt.value]
    .filter((part): part is string => part !== null && part.trim() !== '')
    .map((part) => markdownSingleLine(part));
  parts.push(languageText(meta.language.value));
  return parts.join(' · ');
}

/** The sections of one article under its heading (of `level`): memo, notes, original text, provenance. */
function articleSection(
  entry: ReportArticle,
  level: number,
  writer: ReportWriter,
  input: ReportInput,
  citations: Omit<CitationContext, 'writer'>,
): void {
  const { article } = entry;
  const memo = memoToMarkdown(entry.memo.doc, {
    // The memo's own headings go under its "Memo" heading.
    headingOffset: level + 1,
    renderCitation: (attrs) => renderCitation(attrs, { ...citations, writer }),
  });
  if (memo.markdown !== '') {
    writer.heading(level + 1, 'Memo');
    // The memo's own headings take anchors too, in order, as a reader numbers them.
    for (const heading of memoHeadings(memo.normalized)) writer.slug(heading.trim());
    writer.push(memo.markdown, ...writer.footnotes.splice(0));
  }
  if (input.options.includeNotes) {
    const hasNotes = Object.values(entry.notes.notes).some(
      (note) => note.translation.trim() !== '' || note.note.trim() !== '',
    );
    if (hasNotes) {
      writer.heading(level + 1, 'Translation notes');
      translationNotes(entry, writer, level + 2);
    }
  }
  if (input.options.includeOriginal) {
    writer.heading(level + 1, 'Original text');
    writer.push(...originalText(article));
  }
  writer.heading(level + 1, 'Provenance');
  writer.push(provenance(article));
}

function articleFrontMatter(article: Article): Record<string, FrontMatterValue> {
  const meta = article.metadata;
  return {
    id: article.id,
    title: text(articleTitle(article)),
    outlet: text(meta.outlet.value),
    author: text(meta.author.value),
    language: meta.language.value,
    publishedAt: meta.publishedAt.value,
    url: text(meta.url.value),
    tags: article.tags.map(text),
    sha256: article.sha256,
    originalFileName: text(article.originalFileName),
    importedAt: article.importedAt,
  };
}

/** The title a report gets: the article's for one article, else the given one or a count. */
export function reportTitle(input: Pick<ReportInput, 'articles' | 'title'>): string {
  const [only] = input.articles;
  if (input.articles.length === 1 && only !== undefined) return articleTitle(only.article);
  return input.title ?? `Report on ${String(input.articles.length)} articles`;
}

/**
 * The Markdown report: YAML front matter, then per article its memo (citations as footnotes
 * or inline), translation notes, original text and provenance. A pure function of its input:
 * the same articles, options and export time give the same bytes.
 */
export function buildReport(input: ReportInput): string {
  const writer = new ReportWriter();
  const articlesById = new Map(input.articles.map(({ article }) => [article.id, article]));
  const notesById = new Map(input.articles.map(({ article, notes }) => [article.id, notes]));
  const citations = { articlesById, notesById, style: input.options.citationStyle };
  const app = { name: input.app.name, version: input.app.version };
  const exportedAt = input.exportedAt.toISOString();
  const title = reportTitle(input);
  const exported = `Exported ${humanTime(input.exportedAt)} with ${markdownSingleLine(`${app.name} ${app.version}`)}.`;
  const [only] = input.articles;

  if (input.articles.length === 1 && only !== undefined) {
    writer.push(
      buildFrontMatter({
        ...articleFrontMatter(only.article),
        exportedAt,
        app: { name: text(app.name), version: app.version },
      }),
    );
    writer.heading(1, title);
    writer.push(byline(only.article), `*${exported}*`);
    articleSection(only, 1, writer, input, citations);
    return `${writer.parts.join('\n\n')}\n`;
  }

  writer.push(
    buildFrontMatter({
      title: text(title),
      exportedAt,
      app: { name: text(app.name), version: app.version },
      articles: input.articles.map(({ article }) => articleFrontMatter(article)),
    }),
  );
  writer.heading(1, title);
  writer.push(`*${exported} ${String(input.articles.length)} articles.*`);
  if (input.articles.length === 0) return `${writer.parts.join('\n\n')}\n`;
  writer.heading(2, 'Contents');
  const contentsIndex = writer.parts.length;
  const anchors: string[] = [];
  for (const entry of input.articles) {
    anchors.push(writer.heading(2, articleTitle(entry.article)));
    writer.push(byline(entry.article));
    articleSection(entry, 2, writer, input, citations);
  }
  const contents = input.articles
    .map(
      ({ article }, index) =>
        `${String(index + 1)}. [${markdownSingleLine(articleTitle(article))}](#${anchors[index] ?? ''})`,
    )
    .join('\n');
  writer.parts.splice(contentsIndex, 0, contents);
  return `${writer.parts.join('\n\n')}\n`;
}
