import type { JSONContent } from '@tiptap/core';
import Bold from '@tiptap/extension-bold';
import Code from '@tiptap/extension-code';
import CodeBlock from '@tiptap/extension-code-block';
import HorizontalRule from '@tiptap/extension-horizontal-rule';
import Italic from '@tiptap/extension-italic';
import Link from '@tiptap/extension-link';
import { ListItem, OrderedList } from '@tiptap/extension-list';
import Paragraph from '@tiptap/extension-paragraph';
import { MarkdownManager } from '@tiptap/markdown';
import StarterKit from '@tiptap/starter-kit';
import type { CitationAttrs } from '../../../shared/memo.ts';
import { WorkbenchError } from '../../../shared/errors.ts';
import { Citation } from './citationExtension.ts';
import { escapeInline, escapeLineStart } from './escapeMarkdown.ts';
import { normalizeMemoDoc } from './normalizeMemoDoc.ts';

/** The Markdown each citation node of the memo being serialised becomes (nodes are fresh objects per call). */
const citationMarkdown = new WeakMap<JSONContent, string>();

/**
 * A link destination every reader takes whole: brackets and backslashes escaped (CommonMark
 * §6.3 and pandoc allow backslash escapes there), white space percent-encoded as a browser
 * would, and `&` kept from reading as an entity.
 */
