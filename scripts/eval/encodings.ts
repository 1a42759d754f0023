import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { decodeText, sniffDeclaredCharset } from '../../src/main/core/text/decodeText.ts';
import { decodeWithEncoding } from '../../src/main/core/text/decodeWithEncoding.ts';
import { detectLanguage } from '../../src/main/core/text/detectLanguage.ts';
import { resolveCharset } from '../../src/main/core/text/resolveCharset.ts';
import { corpusPath } from '../../tests/corpusPath.ts';
import { parseForEval, ratio } from './pipeline.ts';
import type { Rate } from './metadata.ts';

const CORPUS = 'multilingual-encoding-samples';

type Expected = {
  path: string;
  expected_encoding: string;
  expected_language: string;
  bytes: number;
  python_codec: string | null;
};

/**
 * Where expected.json is wrong about a file, with the evidence. Both numbers are reported:
 * as stated, and with these corrections (the target is checked on the corrected one).
 */
const LANGUAGE_CORRECTIONS: Readonly<Record<string, { language: string; reason: string }>> = {
  'uchardet/fr/utf-16.be': {
    language: 'en',
    reason:
      'uchardet labels a file by its folder, but this one is English ("UTF-16 (16-bit Unicode Transformation Format) is…")',
  },
};

/** What an importer would hand the language detector from an RSS feed: the markup, CDATA fences and URLs removed. */
function feedText(text: string): string {
  return text
    .replace(/<!\[CDATA\[|\]\]>/gu, ' ')
    .replace(/<[^>]*>/gu, ' ')
    .replace(/&[#\w]+;/gu, ' ')
    .replace(/https?:\/\/\S+/gu, ' ');
}

export type EncodingRow = {
  path: string;
  bytes: number;
  expected: string;
  detected: string | null;
  isEncodingRight: boolean | null;
  hasReplacement: boolean;
  language: string | null;
  expectedLanguage: string;
  isLanguageRight: boolean;
  /** Against LANGUAGE_CORRECTIONS where expected.json is wrong. */
  isLanguageRightCorrected: boolean;
  error?: string;
};

export type EncodingResult = {
  encodingGated: Rate;
  encodingAll: Rate;
  noReplacement: Rate;
  language: Rate;
  languageCorrected: Rate;
  corrections: typeof LANGUAGE_CORRECTIONS;
  sentences: Record<string, Rate>;
  sentencesWorst: number;
  confusions: Record<string, number>;
  misleadingArabic: boolean;
  rows: EncodingRow[];
};

/** The expected decoding; null where iconv-lite has no decoder for the expected codec (EUC-TW). */
function expectedDecoding(bytes: Uint8Array, entry: Expected): string | null {
  const codec = (entry.python_codec ?? entry.expected_encoding).replace(/-sig$/u, '');
  const name = codec === 'latin-1' ? 'iso-8859-1' : codec;
  if (!iconv.encodingExists(name)) return null;
  return iconv.decode(Buffer.from(bytes), name).replace(/^\ufeff/u, '');
}

/** chardet's own criterion: the same encoding, or a label that decodes these bytes to the same text (NFKC). */
function isEquivalent(ours: string, expected: string | null): boolean {
  if (expected === null) return false;
  const canonical = (text: string): string => text.replace(/^\ufeff/u, '').normalize('NFKC');
  return canonical(ours) === canonical(expected);
}

/** Section 3: encodings and languages of real legacy-encoded text, and per-line language of lingua's sentences. */
export async function evalEncodings(sentenceLines: number): Promise<EncodingResult> {
  const entries = JSON.parse(readFileSync(corpusPath(CORPUS, 'expected.json'), 'utf8')) as Expected[];
  const rows: EncodingRow[] = [];
  const sentences: Record<string, Rate> = {};
  const confusions: Record<string, number> = {};
  let misleadingArabic = false;
  for (const entry of entries) {
    const bytes = new Uint8Array(readFileSync(corpusPath(CORPUS, entry.path)));
    if (entry.path.startsWith('lingua-sentences/')) {
      const lines = new TextDecoder()
        .decode(bytes)
        .split('\n')
        .filter((line) => line.trim() !== '');
      const sample = lines.slice(0, sentenceLines);
      let passed = 0;
      for (const line of sample) {
        const { language } = detectLanguage(line);
        if (language === entry.expected_language) passed++;
        else {
          const key = `${entry.expected_language}→${language}`;
          confusions[key] = (confusions[key] ?? 0) + 1;
        }
      }
      sentences[entry.expected_language] = {
        passed,
        total: sample.length,
        rate: ratio(passed, sample.length),
      };
      continue;
    }
    // As parseFile does: HTML (and XML) state a charset that the bytes may contradict; plain text states none.
    const isMarkup = /\.(?:html?|xml)$/iu.test(entry.path);
    const row: EncodingRow = {
      path: entry.path,
      bytes: bytes.length,
      expected: entry.expected_encoding,
      detected: null,
      isEncodingRight: false,
      hasReplacement: false,
      language: null,
      expectedLanguage: entry.expected_language,
      isLanguageRight: false,
      isLanguageRightCorrected: false,
    };
    try {
      const decoded = decodeText(bytes, { declaredCharset: isMarkup ? sniffDeclaredCharset(bytes) : null });
      row.detected = decoded.encoding.name;
      const expected = expectedDecoding(bytes, entry);
      const sameLabel =
        resolveCharset(decoded.encoding.name) ===
        resolveCharset(entry.python_codec ?? entry.expected_encoding);
      row.isEncodingRight =
        expected === null && !sameLabel
          ? null
          : sameLabel || isEquivalent(decodeWithEncoding(bytes, decoded.encoding.name), expected);
      row.hasReplacement = decoded.text.includes('\ufffd');
      if (entry.path.endsWith('.xml')) {
        // The app imports no .xml: chardet's RSS feeds are scored on their text, as detectLanguage.test.ts does.
        row.language = detectLanguage(feedText(decoded.text)).language;
      } else {
        const parsed = await parseForEval(bytes, isMarkup ? 'html' : 'txt');
        row.language = parsed.metadata.language.value;
        if (entry.path.startsWith('tika/testArabicMisleadingCharset')) {
          const shown = parsed.blocks.map((block) => block.text).join('\n');
          misleadingArabic = shown.includes('العربية') && !shown.includes('\ufffd');
        }
      }
    } catch (error) {
      row.error = error instanceof Error ? error.message : String(error);
    }
    row.isLanguageRight = row.language === entry.expected_language;
    row.isLanguageRightCorrected =
      row.language === (LANGUAGE_CORRECTIONS[entry.path]?.language ?? entry.expected_language);
    rows.push(row);
  }
  const rateOf = (values: (boolean | null)[]): Rate => {
    const counted = values.filter((value): value is boolean => value !== null);
    const passed = counted.filter(Boolean).length;
    return { passed, total: counted.length, rate: ratio(passed, counted.length) };
  };
  return {
    encodingGated: rateOf(rows.filter((row) => row.bytes >= 200).map((row) => row.isEncodingRight)),
    encodingAll: rateOf(rows.map((row) => row.isEncodingRight)),
    // Files that could not be decoded at all (EUC-TW, which iconv-lite lacks) show no text, so no U+FFFD: they count under encoding.
    noReplacement: rateOf(rows.filter((row) => row.error === undefined).map((row) => !row.hasReplacement)),
    language: rateOf(rows.map((row) => row.isLanguageRight)),
    languageCorrected: rateOf(rows.map((row) => row.isLanguageRightCorrected)),
    corrections: LANGUAGE_CORRECTIONS,
    sentences,
    sentencesWorst: Math.min(...Object.values(sentences).map((value) => value.rate)),
    confusions,
    misleadingArabic,
    rows,
  };
}
