import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, SEED_FIXTURE } from '../../../tests/corpusPath.ts';
import { importFiles } from '../core/import/importFiles.ts';
import { openLibrary } from '../core/library/openLibrary.ts';
import { readReportBack } from '../core/report/readReportBack.ts';
import { ExportUsageError, runExport, type ExportValues } from './exportCommand.ts';

let root: string;
let libraryDir: string;
let seedId: string;
let arabicId: string;
const NOW = new Date('2026-11-24T12:00:00.000Z');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (text: string) => out.push(text), err: (text: string) => err.push(text) } };
}

async function run(ids: string[], values: ExportValues) {
  const { out, err, io } = capture();
  const code = await runExport(ids, values, { libraryDir, io, version: '9.9.9', now: () => NOW });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'workbench-export-'));
  libraryDir = path.join(root, 'library');
  const inbox = path.join(root, 'inbox');
  await mkdir(inbox);
  await copyFile(SEED_FIXTURE, path.join(inbox, 'seed.txt'));
  await copyFile(
    corpusPath('multilingual-encoding-samples', 'uchardet', 'ar', 'utf-8.txt'),
    path.join(inbox, 'arabic.txt'),
  );
  const { library } = await openLibrary(libraryDir, { mode: 'write', create: true });
  const results = await importFiles(library, [inbox]);
  seedId = results.find((result) => result.file.endsWith('seed.txt'))!.id!;
  arabicId = results.find((result) => result.file.endsWith('arabic.txt'))!.id!;
  await library.close();
  // There is no tagging command yet: tag the seed in its article.json and rebuild the index.
  const file = path.join(libraryDir, 'articles', seedId, 'article.json');
  const article = JSON.parse(await readFile(file, 'utf8')) as { tags: string[] };
  article.tags = ['syria'];
  await writeFile(file, JSON.stringify(article));
  const writer = await openLibrary(libraryDir, { mode: 'write' });
  await writer.library.reindex();
  await writer.library.close();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('workbench export', () => {
  it('prints one article’s report on standard output', async () => {
    const { code, stdout, stderr } = await run([seedId], {});
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const report = readReportBack(`${stdout}\n`);
    expect(report.frontMatter).toMatchObject({
      id: seedId,
      exportedAt: NOW.toISOString(),
      app: { version: '9.9.9' },
    });
    expect(report.headings.map((heading) => heading.text)).toEqual([
      "Syrie: attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US",
      'Original text',
      'Provenance',
    ]);
  });

  it('exports by tag or everything, oldest first, and honours --no-original', async () => {
    // One article tagged: the report is that article's.
    const tagged = readReportBack((await run([], { tag: 'syria' })).stdout);
    expect(tagged.frontMatter).toMatchObject({ id: seedId, tags: ['syria'] });
    const all = readReportBack((await run([], { all: true, 'no-original': true })).stdout);
    expect(all.frontMatter.title).toBe('All articles in the library');
    expect((all.frontMatter.articles as { id: string }[]).map((entry) => entry.id)).toEqual([
      seedId,
      arabicId,
    ]);
    expect(all.headings.map((heading) => heading.text)).not.toContain('Original text');
  });

  it('writes into a folder under the title and never overwrites a file', async () => {
    const out = path.join(root, 'reports');
    await mkdir(out);
    const first = await run([seedId], { out });
    const second = await run([seedId], { out });
    expect(first.code).toBe(0);
    expect(second.stderr).toContain('exists; the report was written to');
    expect((await readdir(out)).sort()).toEqual([
      "Syrie - attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US (2).md",
      "Syrie - attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US.md",
    ]);
    const chosen = path.join(root, 'mine.md');
    await writeFile(chosen, 'keep me');
    await run([arabicId], { out: chosen });
    expect(await readFile(chosen, 'utf8')).toBe('keep me');
    expect(await readFile(path.join(root, 'mine (2).md'), 'utf8')).toMatch(/^---\nid: "/);
  });

  it('rejects a command line that does not say what to export', async () => {
    await expect(run([], {})).rejects.toBeInstanceOf(ExportUsageError);
    await expect(run([seedId], { all: true })).rejects.toBeInstanceOf(ExportUsageError);
  });

  it('fails with the library’s error for an unknown id or tag', async () => {
    await expect(run(['ffffffffffff'], {})).rejects.toMatchObject({ code: 'ARTICLE_NOT_FOUND' });
    await expect(run([], { tag: 'nothing' })).rejects.toMatchObject({ code: 'ARTICLE_NOT_FOUND' });
  });
});
