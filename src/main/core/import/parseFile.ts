import { createHash } from 'node:crypto';
import {
  BOILERPLATE_KINDS,
  type Block,
  type Direction,
  type EncodingInfo,
  type EventDate,
  type Field,
  type Format,
  type Metadata,
} from '../../../shared/article.ts';
import { WorkbenchError } from '../../../shared/errors.ts';
import { assignBlockIds } from '../text/blockId.ts';
import { decodeText, sniffDeclaredCharset } from '../text/decodeText.ts';
import { detectDirection } from '../text/detectDirection.ts';
import { detectLanguage } from '../text/detectLanguage.ts';
import { collapseSpaces, normalizeText } from '../text/normalizeText.ts';
import { bylineAuthor, classifyBlocks, sourceLabelValue } from './classifyBlocks.ts';
import { checkTextSize, DEFAULT_LIMITS, type ExtractedDocument, type ExtractLimits } from './extracted.ts';
import { extractMarkdown } from './extractMarkdown.ts';
import { findEventDates } from './findEventDates.ts';
import { canonicalOutlet, outletFromUrl } from './findOutlet.ts';
import { normalizeDate } from './normalizeDate.ts';
import { splitPlainText } from './splitPlainText.ts';

/** Bumped whenever the parser's output for the same bytes changes. */
export const PARSER_VERSION = 2;

/** Everything the parser makes of one file's bytes; the library adds id, hashes and times. */
export type ParsedFile = {
  format: Format;
  encoding: EncodingInfo | null;
  direction: Direction;
  metadata: Metadata;
  eventDates: EventDate[];
  blocks: Block[];
  textSha256: string;
  warnings: string[];
};

export type ParseOptions = {
  limits?: ExtractLimits;
  /** The day undated mentions are resolved against when the article states no full date. */
  now?: Date;
};

/** Twenty letters (not punctuation, digits or spaces) are the least a language can be told from. */
const ENOUGH_LETTERS = /(?:\p{L}[^\p{L}]*){20}/u;
const BLOCK_SAMPLE = 320;

function primaryLanguage(tag: string | null): string | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/u)[0];
  return primary !== undefined && /^[a-z]{2,3}$/u.test(primary) ? primary : null;
}

function found<T>(value: T | null): Field<T> {
  return { value, origin: 'found' };
}

function inferred<T>(value: T | null): Field<T> {
  return { value, origin: 'inferred' };
}

async function extract(
  format: Format,
  bytes: Uint8Array,
  limits: ExtractLimits,
): Promise<{ document: ExtractedDocument; encoding: EncodingInfo | null }> {
  switch (format) {
    case 'txt': {
      const { text, encoding } = decodeText(bytes);
      const document: ExtractedDocument = {
        title: null,
        byline: null,
        siteName: null,
        publishedAt: null,
        declaredLanguage: null,
        url: null,
        blocks: splitPlainText(normalizeText(text)),
        warnings: [],
      };
      return { document, encoding };
    }
    case 'md': {
      const { text, encoding } = decodeText(bytes);
      return { document: extractMarkdown(normalizeText(text)), encoding };
    }
    case 'html': {
      const { text, encoding } = decodeText(bytes, { declaredCharset: sniffDeclaredCharset(bytes) });
      const { extractHtml } = await import('./extractHtml.ts');
      return { document: extractHtml(text, { limits }), encoding };
    }
    // The heavy extractors load on first use, so a thread that only reads text starts fast.
    case 'docx': {
      const { extractDocx } = await import('./extractDocx.ts');
      return { document: await extractDocx(bytes, limits), encoding: null };
    }
    case 'pdf': {
      const { extractPdf } = await import('./extractPdf.ts');
      return { document: await extractPdf(bytes, limits), encoding: null };
    }
  }
}

/**
 * Turns the bytes of one file into an article's structure: decode, extract, split into
 * blocks, classify them, detect the language and direction of the article and of each
 * block, and gather metadata with where each value came from.
 * Errors are WorkbenchErrors whose message says why, without the file name.
 */
