import { TRIGRAM_LANGUAGES, profileTrigrams, type TrigramScript } from './profileTrigrams.ts';

/** A language guess: ISO 639-1 code ('und' when there is too little text to tell) and 0..1 confidence. */
export type DetectedLanguage = { language: string; confidence: number };

const UNDETERMINED: DetectedLanguage = { language: 'und', confidence: 0 };

// Counting is capped so that a whole document costs about as much as a long paragraph.
const SAMPLE_LENGTH = 2400;
const WINDOW_LENGTH = SAMPLE_LENGTH / 3;
// A script found only in its own block of Unicode needs a word or two; a script shared by
// many languages needs a phrase, and a Latin-script guess below that is mostly noise.
const MIN_LETTERS_UNIQUE_SCRIPT = 2;
const MIN_LETTERS_SHARED_SCRIPT = 4;
const MIN_LETTERS_LATIN = 10;
// Below this many letters a close call is a guess: the caller's fallback (the article's language) is better.
const SHORT_TEXT_LETTERS = 20;
const SHORT_TEXT_MIN_CONFIDENCE = 0.1;

/** Script classes, as indexes into the counts array. */
const S = {
  latin: 0,
  cyrillic: 1,
  arabic: 2,
  hebrew: 3,
  devanagari: 4,
  greek: 5,
  han: 6,
  kana: 7,
  hangul: 8,
  thai: 9,
  armenian: 10,
  georgian: 11,
  bengali: 12,
  gurmukhi: 13,
  gujarati: 14,
  oriya: 15,
  tamil: 16,
  telugu: 17,
  kannada: 18,
  malayalam: 19,
  sinhala: 20,
  lao: 21,
  tibetan: 22,
  myanmar: 23,
  ethiopic: 24,
  khmer: 25,
} as const;
const SCRIPT_COUNT = 26;

/** Scripts written by one major language only: the script is the answer. */
const SINGLE_LANGUAGE_SCRIPTS: ReadonlyMap<number, string> = new Map([
  [S.greek, 'el'],
  [S.hangul, 'ko'],
  [S.thai, 'th'],
  [S.armenian, 'hy'],
  [S.georgian, 'ka'],
  [S.bengali, 'bn'],
  [S.gurmukhi, 'pa'],
  [S.gujarati, 'gu'],
  [S.oriya, 'or'],
  [S.tamil, 'ta'],
  [S.telugu, 'te'],
  [S.kannada, 'kn'],
  [S.malayalam, 'ml'],
  [S.sinhala, 'si'],
  [S.lao, 'lo'],
  [S.tibetan, 'bo'],
  [S.myanmar, 'my'],
  [S.ethiopic, 'am'],
  [S.khmer, 'km'],
]);

const TRIGRAM_SCRIPTS: ReadonlyMap<number, TrigramScript> = new Map([
  [S.latin, 'Latin'],
  [S.cyrillic, 'Cyrillic'],
  [S.arabic, 'Arabic'],
  [S.hebrew, 'Hebrew'],
  [S.devanagari, 'Devanagari'],
]);

/** Franc's ISO 639-3 codes to the ISO 639-1 codes the app stores. */
const ISO_639_1: Readonly<Record<string, string>> = Object.fromEntries(
  (
    'eng:en fra:fr spa:es por:pt deu:de ita:it nld:nl pol:pl tur:tr ron:ro ces:cs slk:sk hun:hu swe:sv ' +
    'dan:da nob:no fin:fi ind:id zlm:ms vie:vi hrv:hr bos:bs srp:sr slv:sl lit:lt lvs:lv ekk:et cat:ca ' +
    'swh:sw tgl:tl azj:az uzn:uz som:so hau:ha afr:af als:sq rus:ru ukr:uk bel:be bul:bg mkd:mk arb:ar ' +
    'pes:fa prs:fa urd:ur pbu:ps uig:ug hin:hi mar:mr npi:ne heb:he ydd:yi'
  )
    .split(' ')
    .map((pair): [string, string] => [pair.slice(0, 3), pair.slice(4)]),
);

