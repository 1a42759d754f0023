import { isUtf8 } from 'node:buffer';
import type { EncodingInfo } from '../../../shared/article.ts';
import { WorkbenchError } from '../../../shared/errors.ts';
import { decodeWithEncoding } from './decodeWithEncoding.ts';
import { rankLegacyEncodings, type EncodingCandidate } from './rankLegacyEncodings.ts';
import { resolveCharset } from './resolveCharset.ts';

export { sniffDeclaredCharset } from './sniffDeclaredCharset.ts';

/** Text decoded from a file's bytes, with how it was decoded. */
export type DecodedText = { text: string; encoding: EncodingInfo };

export type DecodeTextOptions = {
  /** The charset the file declares (HTML <meta>, XML declaration): a hint that loses to the bytes. */
  declaredCharset?: string | null;
};

/** Bytes looked at to tell text from binary and UTF-16 from the rest. */
const SNIFF_LENGTH = 8192;
/** Characters of valid UTF-8 looked at for control characters: binary data is seldom valid UTF-8 for long. */
const FAST_SNIFF_LENGTH = 1024;
/** Share of control bytes beyond which a file is binary rather than text with a few stray controls. */
const MAX_CONTROL_SHARE = 0.01;
/**
 * A best reading whose letters are still this garbled, and whose words match no language, is
 * no reading: EUC-TW, say, which nothing here decodes. A text that is mostly good French with
 * a garbled sentence in it (mojibake made upstream) is still imported as it is.
 */
const MAX_ODDITY = 0.25;
const MIN_FIT_WHEN_ODD = 0.2;
/** Garbled letters and bytes the encoding does not define, together, are a wrong guess even when milder. */
const MAX_ODDITY_WITH_INVALID = 0.1;

type ByteStats = {
  nul: number;
  /** NUL bytes by position modulo 4. */
  nulAt: [number, number, number, number];
  /** C0 control bytes other than tab, line feed, vertical tab, form feed, carriage return and escape; and DEL. */
  controls: number;
};

/** C0 controls other than white space and escape, and DEL: what text files do not contain. */
function isControl(code: number): boolean {
  return code === 0x7f || code < 0x09 || (code > 0x0d && code < 0x20 && code !== 0x1b);
}

function scanBytes(bytes: Uint8Array): ByteStats {
  const nulAt: [number, number, number, number] = [0, 0, 0, 0];
  let nul = 0;
  let controls = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if ((byte >= 0x20 && byte < 0x7f) || byte >= 0x80) continue;
    if (byte === 0) {
      nul++;
      nulAt[i & 3] = (nulAt[i & 3] ?? 0) + 1;
    } else if (isControl(byte)) controls++;
  }
  return { nul, nulAt, controls };
}

/**
 * Signatures of formats that get renamed to .txt, for a clearer message than "binary". All
 * but the last three hold bytes no text starts with; those three are plain ASCII ("GIF8",
 * "%PDF-", "MZ"), so they only name what the other checks have already found to be binary.
 */
const SIGNATURES: readonly (readonly [kind: string, signature: readonly number[]])[] = [
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a ZIP archive (or a Word or OpenDocument file)', [0x50, 0x4b, 0x03, 0x04]],
  ['a ZIP archive', [0x50, 0x4b, 0x05, 0x06]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['a 7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['a RAR archive', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  ['an old Word or Excel document', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['a program', [0x7f, 0x45, 0x4c, 0x46]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['a program', [0x4d, 0x5a]],
];
const TEXT_LIKE_SIGNATURES = 3;

/** What the file's first bytes say it is, and whether that alone rules out text. */
function signatureOf(bytes: Uint8Array): { kind: string; isCertain: boolean } | null {
  const index = SIGNATURES.findIndex(([, signature]) => signature.every((byte, i) => bytes[i] === byte));
  const match = SIGNATURES[index];
  return match === undefined
    ? null
    : { kind: match[0], isCertain: index < SIGNATURES.length - TEXT_LIKE_SIGNATURES };
}

/** A BOM's encoding and length; UTF-32LE's BOM starts like UTF-16LE's, so it is tested first. */
function byteOrderMark(bytes: Uint8Array): { name: string; length: number } | null {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { name: 'utf-8', length: 3 };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { name: 'utf-32le', length: 4 };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { name: 'utf-32be', length: 4 };
  if (b0 === 0xff && b1 === 0xfe) return { name: 'utf-16le', length: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { name: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 or UTF-32 without a BOM, told by where the NUL bytes fall: ASCII characters, spaces
 * and line breaks of UTF-16LE have their zero byte at odd offsets, and so on.
 */
function unicodeByNulPattern(stats: ByteStats, length: number): string | null {
  const [n0, n1, n2, n3] = stats.nulAt;
  const quarter = Math.max(1, length / 4);
  // UTF-32: the top byte of every code point is zero, and the next one almost always.
  if (n3 >= quarter * 0.95 && n2 >= quarter * 0.5 && n0 + n1 < n2 + n3) return 'utf-32le';
  if (n0 >= quarter * 0.95 && n1 >= quarter * 0.5 && n2 + n3 < n0 + n1) return 'utf-32be';
  const even = n0 + n2;
  const odd = n1 + n3;
  const half = Math.max(1, length / 2);
  if (odd >= half * 0.1 && even <= odd * 0.1) return 'utf-16le';
  if (even >= half * 0.1 && odd <= even * 0.1) return 'utf-16be';
  return null;
}

// Decoders keep no state between whole-buffer calls, and making one costs more than decoding 4 KB.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const strictDecoders = {
  'utf-16le': new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }),
  'utf-16be': new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true }),
};

