import type { Node as ProseMirrorNode } from '@tiptap/pm/model';

/** Where a document differs from an earlier version of it: the base's top-level nodes `from` to `to` (exclusive) became `nodes`. */
export type TopLevelSplice = { from: number; to: number; nodes: ProseMirrorNode[] };

/**
 * The smallest run of top-level nodes (paragraphs, headings, quotes…) that turns `base` into
 * `doc`: the nodes both start with and both end with are left out. ProseMirror shares the nodes a
 * change did not touch between one state and the next, so most comparisons are by identity and
 * the rest stop at the first difference: typing in a memo of hundreds of paragraphs gives the one
 * paragraph typed in.
 */
export function spliceBetween(base: ProseMirrorNode, doc: ProseMirrorNode): TopLevelSplice {
  const same = (a: ProseMirrorNode, b: ProseMirrorNode) => a === b || a.eq(b);
  const shorter = Math.min(base.childCount, doc.childCount);
  let from = 0;
  while (from < shorter && same(base.child(from), doc.child(from))) from += 1;
  let baseEnd = base.childCount;
  let docEnd = doc.childCount;
  while (baseEnd > from && docEnd > from && same(base.child(baseEnd - 1), doc.child(docEnd - 1))) {
    baseEnd -= 1;
    docEnd -= 1;
  }
  const nodes: ProseMirrorNode[] = [];
  for (let index = from; index < docEnd; index += 1) nodes.push(doc.child(index));
  return { from, to: baseEnd, nodes };
}
