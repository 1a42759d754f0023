import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../shared/errors.ts';
import { corpusPath } from '../../../../tests/corpusPath.ts';
import { decodeText, sniffDeclaredCharset, type DecodedText } from './decodeText.ts';
import { resolveCharset } from './resolveCharset.ts';

type Expectation = {
  path: string;
  expected_encoding: string;
  expected_language: string;
  bytes: number;
  python_codec: string;
  notes: string | null;
};

const CORPUS = 'multilingual-encoding-samples';
const expectations = JSON.parse(readFileSync(corpusPath(CORPUS, 'expected.json'), 'utf8')) as Expectation[];
const MOJIBAKE = ['\ufffd', 'Ã©', 'Ð°', 'Ø§'];
// PROVENANCE.md: "For uchardet zh/* and the Hebrew files (<200 bytes), report the result but do not gate on it."
const GATED_MIN_BYTES = 200;

/** The code of the WorkbenchError the call throws, or undefined when it returns. */
function errorCodeOf(call: () => unknown): string | undefined {
  try {
    call();
  } catch (error) {
    return error instanceof WorkbenchError ? error.code : String(error);
  }
  return undefined;
}

function bytesOf(file: string): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath(CORPUS, file)));
}

/** The expected text: the bytes decoded with the expected codec (Python names, as expected.json gives them). */
function expectedText(expectation: Expectation, bytes: Uint8Array): string | null {
  const codec = expectation.python_codec.replace(/^latin-1$/, 'latin1').replace(/_/g, '-');
  if (!iconv.encodingExists(codec)) return null;
  return iconv.decode(Buffer.from(bytes), codec);
}

type Outcome = {
  expectation: Expectation;
  decoded: DecodedText | null;
  error: string | null;
  /** PROVENANCE.md's "equivalent decode" rule. */
  passes: boolean;
  isUnicode: boolean;
};

function score(expectation: Expectation): Outcome {
  const bytes = bytesOf(expectation.path);
  const isUnicode = /^utf/i.test(expectation.expected_encoding);
  let decoded: DecodedText;
  try {
    decoded = decodeText(bytes, { declaredCharset: sniffDeclaredCharset(bytes) });
  } catch (error) {
    return { expectation, decoded: null, error: (error as Error).message, passes: false, isUnicode };
  }
  const sameLabel = resolveCharset(expectation.expected_encoding) === decoded.encoding.name;
  const expected = expectedText(expectation, bytes);
  const sameText =
    expected !== null && expected.replace(/^\ufeff/, '').normalize('NFKC') === decoded.text.normalize('NFKC');
  return { expectation, decoded, error: null, passes: sameLabel || sameText, isUnicode };
}

const outcomes = expectations.map(score);

describe('decodeText on the multilingual encoding corpus', () => {
  it('reports accuracy per source folder (equivalent-decode rule)', () => {
    const rows = new Map<string, { files: number; passed: number; gated: number; gatedPassed: number }>();
    for (const outcome of outcomes) {
      const folder = outcome.expectation.path.split('/')[0] ?? '';
      const row = rows.get(folder) ?? { files: 0, passed: 0, gated: 0, gatedPassed: 0 };
      const gated = outcome.isUnicode || outcome.expectation.bytes >= GATED_MIN_BYTES;
      row.files++;
      row.gated += gated ? 1 : 0;
      row.passed += outcome.passes ? 1 : 0;
      row.gatedPassed += outcome.passes && gated ? 1 : 0;
      rows.set(folder, row);
    }
    // eslint-disable-next-line no-console -- the accuracy table is this test's report
    console.table(
      Object.fromEntries(
        [...rows].map(([folder, row]) => [
          folder,
          { ...row, accuracy: `${((100 * row.passed) / row.files).toFixed(1)} %` },
        ]),
      ),
    );
    // eslint-disable-next-line no-console -- the per-file results are part of the report
    console.table(
      outcomes.map(({ expectation, decoded, error, passes }) => ({
        file: expectation.path,
        bytes: expectation.bytes,
        expected: expectation.expected_encoding,
        detected: decoded?.encoding.name ?? `(${error ?? ''})`,
        confidence: decoded?.encoding.confidence,
        passes,
      })),
    );
    expect(rows.size).toBeGreaterThan(0);
  });

  it('decodes every BOM/UTF file equivalently', () => {
    const failures = outcomes.filter((outcome) => outcome.isUnicode && !outcome.passes);
    expect(failures.map((outcome) => outcome.expectation.path)).toEqual([]);
  });

  it(`decodes every file of ${String(GATED_MIN_BYTES)} bytes or more equivalently`, () => {
    const failures = outcomes.filter(
      (outcome) => outcome.expectation.bytes >= GATED_MIN_BYTES && !outcome.passes,
    );
    expect(failures.map((outcome) => outcome.expectation.path)).toEqual([]);
  });

  it('never produces U+FFFD or mojibake', () => {
    for (const { expectation, decoded } of outcomes) {
      if (decoded === null) continue;
      for (const sequence of MOJIBAKE) {
        expect(decoded.text.includes(sequence), `${expectation.path} contains ${sequence}`).toBe(false);
      }
    }
  });

  it('refuses EUC-TW, which no decoder here knows, rather than return garbage', () => {
    // expected.json: "no EUC-TW decoder in Python/ICU-less iconv-lite; expect 'unsupported' handling".
    const euctw = outcomes.find((outcome) => outcome.expectation.path === 'uchardet/zh/euc-tw.txt');
    expect(euctw?.decoded).toBeNull();
    expect(errorCodeOf(() => decodeText(bytesOf('uchardet/zh/euc-tw.txt')))).toBe('DECODE_FAILED');
  });

  it('catches a charset that lies: windows-1256 bytes declaring UTF-8', () => {
    const bytes = bytesOf('tika/testArabicMisleadingCharset.html');
    const declared = sniffDeclaredCharset(bytes);
    expect(declared).toBe('utf-8');
    const { text, encoding } = decodeText(bytes, { declaredCharset: declared });
    expect(text).toContain('العربية');
    expect(text).not.toContain('\ufffd');
    expect(encoding).toMatchObject({ name: 'windows-1256', declared: 'utf-8', bom: false });
  });

  it('follows a declared charset that tells the truth', () => {
    const bytes = bytesOf('chardet/KOI8-R/newsru.com.xml');
    expect(sniffDeclaredCharset(bytes)).toBe('koi8-r');
    const { encoding } = decodeText(bytes, { declaredCharset: 'koi8-r' });
    expect(encoding).toMatchObject({ name: 'koi8-r', declared: 'koi8-r' });
  });
});

