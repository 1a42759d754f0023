import { describe, expect, it } from 'vitest';
import { encryptedPdf } from '../../../../tests/hostile/encryptedPdf.ts';
import {
  formatTable,
  loadSamples,
  sampleBytes,
  scoreOpened,
  visibleText,
} from '../../../../tests/docxPdfSamples.ts';
import type { Check } from '../../../../tests/docxPdfSamples.ts';
import { WorkbenchError } from '../../../shared/errors.ts';
import { DEFAULT_LIMITS } from './extracted.ts';
import type { ExtractedDocument } from './extracted.ts';
import { extractPdf } from './extractPdf.ts';

const limits = DEFAULT_LIMITS;

async function errorCodeOf(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return error instanceof WorkbenchError ? error.code : `NOT_A_WORKBENCH_ERROR: ${String(error)}`;
  }
}

/** Ground-truth gates from PROVENANCE "How to score"; right_to_left_02's reference is itself garbled. */
const F1_GATES: Record<string, number> = {
  'docling/right_to_left_01.pdf': 0.95,
  'docling/right_to_left_03.pdf': 0.95,
  'markitdown/test.pdf': 0.95,
};

describe('extractPdf on the docx-pdf-samples corpus', () => {
  const samples = loadSamples('pdf');

  it('opens every PDF and meets the manifest (PROVENANCE "How to score")', { timeout: 120_000 }, async () => {
    const rows: { path: string; checks: Check[]; note?: string }[] = [];
    const documents = new Map<string, ExtractedDocument>();
    for (const sample of samples) {
      const started = performance.now();
      let document: ExtractedDocument;
      try {
        document = await extractPdf(sampleBytes(sample), limits);
      } catch (error) {
        rows.push({ path: sample.path, checks: [{ name: 'opens', isPassed: false, detail: String(error) }] });
        continue;
      }
      documents.set(sample.path, document);
      rows.push(scoreOpened(sample, document, F1_GATES, performance.now() - started));
    }

    const rtl = documents.get('docling/right_to_left_01.pdf');
    const rtlText = rtl === undefined ? '' : visibleText(rtl);
    const arabic: Check[] = [
      { name: '«الإنتاجية» present', isPassed: rtlText.includes('الإنتاجية'), detail: '' },
      { name: '«اإلنتاجية» absent', isPassed: !rtlText.includes('اإلنتاجية'), detail: '' },
      { name: '«المشكلات» present', isPassed: rtlText.includes('المشكلات'), detail: '' },
    ];
    rows.push({ path: 'docling/right_to_left_01.pdf (lam-alef)', checks: arabic });
    process.stdout.write(`PDF samples\n${formatTable(rows)}\n`);

    expect(rows.filter((row) => !row.checks[0]?.isPassed).map((row) => row.path)).toEqual([]);
    const failed = rows.flatMap((row) =>
      row.checks
        .filter((check) => !check.isPassed)
        .map((check) => `${row.path}: ${check.name} ${check.detail}`),
    );
    expect(failed).toEqual([]);
  });
});

describe('extractPdf on hostile and broken input', () => {
  it('asks for no password when the user password is empty, and refuses a real one', async () => {
    expect(await errorCodeOf(() => extractPdf(encryptedPdf(''), limits))).toBeNull();
    expect(await errorCodeOf(() => extractPdf(encryptedPdf('secret'), limits))).toBe('PDF_ENCRYPTED');
  });

  it('reports garbage and truncated files as damaged', async () => {
    expect(await errorCodeOf(() => extractPdf(new TextEncoder().encode('not a pdf at all'), limits))).toBe(
      'PDF_DAMAGED',
    );
    expect(
      await errorCodeOf(() =>
        extractPdf(new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog'), limits),
      ),
    ).toBe('PDF_DAMAGED');
    const random = new Uint8Array(4096).map((_, index) => (index * 7919) % 251);
    expect(await errorCodeOf(() => extractPdf(random, limits))).toBe('PDF_DAMAGED');
  });

  it('reads what survives of a truncated PDF, or calls it damaged; never anything else', async () => {
    const [sample] = loadSamples('pdf').filter((each) => each.path === 'pdfjs/TAMReview.pdf');
    expect(sample).toBeDefined();
    if (sample === undefined) return;
    const bytes = sampleBytes(sample);
    for (const fraction of [0.1, 0.5, 0.9]) {
      const code = await errorCodeOf(() =>
        extractPdf(bytes.slice(0, Math.floor(bytes.length * fraction)), limits),
      );
      expect([null, 'PDF_DAMAGED']).toContain(code);
    }
  });

  it('refuses a PDF of more than maxPdfPages pages before reading it', async () => {
    const [sample] = loadSamples('pdf').filter((each) => each.path === 'pdfjs/TAMReview.pdf');
    if (sample === undefined) throw new Error('TAMReview.pdf missing from the manifest');
    await expect(extractPdf(sampleBytes(sample), { ...limits, maxPdfPages: 2 })).rejects.toMatchObject({
      code: 'PDF_TOO_MANY_PAGES',
      message: expect.stringContaining('23 pages') as unknown,
    });
    const document = await extractPdf(sampleBytes(sample), { ...limits, maxPdfPages: 23 });
    expect(document.blocks.length).toBeGreaterThan(0);
  });

  it('leaves the caller’s bytes intact (pdf.js transfers its input)', async () => {
    const [sample] = loadSamples('pdf').filter((each) => each.path === 'pdfjs/french_diacritics.pdf');
    if (sample === undefined) throw new Error('french_diacritics.pdf missing from the manifest');
    const bytes = sampleBytes(sample);
    const length = bytes.length;
    await extractPdf(bytes, limits);
    expect(bytes.length).toBe(length);
    expect(bytes[0]).toBe(0x25);
  });
});
