import type { Direction } from '../../../shared/article.ts';

/**
 * Languages written right to left (ISO 639-1, plus ISO 639-3 where 639-1 has no code of its
 * own: 'ckb' is Sorani, whereas 'ku' also covers Kurmanji, which is written in Latin letters).
 */
const RTL_LANGUAGES: ReadonlySet<string> = new Set([
  'ar',
  'fa',
  'he',
  'iw',
  'ur',
  'ps',
  'yi',
  'sd',
  'ckb',
  'dv',
  'ug',
]);

/** Bidi class R or AL: Hebrew, Arabic, Syriac, Thaana, N'Ko and the other right-to-left blocks. */
function isStrongRtl(code: number): boolean {
  return (
    (code >= 0x0590 && code <= 0x08ff && !isWeakInRtlBlock(code)) ||
    code === 0x200f ||
    (code >= 0xfb1d && code <= 0xfdff) ||
    (code >= 0xfe70 && code <= 0xfefe) ||
    (code >= 0x10800 && code <= 0x10fff) ||
    (code >= 0x1e800 && code <= 0x1efff)
  );
}

/** Digits, combining marks and separators inside the right-to-left blocks, which do not set a direction. */
function isWeakInRtlBlock(code: number): boolean {
  return (
    (code >= 0x0591 && code <= 0x05bd) ||
    code === 0x05bf ||
    code === 0x05c1 ||
    code === 0x05c2 ||
    code === 0x05c4 ||
    code === 0x05c5 ||
    code === 0x05c7 ||
    (code >= 0x0600 && code <= 0x0605) ||
    (code >= 0x0610 && code <= 0x061a) ||
    (code >= 0x064b && code <= 0x066c) ||
    code === 0x0670 ||
    (code >= 0x06d6 && code <= 0x06e4) ||
    (code >= 0x06e7 && code <= 0x06ed) ||
    (code >= 0x06f0 && code <= 0x06f9)
  );
}

/** Bidi class L, approximated by "a letter outside the right-to-left blocks" (plus the left-to-right mark). */
function isStrongLtr(char: string, code: number): boolean {
  if (code < 0x80) return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
  return code === 0x200e || /\p{L}/u.test(char);
}

/**
 * The writing direction of a block: right to left for a language written that way, and
 * otherwise the direction of its first strong character (the Unicode bidi rule P2), so a
 * block of Arabic whose language could not be told ('und') is still right to left, while
 * "Al Mayadeen الميادين" is left to right.
 */
export function detectDirection(text: string, language: string): Direction {
  const base = language.toLowerCase().split(/[-_]/)[0] ?? '';
  if (RTL_LANGUAGES.has(base)) return 'rtl';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (isStrongRtl(code)) return 'rtl';
    if (isStrongLtr(char, code)) return 'ltr';
  }
  return 'ltr';
}
