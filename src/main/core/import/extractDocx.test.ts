import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatTable, loadSamples, sampleBytes, scoreOpened } from '../../../../tests/docxPdfSamples.ts';
import type { Check } from '../../../../tests/docxPdfSamples.ts';
import { WorkbenchError } from '../../../shared/errors.ts';
import { DEFAULT_LIMITS } from './extracted.ts';
import { extractDocx } from './extractDocx.ts';

const limits = DEFAULT_LIMITS;

async function errorOf(run: () => Promise<unknown>): Promise<{ code: string; message: string } | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return error instanceof WorkbenchError
      ? { code: error.code, message: error.message }
      : { code: 'NOT_A_WORKBENCH_ERROR', message: String(error) };
  }
}

const F1_GATES: Record<string, number> = {
  'docling/word_sample.docx': 0.95,
  'docling/lorem_ipsum.docx': 0.95,
};

describe('extractDocx on the docx-pdf-samples corpus', () => {
  it('opens every DOCX and meets the manifest (PROVENANCE "How to score")', { timeout: 60_000 }, async () => {
    const rows: { path: string; checks: Check[]; note?: string }[] = [];
    for (const sample of loadSamples('docx')) {
      const started = performance.now();
      try {
        const document = await extractDocx(sampleBytes(sample), limits);
        rows.push(scoreOpened(sample, document, F1_GATES, performance.now() - started));
      } catch (error) {
        rows.push({ path: sample.path, checks: [{ name: 'opens', isPassed: false, detail: String(error) }] });
      }
    }
    process.stdout.write(`DOCX samples\n${formatTable(rows)}\n`);
    const failed = rows.flatMap((row) =>
      row.checks
        .filter((check) => !check.isPassed)
        .map((check) => `${row.path}: ${check.name} ${check.detail}`),
    );
    expect(failed).toEqual([]);
  });

  it('takes the byline from visible Author paragraphs, not from core.xml', async () => {
    const [sample] = loadSamples('docx').filter((each) => each.path === 'pandoc/metadata.docx');
    if (sample === undefined) throw new Error('pandoc/metadata.docx missing from the manifest');
    const document = await extractDocx(sampleBytes(sample), limits);
    expect(document.title).toBe('This Is the Title');
    expect(document.byline).toBe('Mary Ann Evans, Aurore Dupin');
    expect(document.publishedAt).toBe('2014-07-28');
    expect(document.blocks.filter((block) => block.kind === 'byline').map((block) => block.text)).toEqual([
      'Mary Ann Evans',
      'Aurore Dupin',
      'July 28, 2014',
    ]);
  });
});

