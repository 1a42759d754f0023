// Browsers look for <meta charset> in the first 1024 bytes; scraped pages put scripts and
// styles first often enough that a little more is worth reading.
const SNIFF_LENGTH = 4096;

const XML_DECLARATION = /^(?:\u00ef\u00bb\u00bf)?\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']\s*([\w.:+-]+)/i;
// <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
const META_CHARSET = /<meta\s[^>]*?\bcharset\s*=\s*["']?\s*([\w.:+-]+)/i;

/**
 * The charset an HTML or XML file says it is written in (`<meta charset>`, a content-type
 * `<meta http-equiv>`, or the XML declaration's `encoding`), lower-cased, or null. Only a
 * hint: decodeText checks it against the bytes, since pages saved by hand often lie.
 */
export function sniffDeclaredCharset(bytes: Uint8Array): string | null {
  // Latin-1 maps every byte to one character, so ASCII markup reads the same in any ASCII-compatible encoding.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, SNIFF_LENGTH));
  const match = XML_DECLARATION.exec(head) ?? META_CHARSET.exec(head);
  const label = match?.[1]?.toLowerCase();
  return label === undefined || label === '' ? null : label;
}
