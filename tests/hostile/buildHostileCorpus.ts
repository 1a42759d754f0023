import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { open, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ErrorCode } from '../../src/shared/errors.ts';
import { corpusPath, REPO_ROOT } from '../corpusPath.ts';
import { isDatabaseScratch } from '../databaseScratch.ts';
import { encryptedPdf } from './encryptedPdf.ts';
import { deflatedEntry, repeatedEntry, storedEntry, writeZip, type ZipEntry } from './writeZip.ts';

/** The committed hostile files, which point every reference they make at this origin. */
export const HOSTILE_FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures', 'hostile');
export const CANARY_PLACEHOLDER = 'http://canary.invalid';

/** What a hostile file must come to: refused with a code, or imported as text that carries none of its markup. */
export type HostileOutcome =
  | { status: 'failed'; codes: readonly ErrorCode[] }
  | {
      status: 'imported';
      /** Text the analyst must see. */
      shows: readonly string[];
      /** Text that must not reach the stored blocks (script bodies, URLs, attribute values). */
      hides: readonly string[];
    }
  /** Either is fine, as long as it is one of the two and clean. */
  | { status: 'imported-or-failed'; codes: readonly ErrorCode[]; hides: readonly string[] };

export type HostileCase = {
  /** What the case is, for test names and the report. */
  label: string;
  file: string;
  outcome: HostileOutcome;
  /** A weakness in a file this test does not own, stated so its test is marked `it.fails` until fixed. */
  knownWeakness?: string;
};

/** Every string a hostile page may carry into the stored text if the extractor kept markup or attributes. */
export const MARKUP_TRACES = [
  'canary',
  'http://',
  'https://',
  'javascript:',
  'data:text',
  'window.__pwned',
  'fetch(',
  'document.write',
  'onerror',
  'onload',
  'onclick',
  'srcdoc',
  'SECRET ALT TEXT',
  'TYPED FORM VALUE',
  'TEMPLATE TEXT',
  'WRITTEN BY SCRIPT',
  'SVG LINK TEXT',
  '@import',
  '@font-face',
];

const WORD_NAMESPACES =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const DOCUMENT_HEAD = `<?xml version="1.0" encoding="UTF-8"?><w:document ${WORD_NAMESPACES}><w:body>`;
const DOCUMENT_TAIL = '</w:body></w:document>';

function paragraphsXml(...texts: string[]): string {
  return `${DOCUMENT_HEAD}${texts.map((text) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`).join('')}${DOCUMENT_TAIL}`;
}

function packageParts(): ZipEntry[] {
  return [
    deflatedEntry(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    deflatedEntry(
      '_rels/.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
  ];
}

const BOMB_CHUNK = 'x'.repeat(1024 * 1024);

/** A 1 GB document.xml of one repeated letter in a ~1 MB file, with true sizes in its headers. */
export function docxZipBomb(): { bytes: Uint8Array; uncompressedSize: number } {
  const bomb = repeatedEntry(
    'word/document.xml',
    `${DOCUMENT_HEAD}<w:p><w:r><w:t>`,
    BOMB_CHUNK,
    1024,
    `</w:t></w:r></w:p>${DOCUMENT_TAIL}`,
  );
  const bytes = writeZip([...packageParts(), bomb]);
  return { bytes, uncompressedSize: bomb.uncompressedSize };
}

/** The same bomb, but the headers claim 2 KB: only a reader that counts what it inflates notices. */
function docxLyingBomb(): Uint8Array {
  const bomb = repeatedEntry(
    'word/document.xml',
    `${DOCUMENT_HEAD}<w:p><w:r><w:t>`,
    BOMB_CHUNK,
    1024,
    `</w:t></w:r></w:p>${DOCUMENT_TAIL}`,
  );
  return writeZip([...packageParts(), { ...bomb, uncompressedSize: 2048 }]);
}

/** A well-formed DOCX whose ZIP holds 100,000 tiny entries. */
function docxManyEntries(count: number, statedCount?: number): Uint8Array {
  const filler = storedEntry('word/media/filler-00000.xml', '<x/>');
  const entries = [
    ...packageParts(),
    deflatedEntry('word/document.xml', paragraphsXml('A decoy paragraph that looks harmless.')),
  ];
  for (let index = entries.length; index < count; index++)
    entries.push({ ...filler, name: `word/media/filler-${String(index).padStart(5, '0')}.xml` });
  return writeZip(entries, statedCount === undefined ? {} : { statedCount });
}

/**
 * The end record states three entries: a reader that trusts it (yauzl) checks the decoy parts
 * only, while JSZip (inside mammoth) reads the central directory to its end and finds a second
 * word/document.xml, a bomb, which replaces the decoy.
 */
function docxHiddenEntries(): Uint8Array {
  const hidden = repeatedEntry(
    'word/document.xml',
    `${DOCUMENT_HEAD}<w:p><w:r><w:t>`,
    BOMB_CHUNK,
    256,
    `</w:t></w:r></w:p>${DOCUMENT_TAIL}`,
  );
  const entries = [
    ...packageParts(),
    deflatedEntry('word/document.xml', paragraphsXml('A decoy paragraph that looks harmless.')),
    hidden,
  ];
  return writeZip(entries, { statedCount: 3 });
}

/** Two entries of the same name, the second a bomb: a reader that keeps the last one parses it. */
function docxDuplicateNames(): Uint8Array {
  return writeZip([
    ...packageParts(),
    deflatedEntry('word/document.xml', paragraphsXml('A decoy paragraph that looks harmless.')),
    deflatedEntry(
      'word/document.xml',
      paragraphsXml('The second main part, which a careless reader would take instead of the first.'),
    ),
  ]);
}

/** XML entity expansion ("billion laughs") inside document.xml: tiny on disk and in the ZIP. */
function docxBillionLaughs(): Uint8Array {
  const entities = ['<!ENTITY lol0 "lollollollollollollollollollol">'];
  for (let level = 1; level <= 9; level++)
    entities.push(`<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
  const xml = `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [${entities.join('')}]><w:document ${WORD_NAMESPACES}><w:body><w:p><w:r><w:t>Laughs: &lol9;</w:t></w:r></w:p><w:p><w:r><w:t>A plain paragraph after the entities.</w:t></w:r></w:p>${DOCUMENT_TAIL}`;
  return writeZip([...packageParts(), deflatedEntry('word/document.xml', xml)]);
}