export async function parseFile(
  bytes: Uint8Array,
  format: Format,
  options: ParseOptions = {},
): Promise<ParsedFile> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  checkTextSize(format, bytes.byteLength, limits);
  const { document, encoding } = await extract(format, bytes, limits);

  const extracted = document.blocks;
  // Extractors drop a heading that repeats the title (as Readability does); the reader and
  // the notes still want the headline as the article's first block.
  if (document.title !== null && !extracted.some((block) => block.kind === 'headline')) {
    const comparable = (text: string): string => collapseSpaces(text).toLowerCase();
    const title = comparable(document.title);
    const stated = extracted.slice(0, 5).find((block) => comparable(block.text) === title);
    if (stated) stated.kind = 'headline';
    else extracted.unshift({ text: document.title, kind: 'headline' });
  }
  const raw = extracted
    .map((block) => ({
      kind: block.kind,
      text: block.text.includes('\n')
        ? normalizeText(block.text).trim()
        : collapseSpaces(normalizeText(block.text)),
    }))
    .filter((block) => block.text !== '');
  if (raw.length === 0) throw new WorkbenchError('NO_TEXT', 'the file contains no text to import');

  const kinds = classifyBlocks(raw, { findHeadline: document.title === null });
  const ids = assignBlockIds(raw.map((block) => block.text));

  const articleText = raw
    .filter((_, index) => !BOILERPLATE_KINDS.has(kinds[index] ?? 'paragraph') && kinds[index] !== 'caption')
    .map((block) => block.text)
    .join('\n')
    .slice(0, 8_000);
  const declaredLanguage = primaryLanguage(document.declaredLanguage);
  const detected = detectLanguage(
    articleText === '' ? raw.map((block) => block.text).join('\n') : articleText,
  ).language;
  const language = detected !== 'und' ? detected : (declaredLanguage ?? 'und');
  const direction = detectDirection(articleText, language);

  const blocks: Block[] = raw.map((block, index) => {
    // A block's first few hundred characters tell its language as well as the whole of it.
    const sample = block.text.length > BLOCK_SAMPLE ? block.text.slice(0, BLOCK_SAMPLE) : block.text;
    const ownLanguage = ENOUGH_LETTERS.test(sample) ? detectLanguage(sample).language : 'und';
    const blockLanguage = ownLanguage === 'und' ? language : ownLanguage;
    return {
      id: ids[index] ?? '',
      kind: kinds[index] ?? 'paragraph',
      text: block.text,
      language: blockLanguage,
      direction: detectDirection(block.text, blockLanguage),
    };
  });

  const now = options.now ?? new Date();
  const statedPublished = normalizeDate(document.publishedAt);
  const reference =
    statedPublished !== null && !Number.isNaN(Date.parse(statedPublished)) ? new Date(statedPublished) : now;
  // A caption in another language than the article is usually a stock photo from another
  // story (the seed's English caption dates from 2019): its dates are not the article's events.
  const eventDates = findEventDates(
    blocks.filter(
      (block) =>
        !BOILERPLATE_KINDS.has(block.kind) && !(block.kind === 'caption' && block.language !== language),
    ),
    language,
    reference,
  );

  const headline = blocks.find((block) => block.kind === 'headline');
  const title: Field<string> =
    document.title !== null
      ? found(collapseSpaces(document.title))
      : headline
        ? format === 'md'
          ? found(headline.text)
          : inferred(headline.text)
        : inferred<string>(null);

  // Date lines and credits ("Editing by …") are bylines too, but name no author.
  const bylineName = blocks
    .filter((block) => block.kind === 'byline')
    .map((block) => bylineAuthor(block.text))
    .find((name): name is string => name !== null);
  const author: Field<string> =
    document.byline !== null ? found(collapseSpaces(document.byline)) : found(bylineName ?? null);

  const sourceValue = blocks
    .filter((block) => block.kind === 'source')
    .map((block) => sourceLabelValue(block.text))
    .find((value): value is string => value !== null);
  const urlOutlet = document.url !== null ? outletFromUrl(document.url) : null;
  const outlet: Field<string> =
    document.siteName !== null
      ? found(canonicalOutlet(document.siteName))
      : sourceValue !== undefined
        ? found(canonicalOutlet(sourceValue))
        : inferred(urlOutlet);

  const today = now.toISOString().slice(0, 10);
  const latestEvent = eventDates
    .map((event) => event.date)
    .filter((date) => date <= today)
    .sort()
    .at(-1);
  const publishedAt: Field<string> =
    statedPublished !== null ? found(statedPublished) : inferred(latestEvent ?? null);

  const metadata: Metadata = {
    title,
    outlet,
    author,
    publishedAt,
    url: found(document.url),
    language:
      declaredLanguage !== null && declaredLanguage === language ? found(language) : inferred(language),
  };

  const warnings = [...document.warnings];
  if (declaredLanguage !== null && declaredLanguage !== language && detected !== 'und') {
    warnings.push(
      `The file declares its language as "${document.declaredLanguage ?? ''}" but the text reads as "${language}".`,
    );
  }

  const textSha256 = createHash('sha256')
    .update(blocks.map((block) => block.text.normalize('NFC')).join('\n'))
    .digest('hex');

  return { format, encoding, direction, metadata, eventDates, blocks, textSha256, warnings };
}