describe('decodeText on particular inputs', () => {
  it('removes a BOM and nothing else', () => {
    const bytes = bytesOf('charset-normalizer/sample-english.bom.txt');
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toMatchObject({ name: 'utf-8', bom: true, confidence: 1 });
    expect(text).toBe(new TextDecoder('utf-8').decode(bytes));
    expect(text.startsWith('\ufeff')).toBe(false);
  });

  it('reads UTF-16BE with a BOM, and without one by its NUL bytes', () => {
    const withBom = bytesOf('uchardet/fr/utf-16.be');
    const decoded = decodeText(withBom);
    expect(decoded.encoding).toMatchObject({ name: 'utf-16be', bom: true });
    const withoutBom = decodeText(withBom.subarray(2));
    expect(withoutBom.encoding).toMatchObject({ name: 'utf-16be', bom: false });
    expect(withoutBom.text).toBe(decoded.text);
  });

  it('reads UTF-16LE without a BOM, astral characters included', () => {
    const { text, encoding } = decodeText(bytesOf('chardet/UTF-16LE/plane1-utf-16le.html'));
    expect(encoding.name).toBe('utf-16le');
    expect(text).toMatch(/[\u{10000}-\u{10ffff}]/u);
  });

  it('reads invalid UTF-8 that is really windows-1252 as windows-1252', () => {
    const bytes = bytesOf('chardet/windows-1252/github_bug_9.txt');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const { text, encoding } = decodeText(bytes);
    expect(encoding.name).toBe('windows-1252');
    expect(text).toBe(iconv.decode(Buffer.from(bytes), 'windows-1252'));
  });

  it('rejects a PNG image and a ZIP archive saved as .txt', () => {
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00,
      0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x06, 0x00, 0x00, 0x00, 0x5c, 0x72, 0xa8, 0x66,
    ]);
    const docx = new Uint8Array(readFileSync(corpusPath('docx-pdf-samples', 'markitdown', 'test.docx')));
    for (const bytes of [png, docx, docx.subarray(0, 512)]) {
      expect(errorCodeOf(() => decodeText(bytes))).toBe('BINARY_CONTENT');
    }
  });

  it('rejects binary data without a known signature', () => {
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256);
    expect(errorCodeOf(() => decodeText(noise))).toBe('BINARY_CONTENT');
  });

  it('keeps a UTF-8 file with a stray byte, or cut off inside a character, as UTF-8', () => {
    const bytes = bytesOf('uchardet/fr/utf-8.txt');
    const space = bytes.indexOf(0x20, bytes.length / 2);
    // "café" typed in windows-1252 into a UTF-8 file: one byte, 0xE9, that UTF-8 does not allow there.
    const stray = Uint8Array.from([
      ...bytes.subarray(0, space),
      0x20,
      0x63,
      0x61,
      0x66,
      0xe9,
      ...bytes.subarray(space),
    ]);
    const mixed = decodeText(stray);
    expect(mixed.encoding.name).toBe('utf-8');
    expect(mixed.text.match(/\ufffd/g)).toHaveLength(1);
    const cut = bytes.subarray(0, bytes.lastIndexOf(0xc3) + 1);
    const truncated = decodeText(cut);
    expect(truncated.encoding.name).toBe('utf-8');
    expect(truncated.text.endsWith('\ufffd')).toBe(true);
    expect(truncated.text.slice(0, -1)).toBe(new TextDecoder().decode(cut.subarray(0, -1)));
  });

  it('does not take text that happens to start like a signature for binary data', () => {
    for (const text of [
      'MZ Rossi a déclaré mardi que la base était visée.',
      'GIF89a est un format d’image.',
    ]) {
      expect(decodeText(new TextEncoder().encode(text)).text).toBe(text);
    }
  });

  it('rejects an empty file', () => {
    expect(errorCodeOf(() => decodeText(new Uint8Array(0)))).toBe('EMPTY_FILE');
  });

  it('keeps the declared charset for pure ASCII, which every ASCII-compatible charset reads alike', () => {
    const bytes = bytesOf('uchardet/en/ascii.txt');
    expect(decodeText(bytes).encoding.name).toBe('utf-8');
    expect(decodeText(bytes, { declaredCharset: 'ISO-8859-1' }).encoding).toMatchObject({
      name: 'windows-1252',
      declared: 'iso-8859-1',
    });
  });
});

