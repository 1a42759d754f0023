import MarkdownIt, { type Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { parse as parseYaml } from 'yaml';

/** A block of the report as a reader sees it: its kind and its visible text. */
export type ReadBlock = {
  type: 'heading' | 'paragraph' | 'blockquote-paragraph' | 'list-item' | 'footnote' | 'code';
  level: number;
  text: string;
};

/** What a CommonMark reader (markdown-it with footnotes, HTML on) makes of a report. */
export type ReportReadBack = {
  frontMatter: Record<string, unknown>;
  html: string;
  blocks: ReadBlock[];
  headings: { level: number; text: string }[];
  /** Labels of the footnote references the reader resolved, in order. */
  footnoteRefs: string[];
  /** Labels of the footnote definitions it found. */
  footnoteDefs: string[];
  /** Each footnote's visible text, its paragraphs separated by a blank line. */
  footnotes: { label: string; text: string }[];
  blockquotes: number;
  /** Raw HTML the reader would pass through: must stay empty for a report. */
  rawHtml: string[];
  links: string[];
};

/** The visible text of an inline token: what a reader sees, markup gone. */
function inlineText(token: Token): string {
  return (token.children ?? [])
    .map((child) => {
      switch (child.type) {
        case 'text':
        case 'code_inline':
        case 'html_inline':
          return child.content;
        case 'softbreak':
        case 'hardbreak':
          return '\n';
        case 'image':
          return child.content;
        default:
          return '';
      }
    })
    .join('');
}

/**
 * Reads a report back the way an analyst's viewer would, for tests and the evaluation script:
 * front matter through YAML, the body through markdown-it (CommonMark, GFM tables and
 * strikethrough, raw HTML enabled so that any leak would show) with markdown-it-footnote.
 */
export function readReportBack(markdown: string): ReportReadBack {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  const frontMatter = (match ? parseYaml(match[1] ?? '') : {}) as Record<string, unknown>;
  const body = match ? markdown.slice(match[0].length) : markdown;
  const md = new MarkdownIt({ html: true }).use(footnote);
  const env = {};
  const tokens = md.parse(body, env);
  const blocks: ReadBlock[] = [];
  const headings: { level: number; text: string }[] = [];
  const footnoteRefs: string[] = [];
  const footnoteDefs: string[] = [];
  const footnotes: { label: string; text: string }[] = [];
  const rawHtml: string[] = [];
  const links: string[] = [];
  let blockquotes = 0;
  const context: string[] = [];
  tokens.forEach((token, index) => {
    switch (token.type) {
      case 'blockquote_open':
        blockquotes += 1;
        context.push('blockquote');
        break;
      case 'list_item_open':
        context.push('list-item');
        break;
      case 'footnote_open':
        footnoteDefs.push(String((token.meta as { label?: string }).label));
        footnotes.push({ label: String((token.meta as { label?: string }).label), text: '' });
        context.push('footnote');
        break;
      case 'blockquote_close':
      case 'list_item_close':
      case 'footnote_close':
        context.pop();
        break;
      case 'html_block':
        rawHtml.push(token.content);
        break;
      case 'fence':
      case 'code_block':
        blocks.push({ type: 'code', level: 0, text: token.content });
        break;
      case 'inline': {
        for (const child of token.children ?? []) {
          if (child.type === 'html_inline') rawHtml.push(child.content);
          if (child.type === 'footnote_ref')
            footnoteRefs.push(String((child.meta as { label?: string }).label));
          if (child.type === 'link_open') links.push(decodeURIComponent(String(child.attrGet('href') ?? '')));
        }
        const previous = tokens[index - 1];
        const text = inlineText(token);
        if (previous?.type === 'heading_open') {
          const level = Number(previous.tag.slice(1));
          headings.push({ level, text });
          blocks.push({ type: 'heading', level, text });
        } else {
          const where = context.at(-1);
          const footnote = footnotes.at(-1);
          if (context.includes('footnote') && footnote !== undefined)
            footnote.text = footnote.text === '' ? text : `${footnote.text}\n\n${text}`;
          blocks.push({
            type:
              where === 'blockquote'
                ? 'blockquote-paragraph'
                : where === 'list-item'
                  ? 'list-item'
                  : where === 'footnote'
                    ? 'footnote'
                    : 'paragraph',
            level: 0,
            text,
          });
        }
        break;
      }
      default:
        break;
    }
  });
  return {
    frontMatter,
    html: md.renderer.render(tokens, md.options, env),
    blocks,
    headings,
    footnoteRefs,
    footnoteDefs,
    footnotes,
    blockquotes,
    rawHtml,
    links,
  };
}
