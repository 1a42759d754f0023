/**
 * Bumped whenever folding or tokenising changes what the search index holds: an index
 * built with another version is rebuilt on open.
 */
export const FOLDING_VERSION = 1;

/**
 * Letters whose folding is a choice rather than a Unicode decomposition. Arabic follows
 * Lucene's Arabic and Persian normalisers (alef forms, alef maqsura, ta marbuta, Persian
 * yeh, keheh and heh forms); ؤ and ئ keep their hamza, as there, because folding them
 * merges unrelated words. ё → е is what Russian search engines do.
 */
const SPECIAL = new Map<string, string>([
  ['ß', 'ss'],
  ['ẞ', 'ss'],
  ['ı', 'i'],
  ['ſ', 's'],
  ['æ', 'ae'],
  ['Æ', 'ae'],
  ['œ', 'oe'],
  ['Œ', 'oe'],
  ['ø', 'o'],
  ['Ø', 'o'],
  ['ł', 'l'],
  ['Ł', 'l'],
  ['đ', 'd'],
  ['Đ', 'd'],
  ['ð', 'd'],
  ['Ð', 'd'],
  ['þ', 'th'],
  ['Þ', 'th'],
  ['ħ', 'h'],
  ['Ħ', 'h'],
  ['ŧ', 't'],
  ['Ŧ', 't'],
  ['ς', 'σ'],
  ['ё', 'е'],
  ['Ё', 'е'],
  ['ٱ', 'ا'],
  ['ٲ', 'ا'],
  ['ٳ', 'ا'],
  ['ٵ', 'ا'],
  ['ى', 'ي'],
  ['ی', 'ي'],
  ['ې', 'ي'],
  ['ة', 'ه'],
  ['ۀ', 'ه'],
  ['ہ', 'ه'],
  ['ە', 'ه'],
  ['ک', 'ك'],
  ['ؤ', 'ؤ'],
  ['ئ', 'ئ'],
  // Tatweel only stretches a word on the line.
  ['ـ', ''],
  // Soft hyphens and joiners sit inside words in scraped pages; ZWNJ separates the parts of a
  // Persian word that users also type with a space (Lucene's PersianCharFilter does the same).
  ['\u00ad', ''],
  ['\u200b', ' '],
  ['\u200c', ' '],
  ['\u200d', ''],
  ['\u2060', ''],
  ['\ufeff', ''],
  ...Array.from('٠١٢٣٤٥٦٧٨٩', (digit, value): [string, string] => [digit, String(value)]),
  ...Array.from('۰۱۲۳۴۵۶۷۸۹', (digit, value): [string, string] => [digit, String(value)]),
]);

/** Combining marks removed after decomposition: Latin, Greek and generic diacritics, Arabic tashkeel and Quranic marks, Hebrew points. */
function isStrippedMark(code: number): boolean {
  return (
    (code >= 0x0300 && code <= 0x036f) ||
    (code >= 0x1ab0 && code <= 0x1aff) ||
    (code >= 0x1dc0 && code <= 0x1dff) ||
    (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe20 && code <= 0xfe2f) ||
    (code >= 0x0610 && code <= 0x061a) ||
    (code >= 0x064b && code <= 0x065f) ||
    code === 0x0670 ||
    (code >= 0x06d6 && code <= 0x06dc) ||
    (code >= 0x06df && code <= 0x06e4) ||
    code === 0x06e7 ||
    code === 0x06e8 ||
    (code >= 0x06ea && code <= 0x06ed) ||
    (code >= 0x0591 && code <= 0x05bd) ||
    code === 0x05bf ||
    code === 0x05c1 ||
    code === 0x05c2 ||
    code === 0x05c4 ||
    code === 0x05c5 ||
    code === 0x05c7
  );
}

/**
 * Letters that decomposition would break apart: Cyrillic й and ї are letters of their own,
 * not и and і with a mark; Hangul syllables would fall into jamo and kana would lose their
 * voicing marks. They are only lower-cased.
 */
function isKeptWhole(code: number): boolean {
  return (
    (code >= 0x0400 && code <= 0x052f) ||
    (code >= 0x1c80 && code <= 0x1c8f) ||
    (code >= 0x2de0 && code <= 0x2dff) ||
    (code >= 0xa640 && code <= 0xa69f) ||
    (code >= 0x1100 && code <= 0x11ff) ||
    (code >= 0x3040 && code <= 0x30ff) ||
    (code >= 0x3130 && code <= 0x318f) ||
    (code >= 0x31f0 && code <= 0x31ff) ||
    (code >= 0xa960 && code <= 0xa97f) ||
    (code >= 0xac00 && code <= 0xd7ff)
  );
}

/** The folded form of one code point (which may be empty or longer). */
function foldCodePoint(char: string): string {
  const special = SPECIAL.get(char);
  if (special !== undefined) return special;
  const code = char.codePointAt(0) ?? 0;
  if (isKeptWhole(code)) return char.toLowerCase();
  let folded = '';
  for (const part of char.normalize('NFKD').toLowerCase()) {
    if (isStrippedMark(part.codePointAt(0) ?? 0)) continue;
    folded += SPECIAL.get(part) ?? part;
  }
  return folded;
}