/**
 * Function words that one language uses constantly and its neighbours in TRIGRAM_LANGUAGES
 * do not (so 'de', 'en', 'a', 'is', 'на', 'не' are left out). Short sentences give trigrams
 * too few to separate English from Danish or Russian from Bulgarian; these words settle it.
 */
const FUNCTION_WORDS: Readonly<Record<TrigramScript, Readonly<Record<string, string>>>> = {
  Cyrillic: {
    rus:
      'что он как это его из так же вы она мы бы был было была уже еще ещё когда если или нет ' +
      'все всё меня мне ему их быть этот только ее её они чтобы себя очень тоже теперь вот где ' +
      'кто ну надо потом сказал к',
    ukr:
      'що він як це його та але від вже коли якщо або є її їх вони щоб дуже тепер де хто й і з ' +
      'ми ці цей ця цього',
    bel: 'што ён гэта яго але ад ужо калі або ці яна яны каб вельмі дзе хто і ў',
    bul:
      'се че е ще са това той тя си към съм беше ли има който която което които още вече бе ги ' +
      'му ми нещо защото тук сега',
    srp: 'је у су ће који која које када био била али из његов због само',
    mkd: 'во со што ќе ги го ја тоа тој таа кој која кое кои има беше',
  },
  Arabic: {},
  Hebrew: {},
  Devanagari: {},
  Latin: {
    eng:
      'the and of to are were with that this from have has had been be by which would you your ' +
      'they their them its not at or we our who what can but there these those than into about ' +
      'only he she his her when',
    fra:
      'le les du est une et dans pour qui pas avec sur au aux cette ces sont elle ils nous vous ' +
      'mais ou plus leur été être à où très sa ses lui',
    spa: 'los las y por para pero como más está son sus muy también han esta este fue sobre entre hay desde',
    por: 'os uma não com em dos das ao é são pelo pela mais seu sua também foi muito pelos já nos às',
    deu:
      'der das und ist nicht mit dem ein eine einer einem zu auf für von sich auch wird werden ' +
      'sind wie im bei aus nach noch über dass oder',
    ita:
      'il gli della delle dello che è sono anche nel nella alla dei degli questo questa più ' +
      'essere stato stata tra',
    nld: 'het een niet op zijn met voor dat aan ook naar wordt worden bij uit maar deze hij zich heeft werd',
    ron: 'și în este cu pentru pe nu mai sunt din fost sau să ale lui unei acest această fi',
    pol: 'w się nie że jest przez są dla jego oraz które który która tylko może też',
    ces: 'jsou jako pro byl byla bylo které který která také jeho může než při však',
    slk: 'sa ako sú pre ktoré ktorý ktorá tiež môže bol bola bolo',
    hun: 'az és hogy nem egy meg csak volt még már kell lesz mint vagy',
    swe: 'och att är inte ett jag också eller efter från hade skulle',
    dan: 'og ikke af efter hvad havde blev meget mig dig nu',
    nob: 'og ikke av etter hva hadde ble mye meg deg seg nå',
    fin: 'ja ei että oli ovat tai kun mutta myös hän joka sekä ole',
    ind: 'yang dan dengan untuk dalam tidak akan pada juga ini itu karena bisa adalah',
    zlm: 'yang dan dengan untuk dalam tidak akan pada juga ini itu kerana boleh ialah daripada',
    cat: 'els amb és dels també però seva aquest aquesta molt fins',
    tur: 've bir bu için ile olarak çok daha gibi olan kadar sonra',
  },
};
// One function word weighs about as much as a trigram near the top of a model.
const FUNCTION_WORD_WEIGHT = 400;

/**
 * Letters that a language's alphabet lacks, each weighted as evidence against it. Trigram
 * models of closely related languages (ru/uk/bg, ar/fa) disagree mostly on these letters,
 * and a sentence too short for the trigrams still shows them.
 */