describe('extractDocx container checks', () => {
  it('reads a minimal document (the test ZIP writer works)', async () => {
    const document = await extractDocx(docx(paragraphs('Hello from a tiny document.')), limits);
    expect(document.blocks).toEqual([{ kind: null, text: 'Hello from a tiny document.' }]);
  });

  it('rejects a zip bomb by its compression ratio before inflating it', async () => {
    // The case from the brief: a 105 MB document.xml that compresses to a few hundred KB.
    const bomb = docx(
      paragraphs('x'.repeat(20)).replace(
        '</w:body>',
        `${'<w:p><w:r><w:t>x</w:t></w:r></w:p>'.repeat(3_000_000)}</w:body>`,
      ),
    );
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = performance.now();
    const error = await errorOf(() => extractDocx(bomb, limits));
    expect(error?.code).toBe('DOCX_TOO_LARGE');
    expect(error?.message).toContain('zip bomb');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('rejects a container whose parts add up to more than the limit', async () => {
    const noise = Uint8Array.from({ length: 600_000 }, (_, index) => (index * 2_654_435_761) >>> 24);
    const files = [
      ...minimalParts(paragraphs('Text.')),
      { name: 'word/media/a.bin', data: noise },
      { name: 'word/media/b.bin', data: noise },
    ];
    const error = await errorOf(() =>
      extractDocx(zip(files), { ...limits, maxUncompressedBytes: 1_000_000 }),
    );
    expect(error?.code).toBe('DOCX_TOO_LARGE');
  });

  it('catches a central directory that understates a part’s size', async () => {
    const body = paragraphs('x').replace(
      '</w:body>',
      `${'<w:p><w:r><w:t>x</w:t></w:r></w:p>'.repeat(200_000)}</w:body>`,
    );
    const files = minimalParts(body).map((file) =>
      file.name === 'word/document.xml' ? { ...file, declaredSize: 1_000 } : file,
    );
    const error = await errorOf(() => extractDocx(zip(files), limits));
    expect(error?.code).toBe('DOCX_TOO_LARGE');
    expect(error?.message).toContain('more than its header declares');
  });

  it('rejects more entries than the limit', async () => {
    const files = [
      ...minimalParts(paragraphs('Text.')),
      ...Array.from({ length: 10 }, (_, index) => ({ name: `extra/${index}.xml`, data: '<x/>' })),
    ];
    expect((await errorOf(() => extractDocx(zip(files), { ...limits, maxZipEntries: 8 })))?.code).toBe(
      'DOCX_TOO_MANY_ENTRIES',
    );
    expect(await errorOf(() => extractDocx(zip(files), limits))).toBeNull();
  });

  it('reports files that are not Word documents as damaged', async () => {
    expect((await errorOf(() => extractDocx(new TextEncoder().encode('just some text'), limits)))?.code).toBe(
      'DOCX_DAMAGED',
    );
    const compound = new Uint8Array(1024);
    compound.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const legacy = await errorOf(() => extractDocx(compound, limits));
    expect(legacy?.code).toBe('DOCX_DAMAGED');
    expect(legacy?.message).toContain('.doc');
    const withoutDocument = zip(
      minimalParts(paragraphs('Text.')).filter((file) => file.name !== 'word/document.xml'),
    );
    expect((await errorOf(() => extractDocx(withoutDocument, limits)))?.code).toBe('DOCX_DAMAGED');
    const [sample] = loadSamples('docx').filter((each) => each.path === 'tika/testWORD.docx');
    if (sample === undefined) throw new Error('tika/testWORD.docx missing from the manifest');
    const bytes = sampleBytes(sample);
    expect((await errorOf(() => extractDocx(bytes.slice(0, bytes.length - 100), limits)))?.code).toBe(
      'DOCX_DAMAGED',
    );
  });

  it('keeps no markup, image data or link targets', async () => {
    const body = paragraphs('See the site.').replace(
      '</w:body>',
      '<w:p><w:hyperlink r:id="rId9"><w:r><w:t>a link</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> &lt;script&gt;x&lt;/script&gt;</w:t></w:r></w:p></w:body>',
    );
    const relationships = {
      name: 'word/_rels/document.xml.rels',
      data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://evil.example/x" TargetMode="External"/></Relationships>',
    };
    const document = await extractDocx(zip([...minimalParts(body), relationships]), limits);
    const text = document.blocks.map((block) => block.text).join('\n');
    expect(text).toContain('a link <script>x</script>');
    expect(text).not.toContain('http');
  });
});

// ——— a minimal DOCX writer, so the container tests need no fixtures ———

type ZipEntry = { name: string; data: Uint8Array | string; declaredSize?: number };

const WORD_NAMESPACES =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function paragraphs(...texts: string[]): string {
  const body = texts.map((text) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><w:document ${WORD_NAMESPACES}><w:body>${body}</w:body></w:document>`;
}

function minimalParts(documentXml: string): ZipEntry[] {
  return [
    {
      name: '[Content_Types].xml',
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    },
    { name: 'word/document.xml', data: documentXml },
  ];
}

function docx(documentXml: string): Uint8Array {
  return zip(minimalParts(documentXml));
}

/** Deflated entries, local headers, central directory, end record; sizes may be declared falsely. */
function zip(entries: ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.from(entry.data);
    const compressed = deflateRawSync(data);
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.declaredSize ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