const MARK = /^\p{M}$/u;
const UNKNOWN = 0;
const UNCHANGED = 1;
const CHANGED = 2;
const COMBINING = 3;
/** Per BMP code unit, learnt on first sight: UNKNOWN, UNCHANGED or CHANGED by folding, or a COMBINING mark. */
const kinds = new Uint8Array(0x10000);
/** Per BMP code unit of kind CHANGED (or COMBINING): its folded form. */
const foldTable = new Map<number, string>();
/** Astral characters and characters with combining marks, folded once and remembered. */
const clusterCache = new Map<string, string | null>();

function learn(code: number): number {
  const char = String.fromCharCode(code);
  // A lone surrogate has no meaning of its own: it is kept as it is.
  const folded = code >= 0xd800 && code <= 0xdfff ? char : foldCodePoint(char);
  if (folded !== char) foldTable.set(code, folded);
  const kind = MARK.test(char) ? COMBINING : folded === char ? UNCHANGED : CHANGED;
  kinds[code] = kind;
  return kind;
}

/** A base character with the combining marks that follow it: composed first, so that и + ◌̆ is treated as й. */
function foldCluster(cluster: string): string | null {
  let folded = clusterCache.get(cluster);
  if (folded === undefined) {
    let result = '';
    for (const char of cluster.normalize('NFC')) result += foldCodePoint(char);
    folded = result === cluster ? null : result;
    if (clusterCache.size < 100_000) clusterCache.set(cluster, folded);
  }
  return folded;
}

/** For each UTF-16 unit of a folded text, the range of the original text it came from. */
export type FoldedText = { text: string; starts: number[]; ends: number[] };

function fold(text: string, offsets: { starts: number[]; ends: number[] } | null): string {
  let out = '';
  let copied = 0;
  const length = text.length;
  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    let kind = kinds[code] ?? UNKNOWN;
    if (kind === UNKNOWN) kind = learn(code);
    let end = index + 1;
    if (code >= 0xd800 && code <= 0xdbff && end < length) {
      const low = text.charCodeAt(end);
      if (low >= 0xdc00 && low <= 0xdfff) end += 1;
    }
    // Combining marks that follow belong to this character (0x0300 is the first of them).
    while (end < length) {
      const next = text.charCodeAt(end);
      if (next < 0x0300) break;
      let nextKind = kinds[next] ?? UNKNOWN;
      if (nextKind === UNKNOWN) nextKind = learn(next);
      if (nextKind !== COMBINING) break;
      end += 1;
    }
    let folded: string | null;
    if (end === index + 1) {
      if (kind === UNCHANGED) {
        index = end;
        continue;
      }
      folded = foldTable.get(code) ?? null;
    } else {
      folded = foldCluster(text.slice(index, end));
    }
    if (folded !== null) {
      if (index > copied) {
        out += text.slice(copied, index);
        if (offsets) {
          for (let unit = copied; unit < index; unit += 1) {
            offsets.starts.push(unit);
            offsets.ends.push(unit + 1);
          }
        }
      }
      out += folded;
      if (offsets) {
        for (let unit = folded.length; unit > 0; unit -= 1) {
          offsets.starts.push(index);
          offsets.ends.push(end);
        }
      }
      copied = end;
    }
    index = end;
  }
  if (copied === 0) {
    if (offsets) {
      for (let unit = 0; unit < length; unit += 1) {
        offsets.starts.push(unit);
        offsets.ends.push(unit + 1);
      }
    }
    return text;
  }
  if (copied < length) {
    out += text.slice(copied);
    if (offsets) {
      for (let unit = copied; unit < length; unit += 1) {
        offsets.starts.push(unit);
        offsets.ends.push(unit + 1);
      }
    }
  }
  return out;
}

/**
 * Folds text for search: lower case, Latin/Greek diacritics and ligatures removed
 * (`Aïn` → `ain`, `Ḥizb` → `hizb`, `ß` → `ss`, `İ`/`ı` → `i`), compatibility forms
 * decomposed (full-width letters, Arabic presentation forms), Arabic normalised (tashkeel
 * and tatweel removed, alef forms → ا, ى → ي, ة → ه, Persian ی/ک → ي/ك, Eastern digits →
 * 0–9), Cyrillic only lower-cased (and ё → е). Indexed text and queries go through the
 * same function, so whatever it does, both sides agree.
 */
export function foldText(text: string): string {
  return fold(text, null);
}

/** `foldText` with, for each unit of the result, where it came from in `text`: to map hits back onto the original. */
export function foldWithOffsets(text: string): FoldedText {
  const starts: number[] = [];
  const ends: number[] = [];
  const folded = fold(text, { starts, ends });
  return { text: folded, starts, ends };
}