const FOREIGN_LETTERS: Readonly<Record<string, string>> = {
  arb: 'پچژگیکٹڈڑںےۓہھټډړږښګڼېۍۆۈۇەڭۋ',
  pes: 'ٹڈڑںےۓہھټډړږښګڼېۍۆۈۇەڭۋ',
  prs: 'ٹڈڑںےۓہھټډړږښګڼېۍۆۈۇەڭۋ',
  urd: 'ةىيكټډړږښګڼېۍۆۈۇەڭۋ',
  pbu: 'ٹڈڑںےۓہھۆۈۇەڭۋة',
  uig: 'ةیکحصضطظعثذٹڈڑںےټډړږښګڼۍ',
};
// Persian typed on an Arabic keyboard uses Arabic yeh and kaf: weaker evidence than a letter the language never has.
const SOFT_FOREIGN_LETTERS: Readonly<Record<string, string>> = {
  pes: 'يكةى',
  prs: 'يكةى',
};
const FOREIGN_LETTER_WEIGHT = 900;
const SOFT_FOREIGN_LETTER_WEIGHT = 250;

/**
 * How often the letters that tell Cyrillic languages apart occur, in % of letters (usual
 * published frequencies, rounded). A letter of the set not listed for a language is one it
 * does not use. Absence counts too: fifty letters without an і are unlikely to be Ukrainian.
 */
const CYRILLIC_LETTERS = 'ыэёъіїєґўищйьюяјљњђћџѓќѕ';
const CYRILLIC_RATES: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  rus: { ы: 1.9, э: 0.3, ё: 0.1, ъ: 0.04, и: 7.4, щ: 0.36, й: 1.2, ь: 1.7, ю: 0.6, я: 2.0 },
  ukr: { і: 5.5, ї: 0.6, є: 0.35, ґ: 0.02, и: 6.1, щ: 0.7, й: 1.1, ь: 1.7, ю: 0.8, я: 2.2 },
  bel: { і: 6.0, ў: 2.0, ё: 0.8, ы: 2.0, э: 0.9, й: 1.0, ь: 1.5, ю: 0.5, я: 2.5 },
  bul: { ъ: 2.0, и: 8.0, щ: 0.9, й: 0.5, ь: 0.05, ю: 0.6, я: 2.2 },
  srp: { и: 9.0, ј: 1.6, љ: 0.4, њ: 0.5, ђ: 0.1, ћ: 0.7, џ: 0.05 },
  mkd: { и: 8.0, ј: 1.0, љ: 0.3, њ: 0.5, ќ: 0.3, ѓ: 0.1, ѕ: 0.05, џ: 0.05 },
};
// A letter outside a language's alphabet still turns up in names and quotations.
const ABSENT_RATE = 0.02;
/**
 * Franc's Russian model, built from the Universal Declaration of Human Rights, fits everyday
 * Russian worse than its Bulgarian or Macedonian model does, and a short Russian sentence
 * without ы or э then comes out Bulgarian. The smaller languages therefore pay a fixed toll,
 * a prior that the evidence of a paragraph outweighs, and win on their own letters and words.
 */
const CYRILLIC_TOLL: Readonly<Record<string, number>> = { bul: 1500, mkd: 1500, srp: 1500, bel: 1500 };
// Distance units per nat of letter evidence, against franc's 300 per missing trigram.
const LETTER_EVIDENCE_WEIGHT = 300;

/**
 * Words of Lorem ipsum and its generators that no modern language uses (so not 'et', 'in', 'non').
 * Placeholder text should not be reported as Italian or Catalan.
 */
