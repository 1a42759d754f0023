import type { CitationAttrs } from '../../../../shared/memo.ts';
import { CITATION_NODE } from '../../../../shared/vocabulary.ts';
import { citationAttrsOf, CitationNode } from '../../../../shared/tiptap/citationNode.ts';

/** Whether a citation's quote is still where it points: in its block, elsewhere in the article, or nowhere. */
export type CitationStatus = 'found' | 'moved' | 'orphaned';

export type CitationOptions = {
  /** Checks a citation against the article as it is now. */
  resolve: (attrs: CitationAttrs) => CitationStatus;
};

/**
 * The DOM event a citation dispatches (bubbling, `detail`: its CitationAttrs) when the analyst
 * follows it; the memo's container listens, so no callback is frozen into the editor.
 */
export const CITATION_EVENT = 'workbench:citation';

/** A quote from the original, as "Quote selection in memo" inserts it: one paragraph per block it covers. */
export type QuoteContent = { paragraphs: string[]; citation: CitationAttrs };

declare module '@tiptap/core' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- commands are typed by declaration merging, which needs an interface
  interface Commands<ReturnType> {
    citation: {
      /** Inserts a blockquote of the quoted text ending in its citation, then an empty paragraph to write on. */
      insertQuote: (quote: QuoteContent) => ReturnType;
    };
  }
}

/**
 * The memo's citation (src/shared/tiptap/citationNode.ts) in the editor: an inline atom after a quote that remembers the block it came
 * from with the quoted text and a little context, so that it can be followed back to the original, and
 * a citation whose text is no longer there is shown as such rather than dropped.
 */
export const Citation = CitationNode.extend<CitationOptions>({
  addOptions() {
    return { resolve: () => 'found' };
  },

  addNodeView() {
    return ({ node }) => {
      const attrs = citationAttrsOf(node);
      const status = this.options.resolve(attrs);
      const dom = document.createElement('button');
      dom.type = 'button';
      dom.contentEditable = 'false';
      dom.className = `citation citation--${status}`;
      dom.textContent = `¶${String(attrs.blockPosition)}`;
      const where =
        status === 'orphaned'
          ? 'the quoted text is no longer in the article'
          : status === 'moved'
            ? 'the quoted text has moved'
            : 'go to the quoted text';
      dom.setAttribute('aria-label', `Citation of block ${String(attrs.blockPosition)}: ${where}`);
      dom.title = `“${attrs.quote}” — ${where}`;
      dom.addEventListener('click', (event) => {
        event.preventDefault();
        dom.dispatchEvent(new CustomEvent(CITATION_EVENT, { bubbles: true, detail: attrs }));
      });
      return {
        dom,
        // The button handles its own clicks and keys; ProseMirror must not turn them into a node selection.
        stopEvent: (event) =>
          event.type === 'click' || event.type === 'mousedown' || event.type === 'keydown',
        ignoreMutation: () => true,
      };
    };
  },

  addCommands() {
    return {
      insertQuote:
        ({ paragraphs, citation }) =>
        ({ commands }) => {
          const last = paragraphs.length - 1;
          return commands.insertContent([
            {
              type: 'blockquote',
              content: paragraphs.map((text, index) => ({
                type: 'paragraph',
                content: [
                  { type: 'text', text },
                  ...(index === last
                    ? [
                        { type: 'text', text: ' ' },
                        { type: CITATION_NODE, attrs: citation },
                      ]
                    : []),
                ],
              })),
            },
            { type: 'paragraph' },
          ]);
        },
    };
  },
});
