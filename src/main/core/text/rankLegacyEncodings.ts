import chardet from 'chardet';
import iconv from 'iconv-lite';
import { decodeWithEncoding } from './decodeWithEncoding.ts';
import { measureImplausibility } from './measureImplausibility.ts';
import { profileTrigrams, type TrigramScript } from './profileTrigrams.ts';
import { resolveCharset } from './resolveCharset.ts';

/** One way of reading a file that is not valid UTF-8, scored: lower is better. */
export type EncodingCandidate = {
  name: string;
  score: number;
  /** Implausibility per byte above 0x7F (see measureImplausibility). */
  rate: number;
  /** The same, leaving out invalid characters. */
  oddity: number;
  /** U+FFFD, control and private-use characters the decoding produced. */
  invalid: number;
  /** Match of the decoded words with franc's trigram models, per byte above 0x7F. */
  fit: number;
  /** chardet's confidence, 0-100, asked only when the best two are close. */
  chardet: number;
  /** The decoded sample, to tell candidates that differ from ones that read the same. */
  sample: string;
};

/**
 * The encodings tried on every file that is not valid UTF-8: the code pages that news text in
 * the languages analysts read actually comes in, and UTF-8 itself for a UTF-8 file with a few
 * stray bytes. ISO-8859-1 and ISO-8859-9 are absent on purpose: as in browsers, windows-1252
 * and windows-1254 decode the same bytes and more.
 */
const CANDIDATES: readonly string[] = (
  'utf-8 windows-1252 iso-8859-15 windows-1250 iso-8859-2 windows-1251 koi8-r koi8-u ibm866 iso-8859-5 ' +
  'mac-cyrillic ibm855 windows-1253 iso-8859-7 windows-1254 windows-1255 iso-8859-8 windows-1256 ' +
  'iso-8859-6 windows-1257 windows-1258 windows-874 gb18030 big5 shift_jis euc-jp euc-kr'
).split(' ');

const MULTI_BYTE: ReadonlySet<string> = new Set([
  'utf-8',
  'gb18030',
  'big5',
  'shift_jis',
  'euc-jp',
  'euc-kr',
]);

/** When two candidates read equally well, the more widespread one is the better bet. */
const PRIOR: Readonly<Record<string, number>> = {
  'utf-8': 0.06,
  'windows-1252': 0.06,
  'windows-1251': 0.05,
  'windows-1256': 0.05,
  gb18030: 0.05,
  'windows-1250': 0.03,
  'windows-1253': 0.03,
  'windows-1254': 0.03,
  'windows-1255': 0.03,
  'koi8-r': 0.03,
  big5: 0.03,
  shift_jis: 0.03,
  'euc-kr': 0.03,
  'euc-jp': 0.02,
  'iso-8859-15': 0.02,
  'iso-8859-2': 0.02,
  'iso-8859-5': 0.01,
  'iso-8859-6': 0.01,
  'iso-8859-7': 0.01,
  'iso-8859-8': 0.01,
  ibm866: 0.01,
  'mac-cyrillic': 0.01,
};

// Readability outweighs every other opinion: the priors, the trigram fit, chardet and the
// declaration only decide between candidates that read about equally well.
const RATE_WEIGHT = 3;
// A U+FFFD or control character is a byte the encoding leaves undefined: near proof of a wrong guess.
const INVALID_WEIGHT = 0.05;
const MAX_COUNTED_INVALID = 20;
const FIT_WEIGHT = 0.5;
const DECLARED_BONUS = 0.15;
const CHARDET_WEIGHT = 0.001;
/** Scores closer than this ask chardet, whose language models know the letter frequencies of many code pages. */
const CHARDET_MARGIN = 0.1;

/** Bytes above 0x7F judged in the first round (every candidate) and the second (the best few). */
const FIRST_ROUND_HIGH_BYTES = 600;
const SECOND_ROUND_HIGH_BYTES = 1200;
// The second round takes every candidate that read about as well as the best (Hebrew and
// Cyrillic garbage read equally clean until the trigram fit tells them apart), within bounds.
const SECOND_ROUND_MARGIN = 0.3;
const SECOND_ROUND_MIN = 3;
const SECOND_ROUND_MAX = 8;
const CHARDET_SAMPLE = 1536;

/**
 * For an encoding chardet knows, one it does not know that decodes most of the same letters
 * at the same bytes: chardet's vote for the one is no vote against the other.
 */
const CHARDET_SIBLINGS: Readonly<Record<string, string>> = {
  'iso-8859-7': 'windows-1253',
  'iso-8859-8': 'windows-1255',
  'windows-1252': 'iso-8859-15',
  'windows-1251': 'mac-cyrillic',
  'koi8-r': 'koi8-u',
};

const singleByteTables = new Map<string, Uint16Array>();
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** A single-byte code page as a 256-entry table, read once from iconv-lite. */
function singleByteTable(name: string): Uint16Array {
  let table = singleByteTables.get(name);
  if (table) return table;
  const all = new Uint8Array(256);
  for (let byte = 0; byte < 256; byte++) all[byte] = byte;
  const text = iconv.decode(Buffer.from(all), name);
  table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) table[byte] = text.charCodeAt(byte);
  singleByteTables.set(name, table);
  return table;
}

/** Decoding by table lookup: several times faster than iconv-lite on the short samples scored here. */
function decodeSample(bytes: Uint8Array, name: string): string {
  if (MULTI_BYTE.has(name)) return decodeWithEncoding(bytes, name);
  const table = singleByteTable(name);
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) units[i] = table[bytes[i] ?? 0] ?? 0;
  return utf16.decode(units);
}

function isWhiteSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/**
 * The white-space-separated tokens that hold a byte above 0x7F, joined by spaces, until
 * `maxHighBytes` of those are collected. ASCII-only words decode alike in every candidate, so
 * leaving them out changes no comparison and saves most of the work on Western text and
 * markup; white space never occurs inside a multi-byte character, so no character is split.
 */
function tokensWithHighBytes(
  bytes: Uint8Array,
  maxHighBytes: number,
): { sample: Uint8Array; highBytes: number } {
  const ranges: number[] = [];
  let total = 0;
  let highBytes = 0;
  let start = 0;
  let tokenHigh = 0;
  for (let i = 0; i <= bytes.length; i++) {
    const byte = i < bytes.length ? (bytes[i] ?? 0) : 0x20;
    if (!isWhiteSpace(byte)) {
      if (byte >= 0x80) tokenHigh++;
      continue;
    }
    if (tokenHigh > 0) {
      ranges.push(start, i);
      total += i - start + 1;
      highBytes += tokenHigh;
      if (highBytes >= maxHighBytes) break;
    }
    start = i + 1;
    tokenHigh = 0;
  }
  const sample = new Uint8Array(total);
  let offset = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    sample.set(bytes.subarray(ranges[r], ranges[r + 1]), offset);
    offset += (ranges[r + 1] ?? 0) - (ranges[r] ?? 0);
    sample[offset++] = 0x20;
  }
  return { sample, highBytes };
}

/**
 * How well the decoded words match franc's trigram models of their script, per byte above
 * 0x7F: near 0 for mojibake, clearly positive for real words. It settles what no oddity shows,
 * such as Turkish ı read as Czech ý or French è read as Czech č.
 */
function trigramFit(text: string, script: TrigramScript | null, highBytes: number): number {
  if (script === null) return 0;
  const { distances, trigramCount } = profileTrigrams(text, script);
  let best = Number.POSITIVE_INFINITY;
  for (const distance of distances) best = Math.min(best, distance);
  return (trigramCount * 300 - best) / 300 / Math.max(1, highBytes);
}

function chardetConfidences(sample: Uint8Array): Map<string, number> {
  const confidences = new Map<string, number>();
  for (const match of chardet.analyse(sample.subarray(0, CHARDET_SAMPLE))) {
    const name = resolveCharset(match.name);
    if (name === null) continue;
    for (const each of [name, CHARDET_SIBLINGS[name]]) {
      if (each !== undefined && !confidences.has(each)) confidences.set(each, match.confidence);
    }
  }
  return confidences;
}

function score(
  name: string,
  sample: Uint8Array,
  highBytes: number,
  declared: string | null,
  withFit: boolean,
): EncodingCandidate {
  const text = decodeSample(sample, name);
  const { rate, oddity, invalid, script } = measureImplausibility(text, highBytes);
  const fit = withFit ? trigramFit(text, script, highBytes) : 0;
  return {
    name,
    score:
      RATE_WEIGHT * rate +
      INVALID_WEIGHT * Math.min(invalid, MAX_COUNTED_INVALID) -
      FIT_WEIGHT * fit -
      (PRIOR[name] ?? 0) -
      (name === declared ? DECLARED_BONUS : 0),
    rate,
    oddity,
    invalid,
    fit,
    chardet: 0,
    sample: text,
  };
}

/**
 * Every candidate encoding of a file that is not valid UTF-8, best first. A first round
 * scores all candidates on a few hundred non-ASCII bytes; the best few, and the declared
 * charset, are scored again on more text, with the trigram fit; chardet is consulted only
 * when the two best are close. `declared` is a name from resolveCharset.
 */
export function rankLegacyEncodings(bytes: Uint8Array, declared: string | null): EncodingCandidate[] {
  const names = new Set<string>(CANDIDATES);
  if (declared !== null && !/^utf-(16|32)/.test(declared) && iconv.encodingExists(declared)) {
    names.add(declared);
  }

  const first = tokensWithHighBytes(bytes, FIRST_ROUND_HIGH_BYTES);
  const firstRound = [...names]
    .map((name) => score(name, first.sample, first.highBytes, declared, false))
    .sort((a, b) => a.score - b.score);

  const cutoff = (firstRound[0]?.score ?? 0) + SECOND_ROUND_MARGIN;
  const finalists = new Set(
    firstRound
      .filter((candidate, rank) => rank < SECOND_ROUND_MIN || candidate.score <= cutoff)
      .slice(0, SECOND_ROUND_MAX)
      .map((candidate) => candidate.name),
  );
  if (declared !== null && names.has(declared)) finalists.add(declared);
  const second =
    first.highBytes < FIRST_ROUND_HIGH_BYTES ? first : tokensWithHighBytes(bytes, SECOND_ROUND_HIGH_BYTES);
  const secondRound = [...finalists]
    .map((name) => score(name, second.sample, second.highBytes, declared, true))
    .sort((a, b) => a.score - b.score);

  const [best, ...rest] = secondRound;
  // KOI8-U reads Russian exactly as KOI8-R does: a runner-up that reads the same is no contest.
  const runnerUp = rest.find((candidate) => candidate.sample !== best?.sample);
  if (best !== undefined && runnerUp !== undefined && runnerUp.score - best.score < CHARDET_MARGIN) {
    const confidences = chardetConfidences(second.sample);
    for (const candidate of secondRound) {
      candidate.chardet = confidences.get(candidate.name) ?? 0;
      candidate.score -= CHARDET_WEIGHT * candidate.chardet;
    }
    secondRound.sort((a, b) => a.score - b.score);
  }
  const finalistNames = new Set(secondRound.map((candidate) => candidate.name));
  return [...secondRound, ...firstRound.filter((candidate) => !finalistNames.has(candidate.name))];
}
