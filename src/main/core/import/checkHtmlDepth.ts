import { WorkbenchError } from '../../../shared/errors.ts';

// The rules below mirror htmlparser2 10 (the parser inside linkedom): which tags close
// which, which are void, which hold raw text. An estimate that is lower than the real
// tree would let a hostile page through to Readability, whose recursive helpers
// (_cleanStyles, _hasChildBlockElement) overflow the stack on very deep trees.
const P_TAG = new Set(['p']);
const FORM_TAGS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const TABLE_SECTION_TAGS = new Set(['thead', 'tbody']);
const DD_DT_TAGS = new Set(['dd', 'dt']);
const RT_RP_TAGS = new Set(['rt', 'rp']);
const OPEN_IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['select', FORM_TAGS],
  ['input', FORM_TAGS],
  ['output', FORM_TAGS],
  ['button', FORM_TAGS],
  ['datalist', FORM_TAGS],
  ['textarea', FORM_TAGS],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT_TAGS],
  ['dt', DD_DT_TAGS],
  ['rt', RT_RP_TAGS],
  ['rp', RT_RP_TAGS],
  ['tbody', TABLE_SECTION_TAGS],
  ['tfoot', TABLE_SECTION_TAGS],
  ...[
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((tag): [string, ReadonlySet<string>] => [tag, P_TAG]),
]);
const VOID_TAGS = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const RAW_TEXT_TAGS = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
const FOREIGN_TAGS = new Set(['svg', 'math']);
const INTEGRATION_TAGS = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
]);

/**
 * Rejects HTML nested deeper than `maxDepth` elements, without building a DOM: one pass
 * over the tags, keeping only the stack of open tag names.
 */
export function checkHtmlDepth(html: string, maxDepth: number): void {
  if (measureHtmlDepth(html, maxDepth) > maxDepth) {
    throw new WorkbenchError(
      'HTML_TOO_DEEP',
      `The page nests its elements more than ${maxDepth} levels deep, which no real article does; it was not opened, to protect the app.`,
    );
  }
}

/** The deepest element nesting linkedom would build, or the first depth above `stopAbove`. */
export function measureHtmlDepth(html: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: string[] = [];
  const foreign: boolean[] = [];
  let position = 0;
  const length = html.length;
  while (position < length) {
    const open = html.indexOf('<', position);
    if (open === -1 || open + 1 >= length) return deepest;
    const next = html.charCodeAt(open + 1);
    if (next === 0x21 /* ! */) {
      position = skipDeclaration(html, open);
      continue;
    }
    if (next === 0x3f /* ? */) {
      position = endOf(html, '>', open);
      continue;
    }
    const isClosing = next === 0x2f; /* / */
    const nameStart = isClosing ? open + 2 : open + 1;
    if (!isAsciiLetter(html.charCodeAt(nameStart))) {
      // "</ " and "</>" are bogus comments in the tokenizer; "< " is text.
      position = isClosing ? endOf(html, '>', open) : open + 1;
      continue;
    }
    let nameEnd = nameStart;
    while (nameEnd < length && !isNameEnd(html.charCodeAt(nameEnd))) nameEnd++;
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    const tagEnd = endOfTag(html, nameEnd);
    position = tagEnd;
    if (isClosing) {
      closeTag(stack, foreign, name);
      continue;
    }
    const isSelfClosing = isSelfClosingTag(html, nameEnd, tagEnd);
    const closes = OPEN_IMPLIES_CLOSE.get(name);
    if (closes !== undefined) {
      while (stack.length > 0 && closes.has(stack[stack.length - 1] ?? '')) popTag(stack, foreign);
    }
    if (VOID_TAGS.has(name)) {
      deepest = Math.max(deepest, stack.length + 1);
      continue;
    }
    const isForeign =
      FOREIGN_TAGS.has(name) || (!INTEGRATION_TAGS.has(name) && foreign[foreign.length - 1] === true);
    // htmlparser2 honours "/>" only in svg/math content; elsewhere <div/> stays open.
    if (isSelfClosing && isForeign) {
      deepest = Math.max(deepest, stack.length + 1);
      continue;
    }
    stack.push(name);
    if (FOREIGN_TAGS.has(name)) foreign.push(true);
    else if (INTEGRATION_TAGS.has(name)) foreign.push(false);
    if (stack.length > deepest) {
      deepest = stack.length;
      if (deepest > stopAbove) return deepest;
    }
    if (RAW_TEXT_TAGS.has(name) && !isSelfClosing) {
      const close = indexOfIgnoreCase(html, `</${name}`, position);
      position = close === -1 ? length : close;
    }
  }
  return deepest;
}

function closeTag(stack: string[], foreign: boolean[], name: string): void {
  if (VOID_TAGS.has(name)) return;
  const index = stack.lastIndexOf(name);
  if (index === -1) return;
  while (stack.length > index) popTag(stack, foreign);
}

function popTag(stack: string[], foreign: boolean[]): void {
  const name = stack.pop();
  if (name !== undefined && (FOREIGN_TAGS.has(name) || INTEGRATION_TAGS.has(name))) foreign.pop();
}

function skipDeclaration(html: string, open: number): number {
  if (html.startsWith('<!--', open)) {
    // "<!-->" and "<!--->" are complete (empty) comments for the tokenizer.
    let cursor = open + 4;
    while (html.charCodeAt(cursor) === 0x2d) cursor++;
    return html.charCodeAt(cursor) === 0x3e ? cursor + 1 : endOf(html, '-->', cursor);
  }
  if (html.startsWith('<![CDATA[', open)) return endOf(html, ']]>', open + 9);
  return endOf(html, '>', open);
}

/** Index just past `needle`, or the end of the input. */
function endOf(html: string, needle: string, from: number): number {
  const index = html.indexOf(needle, from);
  return index === -1 ? html.length : index + needle.length;
}

/** Index just past the ">" that ends a tag, skipping quoted attribute values. */
function endOfTag(html: string, from: number): number {
  let quote = 0;
  for (let index = from; index < html.length; index++) {
    const code = html.charCodeAt(index);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 0x22 || code === 0x27) {
      // A quote only opens a value right after "=" (and optional spaces).
      if (isAfterEquals(html, index)) quote = code;
    } else if (code === 0x3e) {
      return index + 1;
    }
  }
  return html.length;
}

/** "/>" closes a tag only when the slash is not the end of an unquoted attribute value. */
function isSelfClosingTag(html: string, nameEnd: number, tagEnd: number): boolean {
  const slash = tagEnd - 2;
  if (slash < nameEnd || html.charCodeAt(slash) !== 0x2f) return false;
  if (slash === nameEnd) return true;
  const before = html.charCodeAt(slash - 1);
  return isSpace(before) || before === 0x22 || before === 0x27;
}

function isAfterEquals(html: string, index: number): boolean {
  let cursor = index - 1;
  while (cursor >= 0 && isSpace(html.charCodeAt(cursor))) cursor--;
  return html.charCodeAt(cursor) === 0x3d;
}

function indexOfIgnoreCase(html: string, needle: string, from: number): number {
  const pattern = new RegExp(needle.replace('/', '\\/'), 'ig');
  pattern.lastIndex = from;
  const match = pattern.exec(html);
  return match === null ? -1 : match.index;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

function isNameEnd(code: number): boolean {
  return isSpace(code) || code === 0x2f || code === 0x3e;
}
