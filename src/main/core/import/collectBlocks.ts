import type { BlockKind } from '../../../shared/article.ts';
import type { ExtractedBlock } from './extracted.ts';

/**
 * The slice of the DOM the block walker reads. linkedom's nodes satisfy it; the
 * project's TypeScript lib has no DOM, so this is declared here rather than borrowed.
 */
export type DomNode = {
  readonly nodeType: number;
  readonly nodeValue: string | null;
  readonly childNodes: DomList<DomNode>;
};

/** linkedom's NodeList is an Array subclass: indexable and iterable. */
export type DomList<T> = ArrayLike<T> & Iterable<T>;

export type DomElement = DomNode & {
  readonly tagName: string;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): DomList<DomElement>;
};

export type DomDocument = {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  readonly title: string;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): DomList<DomElement>;
};

/** What to do with one element, decided by the caller before the generic rules apply. */
export type ElementRule = { kind: BlockKind | null } | 'skip';

export type CollectOptions = {
  /** A headline equal to the title is left out: the title is shown from the metadata. */
  title: string | null;
  /** In a web page <h1> is the headline; in a DOCX it is Word's "Heading 1", a section heading. */
  h1Kind: BlockKind;
  /** Format-specific rules (DOCX paragraph styles, footnote markers); undefined falls back. */
  ruleFor?: (element: DomElement, tag: string) => ElementRule | undefined;
  /** Deeper subtrees are dropped, so a hostile document cannot exhaust the stack. */
  maxDepth?: number;
};

export type CollectResult = { blocks: ExtractedBlock[]; truncatedDepth: boolean };

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Elements whose content is never visible text: code, embedded documents, media, form controls. */
const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'canvas',
  'video',
  'audio',
  'source',
  'track',
  'img',
  'picture',
  'map',
  'area',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'textarea',
  'datalist',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'param',
  'slot',
  // Ruby annotations (furigana, pinyin) read the base text aloud; kept, they split every word.
  'rt',
  'rp',
]);

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

const DEFAULT_MAX_DEPTH = 1_000;

/**
 * Turns an element tree into text blocks. Only text nodes are read, never attributes, so
 * no markup, script, handler or resource URL can reach a block.
 */
export function collectBlocks(root: DomElement, options: CollectOptions): CollectResult {
  const walker = new BlockWalker(options);
  walker.visitBlock(root, tagOf(root), null, 0);
  return { blocks: walker.blocks, truncatedDepth: walker.truncatedDepth };
}

/** Lower-cased tag name. */
export function tagOf(element: DomElement): string {
  return element.tagName.toLowerCase();
}

/** Collapses whitespace and case so that two renderings of one title compare equal. */
export function comparableText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Collapses runs of whitespace to one space, keeping a lone no-break space (French typography). */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, (run) => (run === '\u00a0' || run === '\u202f' ? run : ' '));
}

type Context = { kind: BlockKind | null; isHeading: boolean; isPre: boolean; parts: string[] };

class BlockWalker {
  readonly blocks: ExtractedBlock[] = [];
  truncatedDepth = false;
  readonly #options: CollectOptions;
  readonly #maxDepth: number;
  readonly #title: string | null;

  constructor(options: CollectOptions) {
    this.#options = options;
    this.#maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.#title = options.title === null ? null : comparableText(options.title);
  }

  visitBlock(element: DomElement, tag: string, kind: BlockKind | null, depth: number): void {
    const context: Context = {
      kind,
      isHeading: HEADING_TAGS.has(tag),
      isPre: tag === 'pre',
      parts: [],
    };
    this.#visitChildren(element, context, depth);
    this.#flush(context);
  }

