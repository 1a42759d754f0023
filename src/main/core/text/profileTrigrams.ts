import { data } from 'franc/data.js';

/** Scripts for which franc ships trigram models of more than one language. */
export type TrigramScript = 'Latin' | 'Cyrillic' | 'Arabic' | 'Devanagari' | 'Hebrew';

/**
 * The languages (ISO 639-3, as franc names them) worth telling apart in news text.
 * Restricting the models matters twice: franc's full Latin set turns short English into
 * Scots ('sco') or an African language, and every extra model costs time on every block.
 */
export const TRIGRAM_LANGUAGES: Readonly<Record<TrigramScript, readonly string[]>> = {
  Latin: (
    'eng fra spa por deu ita nld pol tur ron ces slk hun swe dan nob fin ind zlm vie hrv bos srp slv ' +
    'lit lvs ekk cat swh tgl azj uzn som hau afr als'
  ).split(' '),
  Cyrillic: ['rus', 'ukr', 'bel', 'bul', 'srp', 'mkd'],
  Arabic: ['arb', 'pes', 'prs', 'urd', 'pbu', 'uig'],
  Devanagari: ['hin', 'mar', 'npi'],
  Hebrew: ['heb', 'ydd'],
};

/** A text measured against every model of one script. */
export type TrigramProfile = {
  /**
   * Franc's distance of each language of the script, in TRIGRAM_LANGUAGES order, except that
   * a missing trigram is charged per occurrence rather than per distinct trigram: the same
   * amount for every language, so the order is franc's.
   */
  distances: Float64Array;
  /** Trigrams in the text (occurrences). */
  trigramCount: number;
};

// Franc's own constant: what a trigram missing from a model adds to the distance.
const MISSING = 300;
const SPACE = 1;

/**
 * The models of one script inverted into an open-addressing hash table from trigram to the
 * languages that rank it. A trigram is three letters of the script's small alphabet packed
 * into 24 bits, so a text is scored with one probe per trigram and no strings or Maps:
 * about a tenth of francAll's time on a paragraph.
 */
type ScriptIndex = {
  languages: readonly string[];
  /** UTF-16 code unit (lower case) → letter number; SPACE for franc's separators; 0 for letters no model has. */
  alphabet: Uint8Array;
  keys: Int32Array;
  /** Per slot: where its [language, rank] pairs start and end in `hits`. */
  starts: Int32Array;
  ends: Int32Array;
  hits: Int32Array;
  /** Scratch space for one call: occurrences per slot and the slots touched. */
  counts: Int32Array;
  touched: Int32Array;
  shift: number;
};

const indexes = new Map<TrigramScript, ScriptIndex>();

/** Whether franc's cleaning turns this code unit into a space (ASCII punctuation, digits, white space). */
function isSeparator(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    (code >= 0x20 && code <= 0x40) ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function slotOf(index: ScriptIndex, key: number): number {
  const mask = index.keys.length - 1;
  let slot = Math.imul(key, 0x9e3779b1) >>> index.shift;
  for (;;) {
    const found = index.keys[slot] ?? -1;
    if (found === key || found === -1) return slot;
    slot = (slot + 1) & mask;
  }
}

function indexOf(script: TrigramScript): ScriptIndex {
  const cached = indexes.get(script);
  if (cached) return cached;
  const languages = TRIGRAM_LANGUAGES[script];
  const alphabet = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) if (isSeparator(code)) alphabet[code] = SPACE;
  let letters = SPACE;
  const letterOf = (char: string): number => {
    const code = char.charCodeAt(0);
    if (alphabet[code] === 0) alphabet[code] = ++letters;
    return alphabet[code] ?? 0;
  };

  const lists = new Map<number, number[]>();
  languages.forEach((language, languageIndex) => {
    const model = data[script]?.[language];
    if (model === undefined) throw new Error(`franc has no ${script} model for ${language}`);
    model.split('|').forEach((trigram, rank) => {
      const key =
        (letterOf(trigram.charAt(0)) << 16) |
        (letterOf(trigram.charAt(1)) << 8) |
        letterOf(trigram.charAt(2));
      let list = lists.get(key);
      if (!list) lists.set(key, (list = []));
      list.push(languageIndex, rank);
    });
  });
  if (letters > 0xff) throw new Error(`${script} models use more than 254 letters`);

  const bits = Math.ceil(Math.log2(lists.size * 2));
  const size = 2 ** bits;
  const index: ScriptIndex = {
    languages,
    alphabet,
    keys: new Int32Array(size).fill(-1),
    starts: new Int32Array(size),
    ends: new Int32Array(size),
    hits: new Int32Array([...lists.values()].reduce((total, list) => total + list.length, 0)),
    counts: new Int32Array(size),
    touched: new Int32Array(size),
    shift: 32 - bits,
  };
  let offset = 0;
  for (const [key, list] of lists) {
    const slot = slotOf(index, key);
    index.keys[slot] = key;
    index.starts[slot] = offset;
    index.hits.set(list, offset);
    offset += list.length;
    index.ends[slot] = offset;
  }
  indexes.set(script, index);
  return index;
}

/**
 * Franc's trigram distance of the text to every model of one script: the text is lower-cased,
 * ASCII punctuation, digits and white space become single spaces, and it is padded with a
 * space at both ends, exactly as franc's trigram-utils does.
 */
export function profileTrigrams(text: string, script: TrigramScript): TrigramProfile {
  const index = indexOf(script);
  const { alphabet, keys, starts, ends, hits, counts, touched } = index;
  const lower = text.toLowerCase();
  let touchedCount = 0;
  let trigramCount = 0;
  let a = SPACE;
  let b = -1;
  let previousWasSpace = true;

  const add = (c: number): void => {
    if (b >= 0) {
      trigramCount++;
      if (a !== 0 && b !== 0 && c !== 0) {
        const slot = slotOf(index, (a << 16) | (b << 8) | c);
        if (keys[slot] !== -1) {
          if (counts[slot] === 0) touched[touchedCount++] = slot;
          counts[slot] = (counts[slot] ?? 0) + 1;
        }
      }
      a = b;
    }
    b = c;
  };
  for (let i = 0; i < lower.length; i++) {
    const letter = alphabet[lower.charCodeAt(i)] ?? 0;
    if (letter === SPACE) {
      if (!previousWasSpace) add(SPACE);
      previousWasSpace = true;
    } else {
      add(letter);
      previousWasSpace = false;
    }
  }
  if (!previousWasSpace) add(SPACE);

  const distances = new Float64Array(index.languages.length).fill(trigramCount * MISSING);
  for (let t = 0; t < touchedCount; t++) {
    const slot = touched[t] ?? 0;
    const count = counts[slot] ?? 0;
    counts[slot] = 0;
    for (let h = starts[slot] ?? 0; h < (ends[slot] ?? 0); h += 2) {
      const languageIndex = hits[h] ?? 0;
      const gain = MISSING - Math.abs(count - (hits[h + 1] ?? 0) - 1);
      distances[languageIndex] = (distances[languageIndex] ?? 0) - gain;
    }
  }
  return { distances, trigramCount };
}