function linkDestination(href: string): string {
  return href
    .replace(/[\\()<>]/g, '\\$&')
    .replace(/\s/gu, (space) => encodeURIComponent(space))
    .replace(/&(?=#?\w+;)/g, '\\&');
}

function linkTitle(title: string): string {
  return title
    .replace(/\s+/g, ' ')
    .replace(/[\\"]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&');
}

const ReportParagraph = Paragraph.extend({
  renderMarkdown(node, helpers) {
    // Text inside a paragraph must not start a block on any of its lines.
    return helpers
      .renderChildren(node.content ?? [])
      .split('\n')
      .map(escapeLineStart)
      .join('\n');
  },
});

const ReportLink = Link.extend({
  renderMarkdown(node, helpers) {
    const attrs = node.attrs as { href?: string; title?: string | null } | undefined;
    const text = helpers.renderChildren(node);
    const title = attrs?.title ? ` "${linkTitle(attrs.title)}"` : '';
    return `[${text}](${linkDestination(attrs?.href ?? '')}${title})`;
  },
});

const ReportCodeBlock = CodeBlock.extend({
  renderMarkdown(node, helpers) {
    const text = helpers.renderChildren(node.content ?? []);
    const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(Math.max(3, longestRun + 1));
    const language = (node.attrs as { language?: string | null } | undefined)?.language ?? '';
    return text === '' ? `${fence}${language}\n${fence}` : `${fence}${language}\n${text}\n${fence}`;
  },
});

/*
 * Where bold and italic overlap (bold, then bold italic, then italic), the mark that goes on
 * is closed and reopened. @tiptap/markdown reopens it as raw <em>/<strong>, which a reader
 * with HTML off shows as tags, and a report holds no HTML; `*` right after `***` would merge
 * into one run, so the reopened mark is written with underscores instead.
 */
const ReportItalic = Italic.extend({ markdownOptions: { htmlReopen: { open: '_', close: '_' } } });
const ReportBold = Bold.extend({ markdownOptions: { htmlReopen: { open: '__', close: '__' } } });

/*
 * A list item's lines all line up under its text, the first block's too: @tiptap/markdown
 * leaves a code block that opens an item unindented (its fence then ends the list) and
 * indents nested blocks of "10." items by two spaces instead of four.
 */
const ReportListItem = ListItem.extend({
  renderMarkdown(node, helpers, context) {
    const list = context.meta?.parentAttrs as { start?: unknown; alternate?: unknown } | undefined;
    const start = Number(list?.start ?? 1);
    const alternate = list?.alternate === true;
    const prefix =
      context.parentType === 'orderedList'
        ? `${String(start + context.index)}${alternate ? ')' : '.'} `
        : alternate
          ? '* '
          : '- ';
    const pad = ' '.repeat(prefix.length);
    let body = '';
    (node.content ?? []).forEach((child, index) => {
      const rendered = helpers.renderChild?.(child, index) ?? helpers.renderChildren([child]);
      // A paragraph right after another block would merge into it; other blocks interrupt it.
      if (index > 0) body += child.type === 'paragraph' ? '\n\n' : '\n';
      body += rendered;
    });
    return `${prefix}${body
      .split('\n')
      .map((line, index) => (index === 0 || line.trim() === '' ? line : `${pad}${line}`))
      .join('\n')}`;
  },
});

/*
 * @tiptap/markdown moves a code span's edge spaces outside it and then pads by the text with
 * the spaces, so " `` " came out as "````", a code fence: the fence and padding are chosen from
 * what actually goes inside.
 */
const ReportCode = Code.extend({
  renderMarkdown(node, helpers, context) {
    const inside = typeof context.meta?.markText === 'string' ? context.meta.markText.trim() : '';
    const runs = new Set((inside.match(/`+/g) ?? []).map((run) => run.length));
    let length = 1;
    while (runs.has(length)) length += 1;
    const fence = '`'.repeat(length);
    const padding = inside.startsWith('`') || inside.endsWith('`') ? ' ' : '';
    return `${fence}${padding}${helpers.renderChildren(node)}${padding}${fence}`;
  },
});

// `---` right under a list item's text would turn the text into a setext heading, and
// `- ---` is a rule, not an item holding one.
const ReportHorizontalRule = HorizontalRule.extend({ renderMarkdown: () => '***' });

const ReportOrderedList = OrderedList.extend({
  renderMarkdown(node, helpers, context) {
    const list = helpers.renderChildren(node.content ?? [], '\n');
    const start = Number((node.attrs as { start?: unknown } | undefined)?.start ?? 1);
    // Only a list starting at 1 may interrupt a paragraph (CommonMark §5.3): a nested list
    // starting elsewhere, right after its item's text, needs a blank line before it.
    return start !== 1 && context.previousNode?.type === 'paragraph' ? `\n${list}` : list;
  },
});

type EncodeText = (text: string, node: JSONContent, parentNode?: JSONContent) => string;

function createManager(): MarkdownManager {
  const manager = new MarkdownManager({
    extensions: [
      StarterKit.configure({
        paragraph: false,
        link: false,
        codeBlock: false,
        italic: false,
        bold: false,
        orderedList: false,
        listItem: false,
        code: false,
        horizontalRule: false,
        underline: false,
        undoRedo: false,
        dropcursor: false,
        gapcursor: false,
        listKeymap: false,
        trailingNode: false,
      }),
      ReportParagraph,
      ReportLink,
      ReportCodeBlock,
      ReportItalic,
      ReportBold,
      ReportOrderedList,
      ReportListItem,
      ReportHorizontalRule,
      ReportCode,
      Citation.configure({
        renderMarkdown: (_attrs, node) => citationMarkdown.get(node) ?? '',
      }),
    ],
  });
  // @tiptap/markdown 3.34 escapes only \ ` * _ [ ] ~ in text and writes < > & as entities
  // (MarkdownManager.encodeTextForMarkdown, private, no hook). Text in a report must also be
  // safe from pandoc's math, superscript and citation syntax and from table pipes, with one
  // escaping for the memo and the rest of the report, so that method is replaced on this
  // instance. The escaping tests fail if a new version stops calling it.
  const internals = manager as unknown as { encodeTextForMarkdown?: EncodeText; codeTypes?: Set<string> };
  const codeTypes = internals.codeTypes;
  if (typeof internals.encodeTextForMarkdown !== 'function' || !(codeTypes instanceof Set)) {
    throw new WorkbenchError('INTERNAL', 'This @tiptap/markdown has no text encoder to replace.');
  }
  const encode: EncodeText = (text, node, parentNode) => {
    const isCode =
      (parentNode?.type !== undefined && codeTypes.has(parentNode.type)) ||
      (node.marks ?? []).some((mark) => codeTypes.has(mark.type));
    return isCode ? text : escapeInline(text, { inHeading: parentNode?.type === 'heading' });
  };
  internals.encodeTextForMarkdown = encode;
  return manager;
}

let sharedManager: MarkdownManager | null = null;

export type MemoMarkdownOptions = {
  /** Added to the memo's heading levels so they nest under the report's headings. */
  headingOffset: number;
  /** The Markdown (already escaped) a citation becomes, e.g. a footnote reference; called in document order. */
  renderCitation: (attrs: CitationAttrs) => string;
};

/** The memo's headings as plain text, in order: the report needs them to keep its anchors unique. */
export function memoHeadings(doc: JSONContent): string[] {
  const headings: string[] = [];
  const visit = (node: JSONContent): void => {
    if (node.type === 'heading') {
      headings.push((node.content ?? []).map((child) => child.text ?? '').join(''));
      return;
    }
    for (const child of node.content ?? []) visit(child);
  };
  visit(doc);
  return headings;
}

/**
 * The analyst memo (Tiptap JSON) as Markdown, through @tiptap/markdown with the report's
 * escaping; returns the normalised document too, for its headings. Empty for an empty memo.
 */
export function memoToMarkdown(
  doc: JSONContent | null,
  options: MemoMarkdownOptions,
): { markdown: string; normalized: JSONContent } {
  const normalized = normalizeMemoDoc(doc, {
    headingOffset: options.headingOffset,
    citation: (attrs) => {
      const node: JSONContent = { type: 'citation', attrs };
      citationMarkdown.set(node, options.renderCitation(attrs));
      return node;
    },
  });
  if ((normalized.content ?? []).length === 0) return { markdown: '', normalized };
  sharedManager ??= createManager();
  const markdown = sharedManager.serialize(normalized).replace(/\s+$/, '');
  return { markdown, normalized };
}