describe('decodeText on real sentences re-encoded in legacy code pages', () => {
  // The corpus has one or two files per code page; the lingua-rs sentences, encoded with
  // iconv-lite into each code page their language is written in, give forty more each.
  const ROUND_TRIPS: readonly (readonly [language: string, encodings: readonly string[]])[] = [
    ['ru', ['windows-1251', 'koi8-r', 'ibm866', 'iso-8859-5', 'mac-cyrillic', 'ibm855']],
    ['uk', ['windows-1251', 'koi8-u', 'mac-cyrillic']],
    ['ar', ['windows-1256', 'iso-8859-6']],
    ['fr', ['windows-1252', 'iso-8859-15']],
    ['zh', ['gb18030']],
  ];
  const CHUNK_LENGTH = 400;
  const CHUNKS = 40;

  function chunksOf(language: string): string[] {
    const lines = readFileSync(corpusPath(CORPUS, 'lingua-sentences', `${language}.txt`), 'utf8').split('\n');
    const chunks: string[] = [];
    let chunk = '';
    for (const line of lines) {
      // A few lines hold C1 control characters (broken apostrophes upstream): no code page round-trips those.
      if (line.trim() === '' || /[\u0080-\u009f]/.test(line)) continue;
      chunk = chunk === '' ? line : `${chunk}\n${line}`;
      if (chunk.length >= CHUNK_LENGTH) {
        chunks.push(chunk);
        chunk = '';
      }
    }
    return chunks;
  }

  it('finds the code page of 95 % of 400-character chunks or more, for each', () => {
    const table: Record<string, { chunks: number; correct: number; accuracy: string; instead: string }> = {};
    for (const [language, encodings] of ROUND_TRIPS) {
      const chunks = chunksOf(language);
      for (const encoding of encodings) {
        const wrong = new Map<string, number>();
        let tried = 0;
        let correct = 0;
        for (const chunk of chunks) {
          const bytes = new Uint8Array(iconv.encode(chunk, encoding));
          if (iconv.decode(Buffer.from(bytes), encoding) !== chunk || !bytes.some((byte) => byte >= 0x80))
            continue;
          if (tried++ === CHUNKS) break;
          let detected: string;
          try {
            const decoded = decodeText(bytes);
            detected = decoded.text === chunk ? encoding : decoded.encoding.name;
          } catch (error) {
            detected = error instanceof WorkbenchError ? error.code : String(error);
          }
          if (detected === encoding) correct++;
          else wrong.set(detected, (wrong.get(detected) ?? 0) + 1);
        }
        const total = Math.min(tried, CHUNKS);
        table[`${language} ${encoding}`] = {
          chunks: total,
          correct,
          accuracy: `${((100 * correct) / total).toFixed(1)} %`,
          instead: [...wrong].map(([name, count]) => `${name} ${String(count)}`).join(', '),
        };
      }
    }
    // eslint-disable-next-line no-console -- the accuracy table is this test's report
    console.table(table);
    for (const [key, row] of Object.entries(table)) {
      expect(row.chunks, key).toBeGreaterThanOrEqual(20);
      expect(row.correct / row.chunks, key).toBeGreaterThanOrEqual(0.95);
    }
  });
});

describe('sniffDeclaredCharset', () => {
  const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

  it('finds <meta charset>, <meta http-equiv> and the XML declaration', () => {
    expect(sniffDeclaredCharset(ascii('<!doctype html><html><head><meta charset="windows-1256">'))).toBe(
      'windows-1256',
    );
    expect(
      sniffDeclaredCharset(
        ascii('<META http-equiv="Content-Type" content="text/html; charset=KOI8-R"><title>x</title>'),
      ),
    ).toBe('koi8-r');
    expect(sniffDeclaredCharset(bytesOf('chardet/GB2312/cnblog.org.xml'))).toBe('gb2312');
  });

  it('returns null when nothing is declared', () => {
    expect(sniffDeclaredCharset(bytesOf('uchardet/fr/utf-8.txt'))).toBeNull();
    expect(sniffDeclaredCharset(ascii('<html><head><title>charset</title></head></html>'))).toBeNull();
  });
});
