import iconv from 'iconv-lite';
import type { TrigramScript } from './profileTrigrams.ts';

/**
 * How much a decoded text looks like a wrong guess of its encoding. Every decoder maps ASCII
 * the same way, so only what the bytes 0x80-0xFF became tells candidates apart: each oddity
 * there costs points, and the sum is divided by the number of such bytes.
 */
export type Implausibility = {
  /** Cost per byte above 0x7F: about 0 for a right guess, 1 and more for mojibake. */
  rate: number;
  /** The same without the cost of invalid characters: how garbled the readable part is. */
  oddity: number;
  /** U+FFFD, control characters and private-use characters. */
  invalid: number;
  /** The script of most letters outside ASCII, when franc has trigram models for it. */
  script: TrigramScript | null;
};

// A character's class: kind in bits 0-2, case in bits 3-4, script in bits 5-8, flags from bit 9.
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const SPACE = 3;
const PUNCT = 4;
const SYMBOL = 5;
const INVALID = 6;
const MARK = 7;
const KIND = 7;
const UPPER = 1 << 3;
const LOWER = 2 << 3;
const SCRIPT_SHIFT = 5;
const SCRIPT_MASK = 15;
/** A symbol that does sit against letters in real text ("25°C", "Acme®", "№5"). */
const ATTACHABLE = 1 << 9;
/** Punctuation that does sit inside words: apostrophes, hyphens, the middle dot, Hebrew geresh. */
const IN_WORD = 1 << 10;
/**
 * Serbian and Macedonian letters, and Icelandic ð and þ: real in those languages, but also
 * what windows-1251 makes of Russian capitals in mac-cyrillic, and windows-1252 of Turkish ğ and ş.
 */
const RARE = 1 << 11;
/** An ASCII letter shaped like a Cyrillic one: typists mix them in ("вiн"), decoders do not. */
const HOMOGLYPH = 1 << 12;

const LATIN = 1;
const GREEK = 2;
const CYRILLIC = 3;
const HEBREW = 4;
const ARABIC = 5;
const THAI = 6;
const HAN = 7;
const KANA = 8;
const HANGUL = 9;
const OTHER_SCRIPT = 10;
const SCRIPT_IDS = 11;
const TRIGRAM_SCRIPTS: ReadonlyMap<number, TrigramScript> = new Map([
  [LATIN, 'Latin'],
  [CYRILLIC, 'Cyrillic'],
  [ARABIC, 'Arabic'],
  [HEBREW, 'Hebrew'],
]);
const HAN_LETTER = LETTER | (HAN << SCRIPT_SHIFT);
const KANA_LETTER = LETTER | (KANA << SCRIPT_SHIFT);
const HANGUL_LETTER = LETTER | (HANGUL << SCRIPT_SHIFT);

// What each oddity costs.
const COST_INVALID = 12;
const COST_SYMBOL_INSIDE_WORD = 6;
const COST_SYMBOL_BESIDE_LETTER = 2.5;
const COST_SCRIPT_SWITCH = 5;
const COST_CASE_SWITCH = 4;
const COST_PUNCTUATION_INSIDE_WORD = 3;
const COST_RARE_LETTER = 2;
const COST_RARE_IDEOGRAPH = 1.5;
const COST_RARE_HANGUL = 3;
const COST_HALFWIDTH_KANA = 2;
const COST_SPACED_IDEOGRAPHS = 0.5;

/** Punctuation that code pages hold but text rarely uses: a wrong code page produces it inside words. */
const RARE_PUNCTUATION = '†‡•‰‹›¦¨¯´¸¤¬¡¿';

let table: Uint16Array | undefined;
let frequentCjk: Uint8Array | undefined;

function scriptOfLetter(code: number): number {
  if (code < 0x250 || (code >= 0x1e00 && code < 0x1f00)) return LATIN;
  if ((code >= 0x370 && code < 0x400) || (code >= 0x1f00 && code < 0x2000)) return GREEK;
  if (code >= 0x400 && code < 0x530) return CYRILLIC;
  if (code >= 0x590 && code < 0x600) return HEBREW;
  if (code >= 0x600 && code < 0x900) return ARABIC;
  if (code >= 0xe00 && code < 0xe80) return THAI;
  return OTHER_SCRIPT;
}

function flag(classes: Uint16Array, chars: string, bit: number): void {
  for (const char of chars) classes[char.charCodeAt(0)] = (classes[char.charCodeAt(0)] ?? 0) | bit;
}

/**
 * Classes of the characters of the Basic Multilingual Plane, from Unicode's general
 * categories below U+3000 (what single-byte code pages decode to) and by block above;
 * built once, on the first file that is not UTF-8.
 */
