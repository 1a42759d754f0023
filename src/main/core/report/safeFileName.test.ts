import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberedFileName, safeFileName } from './safeFileName.ts';
import { numberedPaths, reportPathsIn, writeNewFile } from './writeNewFile.ts';

const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$)$/i;
// eslint-disable-next-line no-control-regex -- the property is that none of these survive
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** Everything a file name must satisfy on Windows, macOS and Linux. */
function expectPortable(name: string): void {
  expect(name.endsWith('.md')).toBe(true);
  const stem = name.slice(0, -3);
  expect(stem.length).toBeGreaterThan(0);
  expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(255);
  expect(Buffer.byteLength(name.normalize('NFD'), 'utf8')).toBeLessThanOrEqual(255);
  expect(name).not.toMatch(FORBIDDEN);
  expect(name).not.toContain('..');
  expect(name.startsWith('.')).toBe(false);
  expect(stem).not.toMatch(/[ .]$/);
  expect(name.isWellFormed()).toBe(true);
  expect(name).toBe(name.normalize('NFC'));
  expect(stem.split('.')[0]?.trimEnd()).not.toMatch(WINDOWS_DEVICES);
}

/** Titles built from the pieces that break file names, mixed with any Unicode at all. */
const nastyPiece = fc.constantFrom(
  'CON',
  'con',
  'PRN',
  'aux',
  'NUL',
  'COM1',
  'LPT9',
  'COM¹',
  'CONIN$',
  '.',
  '..',
  '...',
  ' ',
  '/',
  '\\',
  ':',
  '*',
  '?',
  '"',
  '<',
  '>',
  '|',
  '\u0000',
  '\u001b',
  '\u0085',
  '\u202e',
  '\u2067',
  '\ufeff',
  '\ud800',
  'é',
  'e\u0301',
  '한국어',
  '👩‍👩‍👧‍👦',
  'مرحبا',
  '漢字',
  '.md',
  '~',
);
const title = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc
    .array(fc.oneof(nastyPiece, fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 120 })
    .map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', minLength: 200, maxLength: 400 }),
);

describe('safeFileName', () => {
  it('keeps an ordinary title readable', () => {
    expect(safeFileName("Syrie: attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US")).toBe(
      "Syrie - attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US.md",
    );
    expect(safeFileName('مرحبا بالعالم')).toBe('مرحبا بالعالم.md');
    expect(safeFileName('新闻 😀 报道')).toBe('新闻 😀 报道.md');
  });

  it('disarms separators, parent folders, devices, controls and bidi overrides', () => {
    expect(safeFileName('../../etc/passwd')).toBe('-.-etc-passwd.md');
    expect(safeFileName('CON')).toBe('CON_.md');
    expect(safeFileName('nul.tar')).toBe('nul_.tar.md');
    expect(safeFileName('com1 ')).toBe('com1_.md');
    expect(safeFileName('report\u202egpj.exe')).toBe('reportgpj.exe.md');
    expect(safeFileName('a\u0000b\tc\nd')).toBe('ab c d.md');
    expect(safeFileName('trailing dots...')).toBe('trailing dots.md');
    expect(safeFileName('...')).toBe('Report.md');
    expect(safeFileName('')).toBe('Report.md');
  });

  it('cuts a long title between graphemes to 255 bytes, extension and number kept', () => {
    const name = safeFileName('👩‍👩‍👧‍👦'.repeat(100));
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name.slice(0, -3)).toMatch(/^(👩‍👩‍👧‍👦)+$/u);
    const numbered = numberedFileName('x'.repeat(400), 12);
    expect(numbered.endsWith(' (12).md')).toBe(true);
    expect(Buffer.byteLength(numbered)).toBe(255);
    // Hangul triples in bytes when decomposed, as APFS stores names.
    const hangul = safeFileName('한'.repeat(200));
    expect(Buffer.byteLength(hangul.normalize('NFD'))).toBeLessThanOrEqual(255);
  });

  it('gives a portable, stable name for thousands of random titles', () => {
    fc.assert(
      fc.property(title, fc.integer({ min: 1, max: 10_000 }), (raw, n) => {
        const name = safeFileName(raw);
        expectPortable(name);
        // Stable: a safe name's stem is already safe.
        expect(safeFileName(name.slice(0, -3))).toBe(name);
        expectPortable(numberedFileName(raw, n));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('writeNewFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'workbench-report-names-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('never overwrites: a second report with the same title gets " (2)"', async () => {
    const first = await writeNewFile(reportPathsIn(dir, 'Same: title'), 'first');
    const second = await writeNewFile(reportPathsIn(dir, 'Same: title'), 'second');
    expect(path.basename(first)).toBe('Same - title.md');
    expect(path.basename(second)).toBe('Same - title (2).md');
    expect(await readFile(first, 'utf8')).toBe('first');
    expect(await readFile(second, 'utf8')).toBe('second');
    // No temporary file is left behind.
    expect((await readdir(dir)).sort()).toEqual(['Same - title (2).md', 'Same - title.md']);
  });

  it('keeps a chosen file name and numbers it when it is taken', async () => {
    const chosen = path.join(dir, 'out.md');
    await writeFile(chosen, 'the analyst’s own file');
    const written = await writeNewFile(numberedPaths(chosen), 'report');
    expect(written).toBe(path.join(dir, 'out (2).md'));
    expect(await readFile(chosen, 'utf8')).toBe('the analyst’s own file');
  });

  it('creates random safe names for real on this file system', async () => {
    const names = fc.sample(title, { numRuns: 200, seed: 4 });
    for (const raw of names) {
      const written = await writeNewFile(reportPathsIn(dir, raw), raw);
      expect(path.dirname(written)).toBe(dir);
      expect(await readFile(written, 'utf8')).toBe(raw.toWellFormed());
    }
    // The file system kept every name byte for byte.
    const onDisk = new Set(await readdir(dir));
    for (const raw of names) expect(onDisk.has(safeFileName(raw))).toBe(true);
  });
});
