import type { JSONContent } from '@tiptap/core';
import { CITATION_NODE, type CitationAttrs } from '../../../shared/memo.ts';
import { citationAttrsOf } from './citationExtension.ts';

export type NormalizeOptions = {
  /** Added to every heading level (capped at 6), so the memo's headings nest under the report's. */
  headingOffset: number;
  /** Makes the node a citation becomes; called in document order. */
  citation: (attrs: CitationAttrs) => JSONContent;
};

const MARKS = new Set(['bold', 'italic', 'strike', 'code', 'link']);
const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'ftp', 'ftps']);

/**
 * A link target that cannot run anything when clicked: http(s), mailto and ftp, or a relative
 * address. Browsers ignore control characters and white space inside a scheme, so they are
 * removed before looking ("java\tscript:" is javascript:).
 */
export function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const cleaned = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (cleaned === '') return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1];
  if (scheme !== undefined && !LINK_SCHEMES.has(scheme.toLowerCase())) return null;
  return href.trim().replace(/[\r\n\t]/g, '');
}

type Marks = NonNullable<JSONContent['marks']>;

/** The child nodes of a node, whatever a damaged or foreign memo holds there (memo.json is only checked at its top). */
function childrenOf(node: JSONContent | null | undefined): JSONContent[] {
  const content: unknown = node?.content;
  if (!Array.isArray(content)) return [];
  return content.filter(
    (child): child is JSONContent => typeof child === 'object' && child !== null && !Array.isArray(child),
  );
}

function nameOf(node: JSONContent): string {
  return typeof node.type === 'string' ? node.type : 'unknown';
}

/** The marks Markdown can carry; underline has no Markdown and its raw HTML would show as tags, so its text stays plain. */
function keptMarks(marks: JSONContent['marks']): Marks | undefined {
  if (!Array.isArray(marks)) return undefined;
  const kept: Marks = [];
  for (const item of marks as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const mark = item as { type?: unknown; attrs?: { href?: unknown; title?: unknown } | null };
    if (typeof mark.type !== 'string' || !MARKS.has(mark.type)) continue;
    if (mark.type === 'link') {
      const attrs = mark.attrs ?? undefined;
      const href = safeHref(attrs?.href);
      if (href === null) continue;
      const title = typeof attrs?.title === 'string' && attrs.title.trim() !== '' ? attrs.title : null;
      kept.push({ type: 'link', attrs: { href, title } });
    } else {
      kept.push({ type: mark.type });
    }
  }
  return kept.length > 0 ? kept : undefined;
}

function textNode(text: string, marks: Marks | undefined): JSONContent {
  return marks === undefined ? { type: 'text', text } : { type: 'text', text, marks };
}

/** Plain text of a node, for nodes the report does not know. */
function textOf(node: JSONContent): string {
  if (typeof node.text === 'string') return node.text;
  return childrenOf(node).map(textOf).join('');
}

function isInline(node: JSONContent): boolean {
  return node.type === 'text' || node.type === 'hardBreak' || node.type === CITATION_NODE;
}

type Context = NormalizeOptions & { inHeading: boolean };

function normalizeInline(nodes: readonly JSONContent[], context: Context): JSONContent[] {
  const out: JSONContent[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text': {
        const text = (typeof node.text === 'string' ? node.text : '').normalize('NFC');
        const marks = keptMarks(node.marks);
        if (text === '') break;
        if (marks?.some((mark) => mark.type === 'code') === true || context.inHeading) {
          // A code span or a heading cannot hold a line break: CommonMark turns it into a space anyway.
          out.push(textNode(text.replace(/\r\n?|\n/g, ' '), marks));
          break;
        }
        // A line ending inside text is a soft break (Markdown read into the memo has them); the
        // paragraph escapes what starts each line. Spaces before it would make a hard break and
        // an empty line would end the paragraph, so both go.
        out.push(textNode(text.replace(/[ \t]*(?:\r\n?|\n)\s*/g, '\n'), marks));
        break;
      }
      case 'hardBreak':
        out.push(context.inHeading ? { type: 'text', text: ' ' } : { type: 'hardBreak' });
        break;
      case CITATION_NODE: {
        // The editor puts a space between a quote and its citation; a footnote mark sits right
        // after the text, and an inline source brings its own space.
        const previous = out.at(-1);
        if (previous?.type === 'text' && typeof previous.text === 'string') {
          previous.text = previous.text.replace(/\s+$/u, '');
          if (previous.text === '') out.pop();
        }
        out.push(context.citation(citationAttrsOf(node)));
        break;
      }
      case undefined:
      default: {
        // A node this report does not know (a newer editor's mention, image…): keep its text.
        const inner = normalizeInline(childrenOf(node), context);
        if (inner.length > 0) out.push(...inner);
        else out.push({ type: 'text', text: `[${nameOf(node)}]` });
      }
    }
  }
  return out;
}