const LOREM_WORDS = new Set(
  (
    'lorem ipsum dolor sit amet consectetur consectetuer adipiscing adipisicing elit sed eiusmod tempor ' +
    'incididunt labore dolore magna aliqua enim minim veniam quis nostrud exercitation ullamco laboris nisi ' +
    'aliquip commodo consequat duis aute irure reprehenderit voluptate velit esse cillum fugiat nulla ' +
    'pariatur excepteur sint occaecat cupidatat proident sunt culpa officia deserunt mollit anim laborum ' +
    'ut ex ea id est vestibulum nunc mauris pellentesque aenean curabitur donec fusce integer maecenas ' +
    'nullam phasellus praesent proin quisque suspendisse vivamus morbi etiam cras aliquam eget nec ac ' +
    'vitae sapien tellus tortor lectus justo lacus purus risus orci odio urna arcu felis libero metus ' +
    'ligula leo dui diam quam massa erat eros nibh ante turpis augue mi nisl neque elementum tincidunt ' +
    'viverra ultrices malesuada fringilla faucibus sagittis posuere volutpat rhoncus porttitor ultricies ' +
    'vulputate venenatis pharetra dictum sollicitudin scelerisque imperdiet feugiat hendrerit mattis ' +
    'consequat accumsan lobortis dignissim condimentum porro quisquam dolorem quia numquam eius modi tempora'
  ).split(' '),
);
const LOREM_SHARE = 0.5;

type LetterStats = {
  counts: Int32Array;
  /** Lower-case Cyrillic letters by code point − 0x430. */
  cyrillic: Int32Array;
  /** Arabic-script letters by code point − 0x600. */
  arabic: Int32Array;
};

/** The scripts of the 128-character blocks from U+0980 on. */
const INDIC_BLOCKS = [
  S.bengali,
  S.gurmukhi,
  S.gujarati,
  S.oriya,
  S.tamil,
  S.telugu,
  S.kannada,
  S.malayalam,
  S.sinhala,
];

/** The script class of a letter, or -1 for anything that is not a letter. */
function scriptOf(code: number): number {
  if (code < 0x80) return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a ? S.latin : -1;
  if (code < 0xc0) return code === 0xaa || code === 0xba ? S.latin : -1;
  if (code < 0x250) return code === 0xd7 || code === 0xf7 ? -1 : S.latin;
  if (code < 0x370) return -1;
  if (code < 0x400) return code === 0x37e || code === 0x387 || code < 0x386 ? -1 : S.greek;
  if (code < 0x530) return code >= 0x482 && code <= 0x489 ? -1 : S.cyrillic;
  if (code < 0x590) return code >= 0x531 ? S.armenian : -1;
  if (code < 0x600) return code >= 0x5d0 && code <= 0x5f2 ? S.hebrew : -1;
  if (code < 0x700) {
    return (code >= 0x620 && code <= 0x64a) || (code >= 0x66e && code <= 0x6d5) || code >= 0x6fa
      ? S.arabic
      : -1;
  }
  if (code < 0x900) return code >= 0x750 && (code < 0x780 || code >= 0x8a0) ? S.arabic : -1;
  if (code < 0xe00) {
    if (code < 0x980) return code >= 0x964 && code <= 0x96f ? -1 : S.devanagari;
    return INDIC_BLOCKS[(code - 0x980) >> 7] ?? -1;
  }
  if (code < 0xe80) return S.thai;
  if (code < 0xf00) return S.lao;
  if (code < 0x1000) return S.tibetan;
  if (code < 0x10a0) return S.myanmar;
  if (code < 0x1100) return S.georgian;
  if (code < 0x1200) return S.hangul;
  if (code < 0x13a0) return S.ethiopic;
  if (code < 0x1780) return -1;
  if (code < 0x1800) return S.khmer;
  if (code < 0x1e00) return -1;
  if (code < 0x1f00) return S.latin;
  if (code < 0x2000) return S.greek;
  if (code < 0x3040) return -1;
  if (code < 0x3100) return code === 0x30fb ? -1 : S.kana;
  if (code < 0x3190) return code >= 0x3130 ? S.hangul : -1;
  if (code < 0x3400) return code >= 0x31f0 ? S.kana : -1;
  if (code < 0xa000) return code < 0x4dc0 || code >= 0x4e00 ? S.han : -1;
  if (code < 0xac00) return -1;
  if (code < 0xd7b0) return S.hangul;
  // A high surrogate of the supplementary ideographic planes stands for one Han character.
  if (code >= 0xd840 && code <= 0xd87f) return S.han;
  if (code < 0xf900) return -1;
  if (code < 0xfb00) return S.han;
  if (code < 0xfb50) return code >= 0xfb1d ? S.hebrew : -1;
  if (code < 0xfe00) return S.arabic;
  if (code < 0xfe70) return -1;
  if (code < 0xff00) return code <= 0xfefc ? S.arabic : -1;
  if (code >= 0xff21 && code <= 0xff5a) return (code | 0x20) >= 0xff41 ? S.latin : -1;
  if (code >= 0xff66 && code <= 0xff9d) return S.kana;
  return -1;
}