function decodeStrict(bytes: Uint8Array, name: keyof typeof strictDecoders): string | null {
  try {
    return strictDecoders[name].decode(bytes);
  } catch {
    return null;
  }
}

/**
 * How many bytes at the end start a UTF-8 sequence the file was cut off in the middle of (a
 * truncated download, a file split by size): 0 when the last sequence is complete.
 */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? back : 0;
    }
  }
  return 0;
}

/** ISO-2022-JP is 7-bit: it shows only as escape sequences switching to JIS X 0208 (ESC $ B, ESC $ @). */
function isIso2022Jp(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0x1b); i >= 0 && i < bytes.length - 2; i = bytes.indexOf(0x1b, i + 1)) {
    if (bytes[i + 1] === 0x24 && (bytes[i + 2] === 0x42 || bytes[i + 2] === 0x40)) return true;
  }
  return false;
}

/**
 * 0..1 from how clean the best reading is and how far ahead of the next one that decodes
 * differently: a lead of 0.5 in score is a clear win.
 */
function confidenceOf(best: EncodingCandidate, others: readonly EncodingCandidate[]): number {
  const clean = Math.max(0, 1 - best.rate);
  const runnerUp = others.find((candidate) => candidate.sample !== best.sample);
  const lead = runnerUp === undefined ? 1 : Math.min(1, Math.max(0, runnerUp.score - best.score) / 0.5);
  return Math.round(clean * (0.6 + 0.4 * lead) * 100) / 100;
}

/**
 * Finds the encoding of a text file's bytes and decodes it. In order: a byte order mark; the
 * signature of a binary format (rejected); valid UTF-8, the fast path (or ISO-2022-JP, which
 * is 7-bit); UTF-16/32 without a BOM, told by the pattern of NUL bytes; other NUL or control
 * bytes (binary, rejected); and otherwise the legacy encodings, ranked by how readable their
 * decoding is (see rankLegacyEncodings). The declared charset is only a tie-breaker there, so
 * a charset that lies is caught. The text keeps everything but the BOM.
 * @throws WorkbenchError EMPTY_FILE, BINARY_CONTENT, or DECODE_FAILED when no encoding reads well.
 */
