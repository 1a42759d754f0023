/**
 * The FTS5 tokenizer the index uses. Folding happens before FTS5 sees the text
 * (foldText), so its own diacritic removal is off: the index and the highlighter must
 * agree on every token. Marks count as token characters so that a word keeping its marks
 * (Devanagari vowel signs, say) stays one token.
 */
export const FTS_TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'";

/** What FTS5 counts as a token character under FTS_TOKENIZER. */
const WORD = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;
/** Han, kana and Hangul letters: scripts written without spaces between words. */
const CJK = /[[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]&&[\p{L}\p{N}]]/v;
const CJK_RUN = /[[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]&&[\p{L}\p{N}]]+/gv;

/** One token of a folded text, with its place in that text. */
export type Token = { text: string; start: number; end: number; isCjk: boolean };

/**
 * The tokens of a run of Han/kana/Hangul: overlapping bigrams, then the last character
 * alone, so that every character starts exactly one token. A word of two or more
 * characters is then a phrase of bigrams found anywhere in a run (`外交部` inside
 * `外交部发言人`), and a single character is a prefix of the token it starts.
 */
function cjkTokens(run: string, offset: number, into: Token[]): void {
  const chars = Array.from(run);
  let position = offset;
  for (let index = 0; index < chars.length; index += 1) {
    const char = chars[index] ?? '';
    const next = chars[index + 1];
    if (next !== undefined) {
      into.push({
        text: char + next,
        start: position,
        end: position + char.length + next.length,
        isCjk: true,
      });
    } else {
      into.push({ text: char, start: position, end: position + char.length, isCjk: true });
    }
    position += char.length;
  }
}

/**
 * A cheap test that rules out most texts before CJK_RUN (whose property classes are slow
 * to run over megabytes): every Han, kana and Hangul letter lies in these ranges, or is astral.
 */
const MAYBE_CJK =
  /[\u1100-\u11ff\u2e80-\u2fff\u3005-\u3007\u3021-\u303c\u3040-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uffdc\ud800-\udbff]/;

/** Per BMP code unit: 0 not yet known, 1 not CJK, 2 a Han, kana or Hangul letter. */
const cjkKinds = new Uint8Array(0x10000);

/** The length (1 or 2 units) of the CJK letter at `index`, or 0 when there is none. */
function cjkLengthAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff) {
    const pair = text.slice(index, index + 2);
    return pair.length === 2 && CJK.test(pair) ? 2 : 0;
  }
  let kind = cjkKinds[code] ?? 0;
  if (kind === 0) {
    kind = CJK.test(String.fromCharCode(code)) ? 2 : 1;
    cjkKinds[code] = kind;
  }
  return kind === 2 ? 1 : 0;
}

/**
 * The text handed to FTS5 for a folded text: each Han/kana/Hangul run is replaced by its
 * tokens (cjkTokens), space-separated, which is what tokenizeFolded finds in it.
 */
export function indexableText(folded: string): string {
  if (!MAYBE_CJK.test(folded)) return folded;
  let out = '';
  let copied = 0;
  let index = 0;
  while (index < folded.length) {
    let length = cjkLengthAt(folded, index);
    if (length === 0) {
      index += 1;
      continue;
    }
    out += `${folded.slice(copied, index)} `;
    let previous = index;
    index += length;
    while (index < folded.length && (length = cjkLengthAt(folded, index)) > 0) {
      out += `${folded.slice(previous, index + length)} `;
      previous = index;
      index += length;
    }
    out += `${folded.slice(previous, index)} `;
    copied = index;
  }
  return copied === 0 ? folded : out + folded.slice(copied);
}

/** The Han/kana/Hangul characters of a folded text, space-separated: each alone, for one-character queries. */
export function cjkCharacters(folded: string): string {
  if (!MAYBE_CJK.test(folded)) return '';
  const chars: string[] = [];
  for (let index = 0; index < folded.length;) {
    const length = cjkLengthAt(folded, index);
    if (length === 0) {
      index += 1;
      continue;
    }
    chars.push(folded.slice(index, index + length));
    index += length;
  }
  return chars.join(' ');
}

/** Whether a folded token belongs to a script written without spaces (and is therefore bigrammed). */
export function isCjkText(text: string): boolean {
  return CJK.test(text);
}

/**
 * The tokens FTS5 finds in `indexableText(folded)`, with their places in `folded`:
 * what the highlighter matches queries against.
 */
export function tokenizeFolded(folded: string): Token[] {
  const tokens: Token[] = [];
  for (const word of folded.matchAll(WORD)) {
    const text = word[0];
    const start = word.index;
    if (!CJK.test(text)) {
      tokens.push({ text, start, end: start + text.length, isCjk: false });
      continue;
    }
    let last = 0;
    for (const run of text.matchAll(CJK_RUN)) {
      if (run.index > last) {
        tokens.push({
          text: text.slice(last, run.index),
          start: start + last,
          end: start + run.index,
          isCjk: false,
        });
      }
      cjkTokens(run[0], start + run.index, tokens);
      last = run.index + run[0].length;
    }
    if (last < text.length) {
      tokens.push({ text: text.slice(last), start: start + last, end: start + text.length, isCjk: false });
    }
  }
  return tokens;
}
