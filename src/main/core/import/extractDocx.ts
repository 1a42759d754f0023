import { parseHTML } from 'linkedom';
import mammoth from 'mammoth';
import { WorkbenchError } from '../../../shared/errors.ts';
import type { BlockKind } from '../../../shared/article.ts';
import { checkZip } from './checkZip.ts';
import { cleanStatedText } from './cleanStatedText.ts';
import { collectBlocks } from './collectBlocks.ts';
import type { DomDocument, DomElement, ElementRule } from './collectBlocks.ts';
import type { ExtractedDocument, ExtractLimits } from './extracted.ts';
import { normalizeDate } from './normalizeDate.ts';
import { normalizeLanguageTag } from './normalizeLanguageTag.ts';

const CORE_PROPERTIES = 'docProps/core.xml';
const PACKAGE_RELATIONSHIPS = '_rels/.rels';

/**
 * Word's built-in paragraph styles that carry meaning for an article, mapped to classes
 * the block walker recognises. Word stores the English style names whatever the UI
 * language; "caption" is how some templates spell Caption.
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h1.docx-title:fresh",
  "p[style-name='Subtitle'] => p.docx-subtitle:fresh",
  "p[style-name='Author'] => p.docx-author:fresh",
  "p[style-name='Date'] => p.docx-date:fresh",
  "p[style-name='Abstract'] => p.docx-abstract:fresh",
  "p[style-name='Caption'] => p.docx-caption:fresh",
  "p[style-name='caption'] => p.docx-caption:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
];

const CLASS_KINDS: ReadonlyMap<string, BlockKind | null> = new Map([
  ['docx-title', 'headline'],
  ['docx-subtitle', 'heading'],
  ['docx-author', 'byline'],
  ['docx-date', 'byline'],
  ['docx-abstract', null],
  ['docx-caption', 'caption'],
]);

/**
 * Extracts a Word document as text blocks and metadata. The ZIP container is checked
 * before mammoth sees it; images are never decoded. The title comes from core.xml, else
 * from a Title-styled paragraph; the byline from visible Author paragraphs, else from
 * core.xml's creator. A Title paragraph equal to the title is not repeated as a block.
 */
export async function extractDocx(bytes: Uint8Array, limits: ExtractLimits): Promise<ExtractedDocument> {
  const zip = await checkZip(bytes, limits, [CORE_PROPERTIES, PACKAGE_RELATIONSHIPS]);
  const mainPart = mainDocumentPart(zip.texts.get(PACKAGE_RELATIONSHIPS));
  if (!zip.names.has(mainPart)) {
    throw new WorkbenchError(
      'DOCX_DAMAGED',
      `The file is not a Word document: it has no main text part (${mainPart}).`,
    );
  }
  const core = readCoreProperties(zip.texts.get(CORE_PROPERTIES));

  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        includeEmbeddedStyleMap: false,
        externalFileAccess: false,
        ignoreEmptyParagraphs: true,
        // Images are never read: only their (empty) place is kept, and the walker skips it.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    html = result.value;
  } catch (error) {
    throw new WorkbenchError('DOCX_DAMAGED', 'The Word document is damaged: its text cannot be read.', {
      cause: error,
    });
  }

  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`) as unknown as {
    document: DomDocument;
  };
  const body = document.body;
  const styled = (className: string): string[] =>
    Array.from(document.querySelectorAll(`.${className}`))
      .map((element) => cleanStatedText(element.textContent))
      .filter((text): text is string => text !== null);

  const title = core.title ?? styled('docx-title')[0] ?? null;
  const authors = styled('docx-author');
  const byline = authors.length > 0 ? authors.join(', ') : core.creator;
  const statedDate = styled('docx-date')[0] ?? null;

  const warnings: string[] = [];
  const { blocks, truncatedDepth } =
    body === null
      ? { blocks: [], truncatedDepth: false }
      : collectBlocks(body, { title, h1Kind: 'heading', ruleFor: docxRule });
  if (truncatedDepth) warnings.push('Part of the document was nested too deeply to read and was left out.');
  if (blocks.length === 0) throw new WorkbenchError('NO_TEXT', 'The Word document contains no text.');

  return {
    title,
    byline,
    siteName: null,
    publishedAt: normalizeDate(isDate(statedDate) ? statedDate : core.created),
    declaredLanguage: core.language,
    url: null,
    blocks,
    warnings,
  };
}

function docxRule(element: DomElement, tag: string): ElementRule | undefined {
  if (tag === 'a') {
    // mammoth's footnote and endnote markers ("[1]") and their "↑" back-links: the notes
    // themselves follow as blocks, the markers would only break the sentence.
    const href = element.getAttribute('href') ?? '';
    return /^#(?:footnote|endnote|comment)-/.test(href) ? 'skip' : undefined;
  }
  if (tag === 'li' && /^(?:footnote|endnote)-\d+$/.test(element.getAttribute('id') ?? ''))
    return { kind: null };
  for (const className of (element.getAttribute('class') ?? '').split(/\s+/)) {
    const kind = CLASS_KINDS.get(className);
    if (kind !== undefined) return { kind };
  }
  return undefined;
}

/** The target of the package's officeDocument relationship; Word always uses word/document.xml. */
function mainDocumentPart(relationships: string | undefined): string {
  if (relationships !== undefined) {
    for (const match of relationships.matchAll(/<Relationship\b[^>]*>/g)) {
      const tag = match[0];
      if (!/Type="[^"]*\/officeDocument"/.test(tag)) continue;
      const target = /Target="([^"]+)"/.exec(tag)?.[1];
      if (target !== undefined) return decodeXml(target).replace(/^\//, '');
    }
  }
  return 'word/document.xml';
}

type CoreProperties = {
  title: string | null;
  creator: string | null;
  created: string | null;
  language: string | null;
};

function readCoreProperties(xml: string | undefined): CoreProperties {
  if (xml === undefined) return { title: null, creator: null, created: null, language: null };
  const field = (name: string): string | null => {
    const match = new RegExp(`<(?:[\\w.-]+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>`).exec(xml);
    return match?.[1] === undefined ? null : decodeXml(match[1]);
  };
  return {
    title: cleanStatedText(field('title')),
    creator: cleanStatedText(field('creator')),
    created: nonEmpty(field('created')),
    language: normalizeLanguageTag(field('language')),
  };
}

function nonEmpty(text: string | null): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function decodeXml(text: string): string {
  return text.replace(
    /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi,
    (whole, hex?: string, decimal?: string, name?: string) => {
      if (hex !== undefined) return safeCodePoint(Number.parseInt(hex, 16), whole);
      if (decimal !== undefined) return safeCodePoint(Number.parseInt(decimal, 10), whole);
      return (
        ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[
          name?.toLowerCase() ?? ''
        ] ?? whole
      );
    },
  );
}

function safeCodePoint(code: number, fallback: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** A Date-styled paragraph is used as the publication date only if it reads as one. */
function isDate(text: string | null): text is string {
  if (text === null) return false;
  const normalized = normalizeDate(text);
  return normalized !== null && /^\d{4}-\d{2}-\d{2}/.test(normalized);
}