export function decodeText(bytes: Uint8Array, options: DecodeTextOptions = {}): DecodedText {
  const declaredLabel = options.declaredCharset?.trim().toLowerCase();
  const declaredOrNull = declaredLabel === undefined || declaredLabel === '' ? null : declaredLabel;
  if (bytes.length === 0) throw new WorkbenchError('EMPTY_FILE', 'The file is empty.');

  const bom = byteOrderMark(bytes);
  if (bom !== null) {
    const text = decodeWithEncoding(bytes.subarray(bom.length), bom.name);
    return { text, encoding: { name: bom.name, confidence: 1, declared: declaredOrNull, bom: true } };
  }
  const signature = signatureOf(bytes);
  if (signature?.isCertain === true) throw binaryContent(signature.kind);
  const declared = resolveCharset(declaredOrNull);

  // The fast path: valid UTF-8 (checked natively, by simdutf) without control characters is UTF-8.
  // NULs are valid UTF-8 too, so UTF-16 text and binary data take the slow path below.
  const cutShort = incompleteTail(bytes);
  if (isUtf8(bytes.subarray(0, bytes.length - cutShort))) {
    const text = utf8.decode(bytes);
    const start = text.slice(0, FAST_SNIFF_LENGTH);
    if (countControls(start) <= start.length * MAX_CONTROL_SHARE) {
      if (text.includes('\u001b') && isIso2022Jp(bytes)) {
        return {
          text: new TextDecoder('iso-2022-jp').decode(bytes),
          encoding: { name: 'iso-2022-jp', confidence: 0.9, declared: declaredOrNull, bom: false },
        };
      }
      // Pure ASCII (one character per byte) reads the same in any ASCII-compatible charset, so the declared one stands.
      const isAscii = text.length === bytes.length;
      const name = isAscii && declared !== null && !/^utf-(16|32)/.test(declared) ? declared : 'utf-8';
      return {
        text,
        encoding: { name, confidence: cutShort > 0 ? 0.9 : 1, declared: declaredOrNull, bom: false },
      };
    }
  }

  const nearly = nearlyUtf8(bytes);
  if (nearly !== null) {
    return {
      text: nearly,
      encoding: { name: 'utf-8', confidence: 0.8, declared: declaredOrNull, bom: false },
    };
  }

  const head = bytes.subarray(0, SNIFF_LENGTH);
  const stats = scanBytes(head);
  if (stats.nul > 0) {
    const name = unicodeByNulPattern(stats, head.length);
    const text = name === null ? null : decodeUnicode(bytes, name);
    if (name === null || text === null) throw binaryContent(signature?.kind);
    return { text, encoding: { name, confidence: 0.9, declared: declaredOrNull, bom: false } };
  }
  if (stats.controls > head.length * MAX_CONTROL_SHARE) throw binaryContent(signature?.kind);

  const [best, ...others] = rankLegacyEncodings(bytes, declared);
  if (
    best === undefined ||
    (best.oddity > MAX_ODDITY && best.fit < MIN_FIT_WHEN_ODD) ||
    (best.invalid > 0 && best.oddity > MAX_ODDITY_WITH_INVALID)
  ) {
    throw new WorkbenchError(
      'DECODE_FAILED',
      'The text encoding could not be recognised: no known encoding gives readable text.',
    );
  }
  const text = decodeWithEncoding(bytes, best.name);
  return {
    text,
    encoding: {
      name: best.name,
      confidence: confidenceOf(best, others),
      declared: declaredOrNull,
      bom: false,
    },
  };
}

/** Valid multi-byte UTF-8 characters needed before a few broken sequences are taken for damage. */
const MIN_MULTIBYTE_FOR_NEARLY_UTF8 = 8;
/** Broken sequences allowed per valid multi-byte character in nearly-UTF-8 text. */
const MAX_BROKEN_PER_MULTIBYTE = 1 / 50;

/**
 * UTF-8 text with a few broken sequences (a stray byte from a bad copy, a truncated
 * character in the middle), decoded with U+FFFD for each, or null. Legacy 8-bit text seldom
 * forms valid multi-byte UTF-8 sequences at all, so many valid ones with very few broken
 * ones is UTF-8 damaged in places, not another encoding: read as windows-1255, say, every
 * accented letter of a French article would become Hebrew.
 */
function nearlyUtf8(bytes: Uint8Array): string | null {
  const text = utf8.decode(bytes);
  let broken = 0;
  let multibyte = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;
    if (code === 0xfffd) broken++;
    else multibyte++;
  }
  if (multibyte < MIN_MULTIBYTE_FOR_NEARLY_UTF8 || broken > multibyte * MAX_BROKEN_PER_MULTIBYTE) return null;
  const start = text.slice(0, FAST_SNIFF_LENGTH);
  return countControls(start) <= start.length * MAX_CONTROL_SHARE ? text : null;
}

function binaryContent(kind: string | undefined): WorkbenchError {
  return new WorkbenchError(
    'BINARY_CONTENT',
    kind === undefined
      ? 'The file holds binary data, not text.'
      : `The file holds binary data (it looks like ${kind}), not text.`,
  );
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]/g;

/** C0 controls other than white space and escape, and DEL, in a decoded text. */
function countControls(text: string): number {
  return text.match(CONTROLS)?.length ?? 0;
}

/** UTF-16/32 text, or null when the bytes do not decode or decode to control characters (binary data). */
function decodeUnicode(bytes: Uint8Array, name: string): string | null {
  const text =
    name === 'utf-16le' || name === 'utf-16be' ? decodeStrict(bytes, name) : decodeWithEncoding(bytes, name);
  if (text === null || text.includes('\ufffd')) return null;
  const head = text.slice(0, SNIFF_LENGTH);
  return countControls(head) > head.length * MAX_CONTROL_SHARE ? null : text;
}
