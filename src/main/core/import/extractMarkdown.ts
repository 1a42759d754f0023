import MarkdownIt from 'markdown-it';
import type { BlockKind } from '../../../shared/article.ts';
import type { ExtractedBlock, ExtractedDocument } from './extracted.ts';

// html: false keeps any raw HTML in the file as literal text: it is never markup to us.
const markdown = new MarkdownIt({ html: false, linkify: false });

type Token = ReturnType<typeof markdown.parse>[number];

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/u;

/** The simple `key: value` lines of a YAML front matter block; nested YAML is not metadata we read. */
function readFrontMatter(text: string): { fields: Map<string, string>; body: string } {
  const match = FRONT_MATTER.exec(text);
  const fields = new Map<string, string>();
  if (!match) return { fields, body: text };
  for (const line of (match[1] ?? '').split('\n')) {
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.+)$/u.exec(line);
    if (pair?.[1] !== undefined && pair[2] !== undefined) {
      fields.set(pair[1].toLowerCase(), pair[2].trim().replace(/^(["'])(.*)\1$/u, '$2'));
    }
  }
  return { fields, body: text.slice(match[0].length) };
}

/** The visible text of an inline token: emphasis and link syntax gone, line breaks as spaces. */
function inlineText(token: Token): string {
  if (!token.children) return token.content;
  return token.children
    .map((child) => {
      switch (child.type) {
        case 'text':
        case 'code_inline':
          return child.content;
        case 'softbreak':
        case 'hardbreak':
          return ' ';
        case 'image':
          return child.content;
        default:
          return '';
      }
    })
    .join('');
}

/** Turns a Markdown file into blocks: headings, paragraphs, quotes and list items, as text. */
export function extractMarkdown(text: string): ExtractedDocument {
  const { fields, body } = readFrontMatter(text);
  const tokens = markdown.parse(body, {});
  const blocks: ExtractedBlock[] = [];
  let quoteDepth = 0;
  let listDepth = 0;
  let headingTag: string | null = null;
  let title: string | null = fields.get('title') ?? null;
  for (const token of tokens) {
    switch (token.type) {
      case 'blockquote_open':
        quoteDepth += 1;
        break;
      case 'blockquote_close':
        quoteDepth -= 1;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth += 1;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth -= 1;
        break;
      case 'heading_open':
        headingTag = token.tag;
        break;
      case 'heading_close':
        headingTag = null;
        break;
      case 'fence':
      case 'code_block':
        if (token.content.trim() !== '') blocks.push({ text: token.content.trimEnd(), kind: 'paragraph' });
        break;
      case 'inline': {
        const content = inlineText(token).trim();
        if (content === '') break;
        let kind: BlockKind | null = null;
        if (headingTag === 'h1' && title === null && blocks.every((block) => block.kind !== 'headline')) {
          kind = 'headline';
          title = content;
        } else if (headingTag === 'h1' && content === title) {
          kind = 'headline';
        } else if (headingTag !== null) {
          kind = 'heading';
        } else if (quoteDepth > 0) {
          kind = 'quote';
        } else if (listDepth > 0) {
          kind = 'listItem';
        }
        blocks.push({ text: content, kind });
        break;
      }
      default:
        break;
    }
  }
  return {
    title,
    byline: fields.get('author') ?? fields.get('byline') ?? null,
    siteName:
      fields.get('outlet') ?? fields.get('source') ?? fields.get('site') ?? fields.get('publisher') ?? null,
    publishedAt: fields.get('date') ?? fields.get('published') ?? fields.get('publishedat') ?? null,
    declaredLanguage: fields.get('lang') ?? fields.get('language') ?? null,
    url: fields.get('url') ?? fields.get('link') ?? null,
    blocks,
    warnings: [],
  };
}