/** An external entity pointing at a local file and at the canary: XXE. */
function docxExternalEntity(canaryOrigin: string): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [<!ENTITY passwd SYSTEM "file:///etc/passwd"><!ENTITY remote SYSTEM "${canaryOrigin}/docx-xxe">]><w:document ${WORD_NAMESPACES}><w:body><w:p><w:r><w:t>Local file: &passwd; Remote: &remote;</w:t></w:r></w:p><w:p><w:r><w:t>A plain paragraph after the entities.</w:t></w:r></w:p>${DOCUMENT_TAIL}`;
  return writeZip([
    ...packageParts(),
    deflatedEntry('word/document.xml', xml),
    deflatedEntry(
      'word/_rels/document.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${canaryOrigin}/docx-remote-image.png" TargetMode="External"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="${canaryOrigin}/docx-template.dotm" TargetMode="External"/></Relationships>`,
    ),
  ]);
}

/** A PDF of many pages sharing one content stream: small on disk, long to walk. */
function pdfManyPages(pages: number): Uint8Array {
  const kids: string[] = [];
  for (let index = 0; index < pages; index++) kids.push(`${String(index + 4)} 0 R`);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${String(pages)} >>`,
    (() => {
      const stream = 'BT /F1 12 Tf 20 100 Td (A page of a very long document.) Tj ET';
      return `<< /Length ${String(stream.length)} >>\nstream\n${stream}\nendstream`;
    })(),
  ];
  const font = '/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>';
  for (let index = 0; index < pages; index++)
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] ${font} /Contents 3 0 R >>`);
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${String(index + 1)} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${String(objects.length + 1)}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${String(objects.length + 1)} /Root 1 0 R >>\nstartxref\n${String(xref)}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, 'latin1'));
}

/** Deterministic noise (xorshift), so the "binary" cases are the same on every run. */
function noise(length: number, seed = 0x9e3779b9): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[index] = state & 0xff;
  }
  return bytes;
}

