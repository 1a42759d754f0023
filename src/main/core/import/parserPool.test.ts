import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusPath, SEED_FIXTURE } from '../../../../tests/corpusPath.ts';
import { DEFAULT_LIMITS } from './extracted.ts';
import { ParserPool } from './parserPool.ts';

describe('ParserPool', () => {
  const pool = new ParserPool({ size: 2 });
  afterAll(async () => {
    await pool.close();
  });

  it('parses on worker threads, in parallel, with the same result as in-process', async () => {
    const bytes = new Uint8Array(readFileSync(SEED_FIXTURE));
    const results = await Promise.all(
      [1, 2, 3].map(() => pool.parse(bytes, 'txt', DEFAULT_LIMITS, new Date('2026-01-01'))),
    );
    expect(results.map((parsed) => parsed.blocks.length)).toEqual([21, 21, 21]);
    expect(results[0]?.metadata.outlet.value).toBe('Press TV');
  });

  it('cuts off a file that takes longer than its time limit, and goes on with the next', async () => {
    const pdf = new Uint8Array(readFileSync(corpusPath('docx-pdf-samples', 'unstructured', 'fr_olap.pdf')));
    await expect(
      pool.parse(pdf, 'pdf', { ...DEFAULT_LIMITS, timeoutMs: 5 }, new Date()),
    ).rejects.toMatchObject({
      code: 'IMPORT_TIMEOUT',
    });
    const seed = new Uint8Array(readFileSync(SEED_FIXTURE));
    await expect(pool.parse(seed, 'txt', DEFAULT_LIMITS, new Date())).resolves.toMatchObject({
      format: 'txt',
    });
  });

  it('passes the parser error through with its code', async () => {
    await expect(
      pool.parse(
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3, 0]),
        'txt',
        DEFAULT_LIMITS,
        new Date(),
      ),
    ).rejects.toMatchObject({
      code: 'BINARY_CONTENT',
    });
  });
});