function classTable(): Uint16Array {
  if (table) return table;
  const classes = new Uint16Array(0x10000);
  for (let code = 0; code < 0x3000; code++) {
    const char = String.fromCharCode(code);
    let value: number;
    if (code >= 0xd800 && code <= 0xdfff) value = OTHER;
    else if (/\p{L}/u.test(char)) {
      const caseBits = /\p{Lu}/u.test(char) ? UPPER : /\p{Ll}/u.test(char) ? LOWER : 0;
      value = LETTER | caseBits | (scriptOfLetter(code) << SCRIPT_SHIFT);
    } else if (/\p{M}/u.test(char)) value = MARK;
    else if (/\p{Nd}/u.test(char)) value = DIGIT;
    else if (/\s/u.test(char)) value = SPACE;
    else if (/[\p{Cc}\p{Cn}\p{Co}]/u.test(char)) value = INVALID;
    else if (/\p{P}/u.test(char) || code < 0x80) value = PUNCT;
    else if (/[\p{S}\p{No}]/u.test(char)) value = SYMBOL;
    else value = OTHER;
    classes[code] = value;
  }
  for (const code of [0x09, 0x0a, 0x0b, 0x0c, 0x0d]) classes[code] = SPACE;
  for (const char of RARE_PUNCTUATION) classes[char.charCodeAt(0)] = SYMBOL;
  classes.fill(SPACE, 0x3000, 0x3001);
  classes.fill(PUNCT, 0x3001, 0x3040);
  classes.fill(KANA_LETTER, 0x3040, 0x3100);
  classes[0x30fb] = PUNCT;
  classes.fill(HANGUL_LETTER, 0x3130, 0x3190);
  classes.fill(KANA_LETTER, 0x31f0, 0x3200);
  classes.fill(HAN_LETTER, 0x3400, 0x4dc0);
  classes.fill(HAN_LETTER, 0x4e00, 0xa000);
  classes.fill(HANGUL_LETTER, 0xac00, 0xd7a4);
  // A high surrogate stands for a supplementary character: in practice a rare ideograph or an emoji.
  classes.fill(HAN_LETTER, 0xd800, 0xdc00);
  classes.fill(INVALID, 0xe000, 0xf900);
  classes.fill(HAN_LETTER, 0xf900, 0xfb00);
  classes.fill(PUNCT, 0xff00, 0xff61);
  classes.fill(KANA_LETTER, 0xff61, 0xffa0);
  classes.fill(INVALID, 0xfffd, 0x10000);
  flag(classes, '°®™©№′″', ATTACHABLE);
  flag(classes, '’‘ʼ‐‑·‧־׳״', IN_WORD);
  flag(classes, 'ЂђЃѓЉљЊњЌќЋћЏџЅѕЈјðþÐÞ', RARE);
  flag(classes, 'aceiopxyABCEHIKMOPTXY', HOMOGLYPH);
  table = classes;
  return classes;
}

/** Decodes every pair of a double-byte range with iconv-lite and marks the characters in `into`. */
function markRange(
  into: Uint8Array,
  encoding: string,
  leads: [number, number],
  trails: [number, number],
): void {
  const bytes: number[] = [];
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (let trail = trails[0]; trail <= trails[1]; trail++) bytes.push(lead, trail);
  }
  const text = iconv.decode(Buffer.from(bytes), encoding);
  for (let i = 0; i < text.length; i++) into[text.charCodeAt(i)] = 1;
}

/**
 * The ideographs and syllables that national standards rank as frequent: GB 2312 level 1
 * (3,755), Big5's frequent block (5,401), JIS X 0208 level 1 (2,965) and the 2,350 Hangul
 * syllables of KS X 1001. Bytes of another encoding decoded as CJK land mostly elsewhere.
 */
function frequentCjkTable(): Uint8Array {
  if (frequentCjk) return frequentCjk;
  const frequent = new Uint8Array(0x10000);
  markRange(frequent, 'gb18030', [0xb0, 0xd7], [0xa1, 0xfe]);
  markRange(frequent, 'big5', [0xa4, 0xc5], [0x40, 0x7e]);
  markRange(frequent, 'big5', [0xa4, 0xc5], [0xa1, 0xfe]);
  markRange(frequent, 'shift_jis', [0x88, 0x98], [0x40, 0xfc]);
  markRange(frequent, 'euc-kr', [0xb0, 0xc8], [0xa1, 0xfe]);
  frequentCjk = frequent;
  return frequent;
}

