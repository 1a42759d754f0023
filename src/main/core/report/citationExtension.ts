import { mergeAttributes, Node, type JSONContent } from '@tiptap/core';
import { CITATION_NODE, type CitationAttrs } from '../../../shared/memo.ts';

export type CitationOptions = {
  /**
   * The Markdown a citation becomes. The report passes its own (a footnote reference or an
   * inline source); the default keeps at least the block position, so a citation is never
   * silently dropped by a Markdown export that does not know better.
   */
  renderMarkdown: (attrs: CitationAttrs, node: JSONContent) => string;
};

/** Reads the attributes of a citation node, whatever an older or damaged memo left in them. */
export function citationAttrsOf(node: JSONContent): CitationAttrs {
  const attrs = node.attrs ?? {};
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const position = Number(attrs.blockPosition);
  return {
    articleId: text(attrs.articleId),
    blockId: text(attrs.blockId),
    blockPosition: Number.isInteger(position) && position > 0 ? position : 0,
    quote: text(attrs.quote),
    prefix: text(attrs.prefix),
    suffix: text(attrs.suffix),
  };
}

/** One attribute stored in the DOM as `data-<name>`, so copy and paste between memos keeps it. */
function dataAttribute(name: keyof CitationAttrs, fallback: string | number) {
  const attribute = `data-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
  return {
    default: fallback,
    parseHTML: (element: { getAttribute: (name: string) => string | null }) => {
      const value = element.getAttribute(attribute) ?? fallback;
      return typeof fallback === 'number' ? Number(value) : value;
    },
    renderHTML: (attributes: Record<string, unknown>) => ({ [attribute]: String(attributes[name]) }),
  };
}

/**
 * The memo's citation: an inline atom placed after the text of a quote, remembering the
 * passage it quotes (see `CitationAttrs` in src/shared/memo.ts). The memo editor inserts a
 * blockquote of the selected text followed by this node; the report turns it into a footnote.
 */
export const Citation = Node.create<CitationOptions>({
  name: CITATION_NODE,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,

  addOptions() {
    return {
      renderMarkdown: (attrs) => (attrs.blockPosition > 0 ? ` (¶ ${String(attrs.blockPosition)})` : ''),
    };
  },

  addAttributes() {
    return {
      articleId: dataAttribute('articleId', ''),
      blockId: dataAttribute('blockId', ''),
      blockPosition: dataAttribute('blockPosition', 1),
      quote: dataAttribute('quote', ''),
      prefix: dataAttribute('prefix', ''),
      suffix: dataAttribute('suffix', ''),
    };
  },

  parseHTML() {
    return [{ tag: 'cite[data-citation]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['cite', mergeAttributes({ 'data-citation': '' }, HTMLAttributes)];
  },

  renderText({ node }) {
    return `[${String(node.attrs.blockPosition)}]`;
  },

  renderMarkdown(node) {
    return this.options.renderMarkdown(citationAttrsOf(node), node);
  },
});
