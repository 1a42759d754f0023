import type { MemoFile } from '../../../shared/article.ts';

type Node = { type?: unknown; text?: unknown; content?: unknown };

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null;
}

function textOf(node: Node): string {
  if (node.type === 'text') return typeof node.text === 'string' ? node.text : '';
  if (node.type === 'hardBreak') return '\n';
  if (!Array.isArray(node.content)) return '';
  let text = '';
  for (const child of node.content as unknown[]) {
    if (!isNode(child)) continue;
    // A node with content of its own is a block (paragraph, list item, heading): it gets a
    // line of its own, so that words of two paragraphs never run together. Text and atoms
    // such as citations are inline.
    text += Array.isArray(child.content) ? `\n${textOf(child)}\n` : textOf(child);
  }
  return text;
}

/**
 * The plain text of a memo: the `text` nodes of its Tiptap JSON, one line per block.
 * Whatever shape an older or damaged memo has, this never throws.
 */
export function memoText(doc: MemoFile['doc']): string {
  if (doc === null) return '';
  return textOf(doc)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}
