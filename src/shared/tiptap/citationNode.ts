import { Node, type JSONContent } from '@tiptap/core';
import type { CitationAttrs } from '../memo.ts';
import { CITATION_NODE } from '../vocabulary.ts';

/*
 * The memo's citation node as both the editor (renderer) and the report (core) read it: one
 * schema, so a memo the editor saves is a memo the report understands. Each side extends it with
 * what only it needs: the editor a view, a command and a check against the article; the report
 * its Markdown.
 */

/** Reads the attributes of a citation, whatever an older or damaged memo left in them. */
export function citationAttrsOf(node: Pick<JSONContent, 'attrs'>): CitationAttrs {
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

/** One attribute kept in the DOM as `data-<name>`, so copy and paste between memos keeps it. */
function dataAttribute(name: keyof CitationAttrs, fallback: string | number) {
  const attribute = `data-${name.replace(/[A-Z]/gu, (letter) => `-${letter.toLowerCase()}`)}`;
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
 * An inline atom placed after the text of a quote, remembering the passage it quotes (see
 * `CitationAttrs` in src/shared/memo.ts).
 */
export const CitationNode = Node.create({
  name: CITATION_NODE,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,

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

  renderHTML({ node, HTMLAttributes }) {
    return [
      'cite',
      { ...HTMLAttributes, 'data-citation': '' },
      `¶${String(citationAttrsOf(node).blockPosition)}`,
    ];
  },

  renderText({ node }) {
    return `[¶${String(citationAttrsOf(node).blockPosition)}]`;
  },
});