  #visitChildren(element: DomElement, context: Context, depth: number): void {
    if (depth >= this.#maxDepth) {
      this.truncatedDepth = true;
      return;
    }
    for (const child of element.childNodes) {
      if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) {
        this.#addText(context, child.nodeValue ?? '');
      } else if (child.nodeType === ELEMENT_NODE) {
        this.#visitElement(child as DomElement, context, depth + 1);
      }
    }
  }

  #visitElement(element: DomElement, context: Context, depth: number): void {
    const tag = tagOf(element);
    if (SKIPPED_TAGS.has(tag) || isHidden(element)) return;
    const rule = this.#options.ruleFor?.(element, tag);
    if (rule === 'skip') return;
    if (tag === 'br') {
      context.parts.push(context.isHeading ? ' ' : '\n');
      return;
    }
    if (rule === undefined && !BLOCK_TAGS.has(tag)) {
      this.#visitChildren(element, context, depth);
      return;
    }
    this.#flush(context);
    if (tag === 'tr' && rule === undefined && isSimpleRow(element)) {
      this.#pushRow(element, context.kind);
      return;
    }
    const kind = rule === undefined ? this.#kindFor(tag, context.kind) : rule.kind;
    this.visitBlock(element, tag, kind, depth);
  }

  #kindFor(tag: string, inherited: BlockKind | null): BlockKind | null {
    switch (tag) {
      case 'h1':
        return this.#options.h1Kind;
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        return 'heading';
      case 'figcaption':
      case 'caption':
        return 'caption';
      case 'blockquote':
        return 'quote';
      case 'li':
        return 'listItem';
      default:
        return inherited;
    }
  }

  #addText(context: Context, raw: string): void {
    if (context.isPre) {
      for (const [index, line] of raw.split(/\r\n?|\n/).entries()) {
        if (index > 0) context.parts.push('\n');
        context.parts.push(collapseWhitespace(line));
      }
      return;
    }
    context.parts.push(collapseWhitespace(raw));
  }

  #flush(context: Context): void {
    if (context.parts.length === 0) return;
    const text = tidyBlockText(context.parts.join(''));
    context.parts = [];
    if (text === '') return;
    if (context.kind === 'headline' && this.#title !== null && comparableText(text) === this.#title) return;
    this.blocks.push({ text, kind: context.kind });
  }

  #pushRow(row: DomElement, kind: BlockKind | null): void {
    const cells: string[] = [];
    for (const cell of row.childNodes) {
      if (cell.nodeType !== ELEMENT_NODE) continue;
      const text = tidyBlockText(collapseWhitespace(visibleText(cell as DomElement)).replace(/\n/g, ' '));
      if (text !== '') cells.push(text);
    }
    // Cells are joined with a visible separator so that a data table stays readable as one line.
    if (cells.length > 0) this.blocks.push({ text: cells.join(' | '), kind });
  }
}

/** Trims a block and collapses what the joins left: spaces around line breaks, doubled spaces. */
function tidyBlockText(text: string): string {
  return text
    .replace(/ *\n[ \n]*/g, '\n')
    .replace(/ {2,}/g, ' ')
    .replace(/^[\s\n]+|[\s\n]+$/g, '');
}

function isHidden(element: DomElement): boolean {
  if (element.getAttribute('hidden') !== null) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  const style = element.getAttribute('style');
  return style !== null && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** A table row whose cells hold at most one paragraph each: a row of data, read as one line. */
function isSimpleRow(row: DomElement): boolean {
  let cellCount = 0;
  for (const cell of row.childNodes) {
    if (cell.nodeType !== ELEMENT_NODE) continue;
    const cellElement = cell as DomElement;
    const cellTag = tagOf(cellElement);
    if (cellTag !== 'td' && cellTag !== 'th') return false;
    cellCount++;
    let paragraphs = 0;
    for (const descendant of cellElement.querySelectorAll('*')) {
      const innerTag = tagOf(descendant);
      if (innerTag === 'p') paragraphs++;
      else if (BLOCK_TAGS.has(innerTag)) return false;
    }
    if (paragraphs > 1) return false;
  }
  return cellCount > 1;
}

/** Text of the visible descendants, with the same skipping rules as the walker. */
function visibleText(element: DomElement): string {
  const parts: string[] = [];
  const stack: DomNode[] = [element];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) continue;
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      parts.push(node.nodeValue ?? '');
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const child = node as DomElement;
    const tag = tagOf(child);
    if (SKIPPED_TAGS.has(tag) || isHidden(child)) continue;
    if (tag === 'br') parts.push(' ');
    const children = child.childNodes;
    for (let index = children.length - 1; index >= 0; index--) {
      const next = children[index];
      if (next !== undefined) stack.push(next);
    }
  }
  return parts.join('');
}