/** A long text is sampled at its start, middle and end, so that a header of another language does not decide. */
function sampleOf(text: string): string {
  if (text.length <= SAMPLE_LENGTH) return text;
  const middle = Math.floor(text.length / 2 - WINDOW_LENGTH / 2);
  return (
    text.slice(0, WINDOW_LENGTH) +
    ' ' +
    text.slice(middle, middle + WINDOW_LENGTH) +
    ' ' +
    text.slice(text.length - WINDOW_LENGTH)
  );
}

function countLetters(sample: string): LetterStats {
  const counts = new Int32Array(SCRIPT_COUNT);
  const cyrillic = new Int32Array(0xd0);
  const arabic = new Int32Array(0x100);
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    const script = scriptOf(code);
    if (script < 0) continue;
    counts[script] = (counts[script] ?? 0) + 1;
    if (script === S.cyrillic && code < 0x500) {
      // To lower case: Ѐ-Џ is 0x400-0x40F, А-Я 0x410-0x42F, and from Ѡ on the pairs alternate upper, lower.
      const lower = code < 0x410 ? code + 0x50 : code < 0x430 ? code + 0x20 : code < 0x460 ? code : code | 1;
      cyrillic[lower - 0x430] = (cyrillic[lower - 0x430] ?? 0) + 1;
    } else if (script === S.arabic && code < 0x700) {
      arabic[code - 0x600] = (arabic[code - 0x600] ?? 0) + 1;
    }
  }
  return { counts, cyrillic, arabic };
}

function letterCount(stats: LetterStats, letters: string): number {
  let total = 0;
  for (const letter of letters) {
    const code = letter.charCodeAt(0);
    if (code >= 0x430 && code < 0x500) total += stats.cyrillic[code - 0x430] ?? 0;
    else if (code >= 0x600 && code < 0x700) total += stats.arabic[code - 0x600] ?? 0;
  }
  return total;
}

type LetterModel = { logRates: Float64Array; logOther: number };
const CYRILLIC_SLOTS = Array.from(CYRILLIC_LETTERS, (letter) => letter.charCodeAt(0) - 0x430);
let cyrillicModels: Map<string, LetterModel> | undefined;

/** CYRILLIC_RATES as logarithms, computed once. */
function letterModels(): Map<string, LetterModel> {
  if (cyrillicModels) return cyrillicModels;
  cyrillicModels = new Map();
  for (const [language, rates] of Object.entries(CYRILLIC_RATES)) {
    const shares = Array.from(CYRILLIC_LETTERS, (letter) => (rates[letter] ?? ABSENT_RATE) / 100);
    const logOther = Math.log(1 - shares.reduce((sum, share) => sum + share, 0));
    cyrillicModels.set(language, { logRates: Float64Array.from(shares, Math.log), logOther });
  }
  return cyrillicModels;
}

/** Log-likelihood (nats) of the counts of CYRILLIC_LETTERS under the language's letter rates. */
function cyrillicLetterEvidence(stats: LetterStats, language: string, letters: number): number {
  const model = letterModels().get(language);
  if (model === undefined) return 0;
  let logLikelihood = 0;
  let cueLetters = 0;
  for (let i = 0; i < CYRILLIC_SLOTS.length; i++) {
    const count = stats.cyrillic[CYRILLIC_SLOTS[i] ?? 0] ?? 0;
    if (count === 0) continue;
    cueLetters += count;
    logLikelihood += count * (model.logRates[i] ?? 0);
  }
  return logLikelihood + Math.max(0, letters - cueLetters) * model.logOther;
}