function isCjk(characterClass: number): boolean {
  const script = (characterClass >> SCRIPT_SHIFT) & SCRIPT_MASK;
  return script === HAN || script === KANA || script === HANGUL;
}

/**
 * Measures how implausible a decoding is: U+FFFD and control characters; symbols inside or
 * against words ("Ã©", "Ø§", "c½ur"); scripts switching inside a word; lower case followed by
 * upper case inside a word (KOI8-R read as windows-1251 gives "пРИВЕТ"); rare letters; and, for
 * CJK, ideographs and syllables outside the frequent sets of the national standards. Only
 * characters outside ASCII are judged, each once its neighbours are known.
 */
export function measureImplausibility(text: string, highBytes: number): Implausibility {
  const classes = classTable();
  const frequent = frequentCjkTable();
  const byScript = new Int32Array(SCRIPT_IDS);
  let cost = 0;
  let invalid = 0;
  let before = SPACE;
  let current = SPACE;
  let currentCode = 0x20;
  let currentSpaced = false;
  let nextSpaced = false;
  let lastWasIdeograph = false;

  const length = text.length;
  for (let i = 0; i <= length; i++) {
    const code = i < length ? text.charCodeAt(i) : 0x20;
    const next = classes[code] ?? 0;
    const nextKind = next & KIND;
    // Chinese and Japanese put no spaces between ideographs; Korean read as GBK does.
    if (next === HAN_LETTER) {
      nextSpaced = lastWasIdeograph && current === SPACE;
      lastWasIdeograph = true;
    } else if (nextKind !== SPACE) {
      lastWasIdeograph = false;
    }

    if (currentCode >= 0x80) {
      const kind = current & KIND;
      if (kind === LETTER) {
        const script = (current >> SCRIPT_SHIFT) & SCRIPT_MASK;
        byScript[script] = (byScript[script] ?? 0) + 1;
        if ((current & RARE) !== 0) cost += COST_RARE_LETTER;
        if ((before & KIND) === LETTER) {
          const previousScript = (before >> SCRIPT_SHIFT) & SCRIPT_MASK;
          const joins =
            previousScript === script ||
            ((previousScript === HAN || previousScript === KANA) && (script === HAN || script === KANA));
          if (!joins) {
            if (!(script === CYRILLIC && (before & HOMOGLYPH) !== 0)) cost += COST_SCRIPT_SWITCH;
          } else if ((before & LOWER) !== 0 && (current & UPPER) !== 0) {
            cost += COST_CASE_SWITCH;
          }
        }
        if (script === HAN) {
          if (currentCode < 0xd800 || currentCode >= 0xe000) {
            if (frequent[currentCode] === 0) cost += COST_RARE_IDEOGRAPH;
          } else {
            cost += COST_RARE_IDEOGRAPH;
          }
          if (currentSpaced) cost += COST_SPACED_IDEOGRAPHS;
        } else if (script === HANGUL) {
          if (currentCode >= 0xac00 && frequent[currentCode] === 0) cost += COST_RARE_HANGUL;
        } else if (script === KANA && currentCode >= 0xff61) {
          cost += COST_HALFWIDTH_KANA;
        }
      } else if (kind === INVALID) {
        invalid++;
        cost += COST_INVALID;
      } else if (kind === SYMBOL) {
        if ((current & ATTACHABLE) === 0) {
          const left = (before & KIND) === LETTER;
          const right = nextKind === LETTER;
          if (left && right) cost += COST_SYMBOL_INSIDE_WORD;
          else if (left || right) cost += COST_SYMBOL_BESIDE_LETTER;
        }
      } else if (kind === PUNCT) {
        // Chinese and Japanese punctuation sits between ideographs: there are no spaces to sit between.
        if (
          (before & KIND) === LETTER &&
          nextKind === LETTER &&
          (current & IN_WORD) === 0 &&
          currentCode < 0x3000 &&
          !isCjk(before) &&
          !isCjk(next)
        ) {
          cost += COST_PUNCTUATION_INSIDE_WORD;
        }
      }
    }

    before = current;
    current = next;
    currentCode = code;
    currentSpaced = nextSpaced;
  }

  let dominant = 0;
  for (let script = 1; script < SCRIPT_IDS; script++) {
    if ((byScript[script] ?? 0) > (byScript[dominant] ?? 0)) dominant = script;
  }
  return {
    rate: cost / Math.max(1, highBytes),
    oddity: (cost - invalid * COST_INVALID) / Math.max(1, highBytes),
    invalid,
    script: TRIGRAM_SCRIPTS.get(dominant) ?? null,
  };
}
