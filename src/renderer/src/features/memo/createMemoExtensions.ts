import { Placeholder } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';
import { Citation, type CitationOptions } from './Citation.ts';

/**
 * The memo's schema: StarterKit's document nodes and marks (headings, lists, blockquote, code,
 * links, rule, underline, undo/redo), the citation, and a placeholder. Links never open from the
 * editor and only web and mail addresses are accepted.
 */
export function createMemoExtensions(citation: CitationOptions) {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3] },
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ['http', 'https', 'mailto'],
        defaultProtocol: 'https',
      },
    }),
    Placeholder.configure({ placeholder: 'Write the memo. Select text in the original and quote it here.' }),
    Citation.configure(citation),
  ];
}