/** Lower-case words of letters (apostrophes kept inside a word, as in "aujourd'hui"). */
function wordsOf(sample: string): string[] {
  return sample.toLowerCase().match(/[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu) ?? [];
}

const functionWordIndexes = new Map<TrigramScript, Map<string, number[]>>();

/** Word → indexes in TRIGRAM_LANGUAGES[script] of the languages it is a function word of. */
function functionWords(script: TrigramScript): Map<string, number[]> {
  const cached = functionWordIndexes.get(script);
  if (cached) return cached;
  const index = new Map<string, number[]>();
  for (const [language, words] of Object.entries(FUNCTION_WORDS[script])) {
    const languageIndex = TRIGRAM_LANGUAGES[script].indexOf(language);
    for (const word of words.split(' ')) {
      const list = index.get(word) ?? [];
      list.push(languageIndex);
      index.set(word, list);
    }
  }
  functionWordIndexes.set(script, index);
  return index;
}

/** Lorem ipsum and its relatives: Latin placeholder text, reported as 'la'. */
function isLoremIpsum(words: readonly string[]): boolean {
  if (words.length < 3) return false;
  let hits = 0;
  for (const word of words) if (LOREM_WORDS.has(word)) hits++;
  return hits >= words.length * LOREM_SHARE;
}

/**
 * Confidence from how far the best language is ahead of the runner-up, in units of
 * franc's largest per-trigram distance, damped for short text.
 */
function confidenceOf(best: number, second: number, trigramCount: number, letters: number): number {
  if (!Number.isFinite(second)) return Math.min(1, letters / 40);
  const lead = (second - best) / (300 * Math.max(1, trigramCount));
  const shortness = Math.min(1, letters / 60);
  return Math.max(0.05, Math.min(1, lead * 8)) * (0.5 + 0.5 * shortness);
}

function detectByTrigrams(
  sample: string,
  script: TrigramScript,
  stats: LetterStats,
  letters: number,
): DetectedLanguage {
  const languages = TRIGRAM_LANGUAGES[script];
  const { distances, trigramCount } = profileTrigrams(sample, script);
  const adjusted = Array.from(distances);

  if (script === 'Latin' || script === 'Cyrillic') {
    const index = functionWords(script);
    for (const word of wordsOf(sample)) {
      const hits = index.get(word);
      if (!hits) continue;
      for (const languageIndex of hits) {
        adjusted[languageIndex] = (adjusted[languageIndex] ?? 0) - FUNCTION_WORD_WEIGHT;
      }
    }
  }
  if (script === 'Cyrillic') {
    languages.forEach((language, languageIndex) => {
      adjusted[languageIndex] =
        (adjusted[languageIndex] ?? 0) -
        cyrillicLetterEvidence(stats, language, letters) * LETTER_EVIDENCE_WEIGHT +
        (CYRILLIC_TOLL[language] ?? 0);
    });
  } else if (script === 'Arabic') {
    languages.forEach((language, languageIndex) => {
      const foreign = FOREIGN_LETTERS[language];
      const soft = SOFT_FOREIGN_LETTERS[language];
      let penalty = 0;
      if (foreign !== undefined) penalty += letterCount(stats, foreign) * FOREIGN_LETTER_WEIGHT;
      if (soft !== undefined) penalty += letterCount(stats, soft) * SOFT_FOREIGN_LETTER_WEIGHT;
      adjusted[languageIndex] = (adjusted[languageIndex] ?? 0) + penalty;
    });
  }

  let bestIndex = 0;
  for (let i = 1; i < adjusted.length; i++) {
    if ((adjusted[i] ?? 0) < (adjusted[bestIndex] ?? 0)) bestIndex = i;
  }
  // The runner-up must be another language: Dari (prs) and Persian (pes) are both 'fa'.
  const bestCode = ISO_639_1[languages[bestIndex] ?? ''];
  let secondDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i < adjusted.length; i++) {
    const distance = adjusted[i] ?? 0;
    if (distance < secondDistance && ISO_639_1[languages[i] ?? ''] !== bestCode) secondDistance = distance;
  }
  return {
    language: bestCode ?? 'und',
    confidence: confidenceOf(adjusted[bestIndex] ?? 0, secondDistance, trigramCount, letters),
  };
}