function normalizeListItems(nodes: readonly JSONContent[], context: Context): JSONContent[] {
  const items: JSONContent[] = [];
  for (const node of nodes) {
    const content = normalizeBlocks(node.type === 'listItem' ? childrenOf(node) : [node], context);
    if (content.length > 0) items.push({ type: 'listItem', content });
  }
  return items;
}

function normalizeBlocks(nodes: readonly JSONContent[], context: Context): JSONContent[] {
  const out: JSONContent[] = [];
  let pendingInline: JSONContent[] = [];
  const flushInline = (): void => {
    const content = normalizeInline(pendingInline, context);
    pendingInline = [];
    if (content.length > 0) out.push({ type: 'paragraph', content });
  };
  for (const node of nodes) {
    if (isInline(node)) {
      pendingInline.push(node);
      continue;
    }
    flushInline();
    switch (node.type) {
      case 'paragraph': {
        const content = normalizeInline(childrenOf(node), context);
        if (content.length > 0) out.push({ type: 'paragraph', content });
        break;
      }
      case 'heading': {
        const level = Number((node.attrs as { level?: unknown } | undefined)?.level);
        const content = normalizeInline(childrenOf(node), { ...context, inHeading: true });
        if (content.length === 0) break;
        const base = Number.isInteger(level) && level >= 1 && level <= 6 ? level : 1;
        out.push({
          type: 'heading',
          attrs: { level: Math.min(6, base + context.headingOffset) },
          content,
        });
        break;
      }
      case 'blockquote': {
        const content = normalizeBlocks(childrenOf(node), context);
        if (content.length > 0) out.push({ type: 'blockquote', content });
        break;
      }
      case 'bulletList':
      case 'orderedList': {
        const content = normalizeListItems(childrenOf(node), context);
        if (content.length === 0) break;
        const start = Number((node.attrs as { start?: unknown } | undefined)?.start);
        // Two lists in a row with the same marker would read as one: the second takes the other marker.
        const previous = out.at(-1);
        const alternate =
          previous?.type === node.type &&
          (previous.attrs as { alternate?: boolean } | undefined)?.alternate !== true;
        out.push(
          node.type === 'orderedList'
            ? {
                type: 'orderedList',
                attrs: { start: Number.isInteger(start) && start >= 0 && start < 1e9 ? start : 1, alternate },
                content,
              }
            : { type: 'bulletList', attrs: { alternate }, content },
        );
        break;
      }
      case 'codeBlock': {
        const text = textOf(node).normalize('NFC');
        // The info string's first word names the language; anything else could break the fence.
        const info = (node.attrs as { language?: unknown } | undefined)?.language;
        const language = typeof info === 'string' ? /^[\w+#.-]+/.exec(info) : null;
        out.push({
          type: 'codeBlock',
          attrs: { language: language?.[0] ?? null },
          content: text === '' ? [] : [{ type: 'text', text }],
        });
        break;
      }
      case 'horizontalRule':
        out.push({ type: 'horizontalRule' });
        break;
      case undefined:
      default: {
        const children = childrenOf(node);
        if (children.length === 0) {
          out.push({ type: 'paragraph', content: [{ type: 'text', text: `[${nameOf(node)}]` }] });
        } else {
          out.push(...normalizeBlocks(children, context));
        }
      }
    }
  }
  flushInline();
  return out;
}

/**
 * The memo's Tiptap JSON reduced to what Markdown can say: known nodes and marks kept, text in
 * NFC, unsafe links unlinked, unknown nodes reduced to their text (never silently dropped),
 * empty paragraphs left out, headings shifted under the report's own.
 */
export function normalizeMemoDoc(doc: JSONContent | null, options: NormalizeOptions): JSONContent {
  return { type: 'doc', content: normalizeBlocks(childrenOf(doc), { ...options, inHeading: false }) };
}
