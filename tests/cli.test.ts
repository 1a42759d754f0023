import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, REPO_ROOT, SEED_FIXTURE, SEED_KINDS } from './corpusPath.ts';
import { isDatabaseScratch } from './databaseScratch.ts';

const run = promisify(execFile);

type CliOutcome = { code: number; stdout: string; stderr: string };

async function workbench(...args: string[]): Promise<CliOutcome> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(REPO_ROOT, 'bin', 'workbench.js'), ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, WORKBENCH_LIBRARY: '' },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

type ImportRow = {
  file: string;
  status: string;
  id?: string;
  duplicateOf?: string;
  error?: { code: string; message: string };
};

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isFile()) {
      const bytes = await readFile(full);
      if (!isDatabaseScratch(full, bytes.length))
        files.set(path.relative(dir, full), bytes.toString('base64'));
    }
  }
  return files;
}

let root: string;
let inbox: string;
let library: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'workbench-cli-'));
  inbox = path.join(root, 'inbox');
  library = path.join(root, 'library');
  await mkdir(path.join(inbox, 'nested', 'deeper'), { recursive: true });
  await copyFile(SEED_FIXTURE, path.join(inbox, 'press-tv.txt'));
  await copyFile(SEED_FIXTURE, path.join(inbox, 'nested', 'same-bytes-again.txt'));
  await copyFile(
    corpusPath('multilingual-encoding-samples', 'uchardet', 'ar', 'windows-1256.txt'),
    path.join(inbox, 'arabic-1256.txt'),
  );
  await copyFile(
    corpusPath('multilingual-encoding-samples', 'uchardet', 'ar', 'utf-8.txt'),
    path.join(inbox, 'nested', 'arabic-utf8.txt'),
  );
  await copyFile(
    corpusPath('docx-pdf-samples', 'onlyoffice', 'ONLYOFFICE-Sample-Document-fr-FR.docx'),
    path.join(inbox, 'nested', 'sample-fr.docx'),
  );
  await copyFile(
    corpusPath('docx-pdf-samples', 'tika', 'testPDF.pdf'),
    path.join(inbox, 'nested', 'deeper', 'tika.pdf'),
  );
  await copyFile(
    corpusPath('mozilla-readability-test-pages', 'test-pages', 'lemonde-1', 'source.html'),
    path.join(inbox, 'lemonde.html'),
  );
  // Bad inputs, each with its own reason.
  await writeFile(path.join(inbox, 'empty.txt'), '');
  await writeFile(
    path.join(inbox, 'picture.txt'),
    Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex'),
  );
  await writeFile(path.join(inbox, 'notes.xyz'), 'some text');
  await writeFile(path.join(inbox, 'fake.docx'), 'This is not a Word document.');
  const pdf = await readFile(corpusPath('docx-pdf-samples', 'tika', 'testPDF.pdf'));
  await writeFile(path.join(inbox, 'truncated.pdf'), pdf.subarray(0, 600));
  await writeFile(path.join(inbox, '.hidden.txt'), 'never imported');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('workbench import, list, show', () => {
  let rows: ImportRow[];
  let outcome: CliOutcome;

  beforeAll(async () => {
    outcome = await workbench(
      'import',
      inbox,
      path.join(root, 'missing.txt'),
      '--library',
      library,
      '--json',
    );
    rows = JSON.parse(outcome.stdout) as ImportRow[];
  });

  const row = (name: string): ImportRow | undefined =>
    rows.find((entry) => path.basename(entry.file) === name);

  it('imports the good files, exits 1 because some failed, and never stops on a bad one', () => {
    expect(outcome.code).toBe(1);
    expect(rows).toHaveLength(13);
    for (const name of ['arabic-1256.txt', 'arabic-utf8.txt', 'sample-fr.docx', 'tika.pdf', 'lemonde.html']) {
      expect(row(name), name).toMatchObject({ status: 'imported' });
    }
    // The folder walk reaches one copy of the seed first; the other is the duplicate of it.
    const copies = [row('press-tv.txt'), row('same-bytes-again.txt')];
    expect(copies.map((copy) => copy?.status).sort()).toEqual(['duplicate', 'imported']);
    expect(copies[0]?.id).toBe(copies[1]?.id);
    expect(row('.hidden.txt')).toBeUndefined();
  });

  it('names the file and the reason for every failure', () => {
    const expected: Record<string, string> = {
      'empty.txt': 'EMPTY_FILE',
      'picture.txt': 'BINARY_CONTENT',
      'notes.xyz': 'UNSUPPORTED_FORMAT',
      'fake.docx': 'DOCX_DAMAGED',
      'truncated.pdf': 'PDF_DAMAGED',
      'missing.txt': 'NOT_FOUND',
    };
    for (const [name, code] of Object.entries(expected)) {
      const failure = row(name);
      expect(failure?.status, name).toBe('failed');
      expect(failure?.error?.code, name).toBe(code);
      expect(failure?.error?.message, name).toContain(name);
    }
  });

  it('flags the same text in other bytes as a duplicate of the first', () => {
    const arabic = [row('arabic-1256.txt'), row('arabic-utf8.txt')];
    expect(arabic.filter((entry) => entry?.duplicateOf !== undefined)).toHaveLength(1);
  });

  it('shows the seed article with its structure as JSON', async () => {
    const id = row('press-tv.txt')?.id ?? '';
    const shown = await workbench('show', id, '--library', library, '--json');
    expect(shown.code).toBe(0);
    const article = JSON.parse(shown.stdout) as Record<string, unknown> & {
      blocks: { id: string; kind: string; language: string; direction: string }[];
    };
    expect(article).toMatchObject({
      id,
      title: "Syrie: attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US",
      outlet: 'Press TV',
      language: 'fr',
      direction: 'ltr',
      encoding: { name: 'utf-8' },
      origins: { title: 'inferred', outlet: 'found' },
    });
    expect(article.sha256).toMatch(/^[0-9a-f]{64}$/u);
    expect(typeof article.importedAt).toBe('string');
    expect(['press-tv.txt', 'same-bytes-again.txt']).toContain(article.originalFileName);
    expect((article.eventDates as { date: string }[]).map((event) => event.date)).toEqual(
      expect.arrayContaining(['2023-10-31', '2023-11-01']),
    );
    expect(article.blocks.map((block) => block.kind)).toEqual(SEED_KINDS);
    expect(article.blocks[2]?.language).toBe('en');
    expect(article.blocks.every((block) => block.direction === 'ltr' && /^b[0-9a-f]+/u.test(block.id))).toBe(
      true,
    );
    const original = await readFile(path.join(library, 'articles', id, 'original.txt'));
    expect(original.equals(await readFile(SEED_FIXTURE))).toBe(true);
  });

  it('shows Arabic right to left', async () => {
    const shown = await workbench('show', row('arabic-1256.txt')?.id ?? '', '--library', library, '--json');
    const article = JSON.parse(shown.stdout) as {
      language: string;
      direction: string;
      encoding: { name: string };
    };
    expect(article).toMatchObject({ language: 'ar', direction: 'rtl', encoding: { name: 'windows-1256' } });
  });

  it('lists every article after reopening, as JSON and as text', async () => {
    const listed = await workbench('list', '--library', library, '--json');
    expect(listed.code).toBe(0);
    const entries = JSON.parse(listed.stdout) as { id: string; title: string | null }[];
    expect(entries.map((entry) => entry.id).sort()).toEqual(
      rows
        .filter((entry) => entry.status === 'imported')
        .map((entry) => entry.id)
        .sort(),
    );
    const text = await workbench('list', '--library', library);
    expect(text.stdout).toContain('Press TV');
  });

  it('leaves the library byte-identical when a batch holds only bad files', async () => {
    const before = await snapshot(library);
    const again = await workbench(
      'import',
      path.join(inbox, 'empty.txt'),
      path.join(inbox, 'picture.txt'),
      path.join(inbox, 'truncated.pdf'),
      '--library',
      library,
      '--json',
    );
    expect(again.code).toBe(1);
    expect((JSON.parse(again.stdout) as ImportRow[]).every((entry) => entry.status === 'failed')).toBe(true);
    expect(await snapshot(library)).toEqual(before);
  });

  it('reports duplicates with exit code 0 on a second import of the same files', async () => {
    const again = await workbench('import', path.join(inbox, 'press-tv.txt'), '--library', library, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual([
      expect.objectContaining({ status: 'duplicate', id: row('press-tv.txt')?.id }),
    ]);
  });

  it('refuses files over --max-file-mb and keeps going', async () => {
    const big = path.join(root, 'big.txt');
    await writeFile(big, 'Un long article. '.repeat(80_000));
    const limited = await workbench(
      'import',
      big,
      SEED_FIXTURE,
      '--library',
      library,
      '--json',
      '--max-file-mb',
      '1',
    );
    expect(limited.code).toBe(1);
    const results = JSON.parse(limited.stdout) as ImportRow[];
    expect(results.find((entry) => entry.file === big)?.error?.code).toBe('FILE_TOO_LARGE');
    expect(results.find((entry) => entry.file === SEED_FIXTURE)?.status).toBe('duplicate');
    expect((await workbench('import', big, '--library', library, '--max-file-mb', 'lots')).code).toBe(2);
  });

  it('gives LIBRARY_LOCKED to a second process that wants to write, and changes nothing', async () => {
    const { openLibrary } = await import('../src/main/core/library/openLibrary.ts');
    const { library: holder } = await openLibrary(library, { mode: 'write' });
    try {
      const before = await snapshot(library);
      const blocked = await workbench(
        'import',
        path.join(inbox, 'lemonde.html'),
        '--library',
        library,
        '--json',
      );
      expect(blocked.code).toBe(1);
      expect(blocked.stdout).toContain('LIBRARY_LOCKED');
      expect(blocked.stderr).toContain(library);
      expect(await snapshot(library)).toEqual(before);
      // Reading is never blocked.
      expect((await workbench('list', '--library', library)).code).toBe(0);
    } finally {
      await holder.close();
    }
  });

  it('rebuilds the index with reindex', async () => {
    await writeFile(path.join(library, 'library.sqlite'), '{ damaged');
    const reindexed = await workbench('reindex', '--library', library);
    expect(reindexed.code).toBe(0);
    expect(reindexed.stderr).toMatch(/Reindexed \d+ article/u);
    const listed = JSON.parse((await workbench('list', '--library', library, '--json')).stdout) as unknown[];
    expect(listed).toHaveLength(rows.filter((entry) => entry.status === 'imported').length);
  });
});

describe('workbench usage', () => {
  it('exits 2 with the usage on a bad command line', async () => {
    const unknown = await workbench('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Usage:');
    expect((await workbench('import', '--library', path.join(root, 'x'))).code).toBe(2);
    expect((await workbench('list', '--bogus')).code).toBe(2);
  });

  it('says which article is missing and exits 1', async () => {
    await mkdir(path.join(root, 'empty-library'));
    const { library: created } = await import('../src/main/core/library/openLibrary.ts').then(
      ({ openLibrary }) => openLibrary(path.join(root, 'empty-library'), { mode: 'write', create: true }),
    );
    await created.close();
    const shown = await workbench('show', 'abcdef123456', '--library', path.join(root, 'empty-library'));
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain('abcdef123456');
  });
});