const LATIN_I_IN_CYRILLIC = /(?<=[\u0400-\u04ff])[iIïÏ]|[iIïÏ](?=[\u0400-\u04ff])/g;
const LATIN_TO_CYRILLIC_I: Readonly<Record<string, string>> = { i: 'і', I: 'І', ï: 'ї', Ï: 'Ї' };

function detectCyrillic(sample: string): DetectedLanguage {
  const stats = countLetters(sample);
  const letters = stats.counts[S.cyrillic] ?? 0;
  const total = stats.counts.reduce((sum, count) => sum + count, 0);
  return settle(detectByTrigrams(sample, 'Cyrillic', stats, letters), letters, letters / Math.max(1, total));
}

/**
 * Guesses the language of a text or of one block. The script decides first (Han without
 * kana is Chinese, Hangul Korean, Hebrew letters Hebrew or Yiddish…); languages sharing a
 * script are told apart by franc's trigram models, sharpened by function words (Latin) and
 * by letters missing from a language's alphabet (Cyrillic, Arabic). Returns 'und' for text
 * with too few letters to tell.
 */
export function detectLanguage(text: string): DetectedLanguage {
  const sample = sampleOf(text);
  const stats = countLetters(sample);
  const { counts } = stats;

  // Letters by script, an ideograph weighing as much as a short word of an alphabet.
  let total = 0;
  let dominant = -1;
  let dominantWeight = 0;
  for (let script = 0; script < SCRIPT_COUNT; script++) {
    const count = counts[script] ?? 0;
    total += count;
    if (script === S.kana) continue;
    const weight =
      script === S.han ? (count + (counts[S.kana] ?? 0)) * 3 : script === S.hangul ? count * 2 : count;
    if (weight > dominantWeight) {
      dominant = script;
      dominantWeight = weight;
    }
  }
  const han = counts[S.han] ?? 0;
  const kana = counts[S.kana] ?? 0;
  if (dominant < 0 || total < MIN_LETTERS_UNIQUE_SCRIPT) return UNDETERMINED;
  const letters = counts[dominant] ?? 0;
  const share = dominantWeight / Math.max(1, total + (dominant === S.han ? 2 * (han + kana) : 0));

  if (dominant === S.han) {
    // Chinese never writes kana; Japanese prose is mostly kana.
    const language = kana >= Math.max(1, 0.05 * (han + kana)) ? 'ja' : 'zh';
    return { language, confidence: Math.min(1, share * Math.min(1, (han + kana) / 8)) };
  }
  const single = SINGLE_LANGUAGE_SCRIPTS.get(dominant);
  if (single !== undefined) {
    return { language: single, confidence: Math.min(1, share * Math.min(1, letters / 8)) };
  }

  const script = TRIGRAM_SCRIPTS.get(dominant);
  if (script === undefined) return UNDETERMINED;
  if (letters < (script === 'Latin' ? MIN_LETTERS_LATIN : MIN_LETTERS_SHARED_SCRIPT)) return UNDETERMINED;
  if (script === 'Cyrillic') {
    // Ukrainian typed on a Russian keyboard borrows the Latin i and ï for і and ї.
    const fixed = sample.replace(LATIN_I_IN_CYRILLIC, (i) => LATIN_TO_CYRILLIC_I[i] ?? i);
    if (fixed !== sample) return detectCyrillic(fixed);
  }
  if (script === 'Latin' && isLoremIpsum(wordsOf(sample))) return { language: 'la', confidence: 0.5 };
  return settle(detectByTrigrams(sample, script, stats, letters), letters, share);
}

function settle(detected: DetectedLanguage, letters: number, share: number): DetectedLanguage {
  const confidence = detected.confidence * share;
  if (letters < SHORT_TEXT_LETTERS && confidence < SHORT_TEXT_MIN_CONFIDENCE) return UNDETERMINED;
  return { language: detected.language, confidence };
}