/** Valid UTF-8 prose with every kind of malformed sequence spliced into it. */
function invalidUtf8(): Uint8Array {
  const prose = Buffer.from(
    'Un article en français, écrit en UTF-8, dont quelques octets ont été abîmés en route. ',
    'utf8',
  );
  const broken = [
    [0xc3], // a lead byte without its continuation
    [0x80, 0xbf], // lone continuation bytes
    [0xc0, 0xaf], // an overlong "/"
    [0xe0, 0x80, 0xaf], // an overlong "/" again, three bytes
    [0xed, 0xa0, 0x80], // an encoded surrogate
    [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    [0xfe, 0xff], // bytes that never appear in UTF-8
  ];
  const parts: Buffer[] = [];
  for (let round = 0; round < 6; round++) {
    for (const sequence of broken) parts.push(prose, Buffer.from(sequence));
    parts.push(Buffer.from('\n\n'));
  }
  return new Uint8Array(Buffer.concat(parts));
}

/** A plain text file saying who it is, for the file-name cases. */
function namedText(note: string): string {
  return `${note}\n\nThis file has a hostile name but ordinary text, so it is imported; its name is kept as data and shown as text.\n`;
}

/**
 * Writes the hostile corpus into `dir`: the committed files (tests/fixtures/hostile) with the
 * canary origin put in, and the large or dangerous ones generated, so that no bomb is ever
 * committed. The 1 GB text file is sparse: it costs no disk and no time.
 */
export async function buildHostileCorpus(dir: string, canaryOrigin: string): Promise<HostileCase[]> {
  const cases: HostileCase[] = [];
  const add = async (
    name: string,
    content: string | Uint8Array,
    label: string,
    outcome: HostileOutcome,
  ): Promise<void> => {
    const file = path.join(dir, name);
    await writeFile(file, content);
    cases.push({ label, file, outcome });
  };
  const fixture = async (name: string): Promise<string> =>
    (await readFile(path.join(HOSTILE_FIXTURES, name), 'utf8')).replaceAll(CANARY_PLACEHOLDER, canaryOrigin);

  await add(
    'hostile-page.html',
    await fixture('hostile-page.html'),
    'HTML with scripts, handlers, javascript:/data: links, iframes, srcdoc, SVG, remote images, srcset, CSS url() and @import, <base>, <meta refresh>, forms and fonts',
    {
      status: 'imported',
      shows: [
        'Hostile page headline',
        'The first paragraph of the hostile page',
        'a javascript link',
        'a span with handlers',
        `<img src=x onerror="window.__pwned='escaped markup'">`,
        `<script>window.__pwned='escaped script'</script>`,
        'The last paragraph is plain text again',
      ],
      hides: MARKUP_TRACES,
    },
  );
  await add('svg-in-html.html', await fixture('svg-in-html.html'), 'SVG with scripts inside HTML', {
    status: 'imported',
    shows: ['This page wraps its article', 'The text after the drawing'],
    hides: MARKUP_TRACES,
  });
  await add('hostile-notes.md', await fixture('hostile-notes.md'), 'Markdown with raw HTML and links', {
    status: 'imported',
    shows: ['Hostile Markdown notes', 'The last paragraph is plain text.'],
    hides: [],
  });
  await add('hostile-drawing.svg', await fixture('hostile-drawing.svg'), 'an SVG file with script', {
    status: 'failed',
    codes: ['UNSUPPORTED_FORMAT'],
  });
  await add(
    'deep.html',
    `<html><body>${'<div>'.repeat(200_000)}deep text${'</div>'.repeat(200_000)}</body></html>`,
    'HTML nested 200,000 elements deep',
    { status: 'failed', codes: ['HTML_TOO_DEEP'] },
  );

  const bomb = docxZipBomb();
  await add('zip-bomb.docx', bomb.bytes, `DOCX zip bomb (1 GB in ${String(bomb.bytes.length)} bytes)`, {
    status: 'failed',
    codes: ['DOCX_TOO_LARGE'],
  });
  await add('zip-bomb-lying-sizes.docx', docxLyingBomb(), 'DOCX zip bomb whose headers understate its size', {
    status: 'failed',
    codes: ['DOCX_TOO_LARGE'],
  });
  await add('many-entries.docx', docxManyEntries(100_000), 'DOCX with 100,000 ZIP entries', {
    status: 'failed',
    codes: ['DOCX_TOO_MANY_ENTRIES'],
  });
  await add(
    'many-entries-understated.docx',
    docxManyEntries(100_000, 3),
    'DOCX with 100,000 ZIP entries whose end record says 3',
    { status: 'failed', codes: ['DOCX_TOO_MANY_ENTRIES', 'DOCX_DAMAGED'] },
  );
  await add(
    'hidden-bomb.docx',
    docxHiddenEntries(),
    'DOCX hiding a second, bombed document.xml past the stated entry count',
    { status: 'failed', codes: ['DOCX_DAMAGED', 'DOCX_TOO_LARGE'] },
  );
  await add('duplicate-names.docx', docxDuplicateNames(), 'DOCX with two parts of the same name', {
    status: 'failed',
    codes: ['DOCX_DAMAGED'],
  });
  await add('billion-laughs.docx', docxBillionLaughs(), 'DOCX with XML entity expansion', {
    status: 'imported-or-failed',
    codes: ['DOCX_DAMAGED'],
    hides: ['lollollol'],
  });
  await add(
    'external-entity.docx',
    docxExternalEntity(canaryOrigin),
    'DOCX with XXE and remote relationships',
    {
      status: 'imported-or-failed',
      codes: ['DOCX_DAMAGED'],
      hides: ['root:', 'canary', 'http://'],
    },
  );

  const pdf = await readFile(corpusPath('docx-pdf-samples', 'tika', 'testPDF.pdf'));
  await add('truncated.pdf', pdf.subarray(0, Math.floor(pdf.length / 2)), 'a PDF cut in half', {
    status: 'imported-or-failed',
    codes: ['PDF_DAMAGED', 'NO_TEXT'],
    hides: [],
  });
  await add('header-only.pdf', '%PDF-1.7\n', 'a PDF that is only its header', {
    status: 'failed',
    codes: ['PDF_DAMAGED'],
  });
  await add('encrypted.pdf', encryptedPdf('secret'), 'a PDF encrypted with a user password', {
    status: 'failed',
    codes: ['PDF_ENCRYPTED'],
  });
  await add('many-pages.pdf', pdfManyPages(50_000), 'a PDF of 50,000 pages', {
    status: 'imported-or-failed',
    codes: ['PDF_TOO_MANY_PAGES', 'IMPORT_TIMEOUT'],
    hides: [],
  });

  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000010000000100806000000', 'hex');
  await add('picture.txt', Buffer.concat([png, noise(4096)]), 'a PNG named .txt', {
    status: 'failed',
    codes: ['BINARY_CONTENT'],
  });
  await add('noise.txt', noise(65_536), 'random bytes named .txt', {
    status: 'failed',
    codes: ['BINARY_CONTENT', 'DECODE_FAILED'],
  });
  await add(
    'elf.txt',
    Buffer.concat([Buffer.from('7f454c46020101', 'hex'), noise(8192, 7)]),
    'a program named .txt',
    {
      status: 'failed',
      codes: ['BINARY_CONTENT', 'DECODE_FAILED'],
    },
  );
  await add('invalid-utf8.txt', invalidUtf8(), 'text with every kind of invalid UTF-8 sequence', {
    status: 'imported-or-failed',
    codes: ['DECODE_FAILED'],
    hides: [],
  });
  const prose = 'Un article en français, écrit en UTF-8, dont un octet a été abîmé en route. '.repeat(20);
  await add(
    'one-bad-byte-utf8.txt',
    Buffer.concat([Buffer.from(prose, 'utf8'), Buffer.from([0xc3]), Buffer.from(prose, 'utf8')]),
    'UTF-8 text with one damaged byte',
    { status: 'imported', shows: ['écrit en UTF-8, dont un octet a été abîmé'], hides: [] },
  );

  const huge = path.join(dir, 'one-gigabyte.txt');
  const handle = await open(huge, 'w');
  await handle.truncate(1024 ** 3);
  await handle.close();
  cases.push({
    label: 'a 1 GB text file (sparse)',
    file: huge,
    outcome: { status: 'failed', codes: ['FILE_TOO_LARGE'] },
  });

  const names: [string, string][] = [
    ['..', 'a name that is only dots and a extension'],
    ['..\\..\\windows-escape', 'backslashes that mean folders on Windows'],
    ['a..b', 'two dots inside the name'],
    ['bell-\u0007-escape-\u001b[31m-red', 'a bell and an ANSI escape'],
    ['line\nbreak', 'a line break'],
    ['tab\tand\rreturn', 'a tab and a carriage return'],
    ['report-\u202Efdp', 'a right-to-left override that makes .txt look like pdf.txt'],
    ['\u2066isolate\u2069-\u200f-marks', 'bidi isolates and marks'],
    ['nul\u0000byte', 'a NUL byte'],
  ];
  for (const [stem, label] of names) {
    // A NUL cannot be in a file name: the name that reaches importFiles carries the escape sequence as text.
    const name = `${stem.replace('\u0000', '\\0')}.txt`;
    await add(name, namedText(`Hostile name: ${label}.`), `file name with ${label}`, {
      status: 'imported',
      shows: ['Hostile name:'],
      hides: [],
    });
  }
  await add(
    'invoice-\u202Etxt.exe',
    namedText('A bidi override hiding an .exe.'),
    'a bidi override hiding .exe',
    {
      status: 'failed',
      codes: ['UNSUPPORTED_FORMAT'],
    },
  );
  return cases;
}

/** A digest of every file in a folder (names, sizes and bytes, hidden files included). */
export async function hashFolder(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries
    .map((entry) => ({ entry, full: path.join(entry.parentPath, entry.name) }))
    .filter(({ entry, full }) => !(entry.isFile() && isDatabaseScratch(full, statSync(full).size)))
    .sort((a, b) => (a.full < b.full ? -1 : a.full > b.full ? 1 : 0));
  for (const { entry, full } of files) {
    hash.update(
      `${path.relative(dir, full)}\u0000${entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other'}\u0000`,
    );
    if (entry.isFile()) hash.update(await readFile(full));
  }
  return hash.digest('hex');
}
