import type { JSONContent } from '@tiptap/core';
import type { CitationAttrs } from '../../../shared/memo.ts';
import { citationAttrsOf, CitationNode } from '../../../shared/tiptap/citationNode.ts';

export { citationAttrsOf };

export type CitationOptions = {
  /**
   * The Markdown a citation becomes. The report passes its own (a footnote reference or an
   * inline source); the default keeps at least the block position, so a citation is never
   * silently dropped by a Markdown export that does not know better.
   */
  renderMarkdown: (attrs: CitationAttrs, node: JSONContent) => string;
};

/** The memo's citation node (src/shared/tiptap/citationNode.ts) with the Markdown the report writes for it. */
export const Citation = CitationNode.extend<CitationOptions>({
  addOptions() {
    return {
      renderMarkdown: (attrs) => (attrs.blockPosition > 0 ? ` (¶ ${String(attrs.blockPosition)})` : ''),
    };
  },

  renderMarkdown(node) {
    return this.options.renderMarkdown(citationAttrsOf(node), node);
  },
});
