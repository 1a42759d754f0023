import { Schema, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Transform } from '@tiptap/pm/transform';
import { describe, expect, it } from 'vitest';
import { spliceBetween } from './spliceBetween.ts';

const schema = new Schema({
  nodes: { doc: { content: 'block*' }, paragraph: { group: 'block', content: 'text*' }, text: {} },
});

function docOf(...texts: string[]): ProseMirrorNode {
  return schema.node(
    'doc',
    null,
    texts.map((text) => schema.node('paragraph', null, text === '' ? [] : [schema.text(text)])),
  );
}

/** The base with the splice applied, as paragraph texts: what the library will hold. */
function applied(base: ProseMirrorNode, doc: ProseMirrorNode): string[] {
  const { from, to, nodes } = spliceBetween(base, doc);
  const texts = base.children.map((node) => node.textContent);
  texts.splice(from, to - from, ...nodes.map((node) => node.textContent));
  return texts;
}

describe('spliceBetween', () => {
  it('gives only the paragraph typed in, however long the document', () => {
    const base = docOf(...Array.from({ length: 300 }, (_, index) => `paragraph ${String(index)}`));
    let start = 0;
    for (let index = 0; index < 150; index += 1) start += base.child(index).nodeSize;
    // As the editor changes it: a step that shares every paragraph it does not touch.
    const state = new Transform(base).insert(start + 2, schema.text('x')).doc;
    const splice = spliceBetween(base, state);
    expect(splice.from).toBe(150);
    expect(splice.to).toBe(151);
    expect(splice.nodes.map((node) => node.textContent)).toEqual(['pxaragraph 150']);
  });

  it.each([
    ['a paragraph added at the start', ['a', 'b'], ['new', 'a', 'b'], { from: 0, to: 0 }],
    ['a paragraph added at the end', ['a', 'b'], ['a', 'b', 'new'], { from: 2, to: 2 }],
    ['the last paragraph removed', ['a', 'b', 'c'], ['a', 'b'], { from: 2, to: 3 }],
    ['two paragraphs joined', ['a', 'b', 'c', 'd'], ['a', 'bc', 'd'], { from: 1, to: 3 }],
    ['a repeated paragraph inserted', ['a', 'a'], ['a', 'a', 'a'], { from: 2, to: 2 }],
    ['nothing changed', ['a', 'b'], ['a', 'b'], { from: 2, to: 2 }],
    ['everything replaced', ['a', 'b'], ['c'], { from: 0, to: 2 }],
    ['an empty document filled', [], ['a'], { from: 0, to: 0 }],
    ['a document emptied', ['a', 'b'], [], { from: 0, to: 2 }],
  ])('%s', (_name, before, after, bounds) => {
    const base = docOf(...before);
    const doc = docOf(...after);
    expect(spliceBetween(base, doc)).toMatchObject(bounds);
    expect(applied(base, doc)).toEqual(after);
  });
});
