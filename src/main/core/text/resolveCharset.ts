import iconv from 'iconv-lite';

/**
 * WHATWG names that iconv-lite spells differently, or for which another decoder is the
 * better choice: GBK text is valid GB18030, and iso-8859-8-i differs from iso-8859-8 only
 * in how a browser lays it out.
 */
const FROM_WHATWG: Readonly<Record<string, string>> = {
  gbk: 'gb18030',
  'x-mac-cyrillic': 'mac-cyrillic',
  'iso-8859-8-i': 'iso-8859-8',
};

/** Labels outside the WHATWG Encoding Standard that iconv-lite decodes, with punctuation removed. */
const NON_WHATWG: Readonly<Record<string, string>> = {
  ibm855: 'ibm855',
  cp855: 'ibm855',
  '855': 'ibm855',
  maccyrillic: 'mac-cyrillic',
  utf32: 'utf-32le',
  utf32le: 'utf-32le',
  utf32be: 'utf-32be',
};

/**
 * The name this app uses for an encoding label (from a <meta charset>, an XML declaration or
 * an HTTP header), or null when it names nothing decodable. Names are lower-case WHATWG names,
 * or iconv-lite's where iconv-lite lacks the WHATWG one (mac-cyrillic) or WHATWG has none
 * (ibm855, utf-32le), so `iconv.decode(bytes, name)` works for all but iso-2022-jp (see
 * decodeWithEncoding). Like browsers, latin1 and iso-8859-1 resolve to windows-1252.
 */
export function resolveCharset(label: string | null | undefined): string | null {
  if (label === null || label === undefined) return null;
  // Python spells codecs with underscores (utf_8, mac_cyrillic), WHATWG with hyphens.
  const trimmed = label.trim().toLowerCase().replace(/_/g, '-');
  if (trimmed === '') return null;
  const known = NON_WHATWG[trimmed.replace(/[^a-z0-9]/g, '')];
  if (known !== undefined) return known;
  let whatwg: string;
  try {
    whatwg = new TextDecoder(trimmed).encoding;
  } catch {
    return iconv.encodingExists(trimmed) ? trimmed : null;
  }
  // 'replacement' stands for encodings browsers refuse to decode (ISO-2022-KR, HZ…).
  if (whatwg === 'replacement' || whatwg === 'x-user-defined') return null;
  return FROM_WHATWG[whatwg] ?? whatwg;
}
