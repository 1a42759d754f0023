import { createHash } from 'node:crypto';
import { copyFile, cp, mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, SEED_FIXTURE } from '../../../../tests/corpusPath.ts';
import { SCHEMA_VERSION, type Article } from '../../../shared/article.ts';
import { importFiles } from '../import/importFiles.ts';
import { parseFile, PARSER_VERSION } from '../import/parseFile.ts';
import { NOTES_FILE, openLibrary, type Library } from '../library/openLibrary.ts';
import {
  SEARCH_FILE,
  SearchIndex,
  type SearchHit,
  type SearchMatch,
  type SearchResult,
} from './searchIndex.ts';

const SAMPLES = corpusPath('multilingual-encoding-samples');
/** Real files, in several scripts and legacy encodings, imported through the importer. */
const FILES: Record<string, string> = {
  'press-tv.txt': SEED_FIXTURE,
  'arabic.txt': path.join(SAMPLES, 'charset-normalizer', 'sample-arabic.txt'),
  'russian.txt': path.join(SAMPLES, 'charset-normalizer', 'sample-russian-2.txt'),
  'russian-koi8-r.txt': path.join(SAMPLES, 'uchardet', 'ru', 'koi8-r.txt'),
  'chinese-big5.txt': path.join(SAMPLES, 'charset-normalizer', 'sample-chinese.txt'),
  'chinese-sentences.txt': path.join(SAMPLES, 'lingua-sentences', 'zh.txt'),
};

let root: string;
let library: Library;
let index: SearchIndex;
let openReport: Awaited<ReturnType<typeof SearchIndex.open>>['report'];
const ids = new Map<string, string>();

function idOf(file: string): string {
  const id = ids.get(file);
  if (id === undefined) throw new Error(`${file} was not imported`);
  return id;
}

function highlightsOf(match: SearchMatch): string[] {
  return match.highlights.map((range) => match.snippet.slice(range.start, range.end));
}

function hitFor(result: SearchResult, file: string): SearchHit | undefined {
  return result.hits.find((hit) => hit.articleId === idOf(file));
}

async function openIndex(): Promise<Awaited<ReturnType<typeof SearchIndex.open>>['report']> {
  const opened = await SearchIndex.open(library);
  index = opened.index;
  index.attach();
  return opened.report;
}

async function reopen(
  damage: () => Promise<void>,
): Promise<Awaited<ReturnType<typeof SearchIndex.open>>['report']> {
  await index.close();
  await damage();
  return openIndex();
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'workbench-search-'));
  const inbox = path.join(root, 'inbox');
  await mkdir(inbox);
  for (const [name, source] of Object.entries(FILES)) await copyFile(source, path.join(inbox, name));
  ({ library } = await openLibrary(path.join(root, 'library'), { mode: 'write', create: true }));
  for (const result of await importFiles(library, [inbox])) {
    expect(result.status, JSON.stringify(result)).toBe('imported');
    ids.set(path.basename(result.file), result.id ?? '');
  }
  openReport = await openIndex();
});

afterAll(async () => {
  await index.close();
  await library.close();
  await rm(root, { recursive: true, force: true });
});

describe('a new index', () => {
  it('is built from the library on first open, and says why', () => {
    expect(openReport.rebuilt).toMatch(/does not exist/);
  });
});

describe('searching the seed article', () => {
  it('finds "Aïn al-Assad" typed without diacritics, at the blocks that contain it', async () => {
    const article = await library.readArticle(idOf('press-tv.txt'));
    const blocksWithAin = new Set(
      article.blocks.filter((block) => block.text.includes('Aïn al-Assad')).map((block) => block.id),
    );
    expect(blocksWithAin.size).toBeGreaterThan(0);
    for (const query of ['ain al-assad', 'Aïn', 'AIN AL ASSAD']) {
      const result = await index.search(query);
      expect(
        result.hits.map((hit) => hit.articleId),
        query,
      ).toEqual([idOf('press-tv.txt')]);
      const [hit] = result.hits;
      expect(hit?.matches.length).toBe(Math.min(3, blocksWithAin.size));
      for (const match of hit?.matches ?? []) {
        expect(match.field).toBe('original');
        expect(blocksWithAin.has(match.blockId ?? '')).toBe(true);
        expect(highlightsOf(match).some((text) => text.startsWith('Aïn'))).toBe(true);
      }
    }
    expect((await index.search('Aïn')).hits[0]?.matchCount).toBe(blocksWithAin.size);
  });

  it('finds a prefix and a phrase, highlighted in the original text', async () => {
    const prefix = hitFor(await index.search('roquet*'), 'press-tv.txt');
    expect(prefix?.matches.flatMap(highlightsOf).every((word) => /^roquettes?$/u.test(word))).toBe(true);
    const phrase = hitFor(await index.search('"champ pétrolier"'), 'press-tv.txt');
    expect(phrase?.matches.flatMap(highlightsOf)).toContain('champ pétrolier');
    expect(hitFor(await index.search('"champ petrolier"'), 'press-tv.txt')).toBeDefined();
    expect((await index.search('"pétrolier champ"')).total).toBe(0);
  });

  it('finds words of the title, pointing at the headline block', async () => {
    const article = await library.readArticle(idOf('press-tv.txt'));
    const headline = article.blocks.find((block) => block.kind === 'headline');
    const hit = hitFor(await index.search('occupation tanf'), 'press-tv.txt');
    expect(hit?.matches[0]?.field).toBe('title');
    expect(hit?.matches[0]?.blockId).toBe(headline?.id);
  });

  it('leaves boilerplate out', async () => {
    const article = await library.readArticle(idOf('press-tv.txt'));
    expect(article.blocks.some((block) => block.kind === 'share' && block.text.includes('Partager'))).toBe(
      true,
    );
    expect((await index.search('Partager')).total).toBe(0);
  });
});

describe('searching other scripts', () => {
  it('finds an Arabic word with or without hamza forms, tashkeel and ta marbuta', async () => {
    for (const query of ['احيانا', 'أحيانا', 'أَحْيَانًا']) {
      const hit = hitFor(await index.search(query), 'arabic.txt');
      expect(hit?.matches.flatMap(highlightsOf), query).toEqual(['أحيانًا']);
    }
    const kingdom = hitFor(await index.search('المملكه'), 'arabic.txt');
    expect(kingdom?.matches.flatMap(highlightsOf)).toContain('المملكة');
    const to = hitFor(await index.search('الى'), 'arabic.txt');
    expect(to?.matches.flatMap(highlightsOf)).toContain('إلى');
  });

  it('finds Russian in UTF-8 and KOI8-R, case-insensitively, with ё and е alike', async () => {
    const study = hitFor(await index.search('УЧЕБЫ'), 'russian.txt');
    expect(study?.matches.flatMap(highlightsOf)).toEqual(['учёбы']);
    const einstein = hitFor(await index.search('эйнштейн*'), 'russian.txt');
    expect(einstein?.matches.flatMap(highlightsOf)).toContain('Эйнштейна');
    const koi8 = hitFor(await index.search('кириллических алфавитов'), 'russian-koi8-r.txt');
    expect(koi8?.matches.flatMap(highlightsOf)).toEqual(['кириллических', 'алфавитов']);
  });

  it('finds Chinese words inside longer runs, in Big5 and UTF-8, and a single character', async () => {
    const web = hitFor(await index.search('網路'), 'chinese-big5.txt');
    expect(web?.matches.flatMap(highlightsOf)).toContain('網路');
    expect(web?.matches[0]?.snippet).toContain('網路為礎');
    const games = hitFor(await index.search('运动会'), 'chinese-sentences.txt');
    expect(games?.matches.flatMap(highlightsOf)).toContain('运动会');
    const single = hitFor(await index.search('典'), 'chinese-big5.txt');
    expect(single?.matches.flatMap(highlightsOf).every((text) => text === '典')).toBe(true);
    expect((await index.search('網礎')).total).toBe(0);
  });

  it('never throws on hostile query strings', async () => {
    for (const query of [
      '"',
      '*',
      'AND OR NOT',
      '(',
      ')',
      'NEAR',
      'NEAR(a b)',
      '-',
      ':',
      'title:x',
      '"a" AND',
      '^',
      '{',
      '\u0000',
    ]) {
      const result = await index.search(query);
      expect(Array.isArray(result.hits), query).toBe(true);
    }
  });
});

describe('filters', () => {
  let taggedId: string;

  beforeAll(async () => {
    // An article with tags and an analyst's date, parsed from a real file and added the way the importer adds one.
    const bytes = new Uint8Array(
      await readFile(path.join(SAMPLES, 'charset-normalizer', 'sample-french.txt')),
    );
    const parsed = await parseFile(bytes, 'txt');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const article: Article = {
      schemaVersion: SCHEMA_VERSION,
      id: sha256.slice(0, 12),
      format: parsed.format,
      originalFileName: 'moliere.txt',
      originalPath: 'original.txt',
      byteLength: bytes.byteLength,
      sha256,
      textSha256: parsed.textSha256,
      importedAt: new Date().toISOString(),
      parserVersion: PARSER_VERSION,
      encoding: parsed.encoding,
      direction: parsed.direction,
      metadata: {
        ...parsed.metadata,
        publishedAt: { value: '2019-03-08', origin: 'analyst' },
        outlet: { value: 'Le Monde', origin: 'analyst' },
      },
      eventDates: parsed.eventDates,
      duplicateOf: null,
      tags: ['Énergie', 'Syrie'],
      warnings: parsed.warnings,
      blocks: parsed.blocks,
    };
    await library.addArticle(article, bytes, { durable: true });
    taggedId = article.id;
  });

  it('indexes an article as soon as it is added to an attached library', async () => {
    expect((await index.search('Molière')).hits.map((hit) => hit.articleId)).toContain(taggedId);
  });

  it('filters by language, outlet, tag and dates', async () => {
    const ids = async (query: string, filters: Parameters<SearchIndex['search']>[1]): Promise<string[]> =>
      (await index.search(query, filters)).hits.map((hit) => hit.articleId);
    expect(await ids('ain', { language: 'fr' })).toEqual([idOf('press-tv.txt')]);
    expect(await ids('ain', { language: 'ar' })).toEqual([]);
    expect(await ids('ain', { outlet: 'PRESS TV' })).toEqual([idOf('press-tv.txt')]);
    expect(await ids('ain', { outlet: 'Le Monde' })).toEqual([]);
    expect(await ids('moliere', { tag: 'energie' })).toEqual([taggedId]);
    expect(await ids('moliere', { tag: 'Irak' })).toEqual([]);
    expect(await ids('moliere', { from: '2019-03', to: '2019-03' })).toEqual([taggedId]);
    expect(await ids('moliere', { from: '2019-03-09' })).toEqual([]);
    expect(await ids('ain', { from: '2023-11-01', to: '2023-11-01' })).toEqual([idOf('press-tv.txt')]);
    expect(await ids('ain', { to: '2023-10-31' })).toEqual([]);
    await expect(index.search('ain', { from: 'yesterday' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('incremental updates', () => {
  it('finds a note and a translation right after they are saved, and forgets a replaced note', async () => {
    const id = idOf('press-tv.txt');
    const article = await library.readArticle(id);
    const block = article.blocks.find((candidate) => candidate.text.includes('Sputnik'));
    expect(block).toBeDefined();
    await library.saveNote(id, block!.id, {
      translation: 'The Russian agency Sputnik reported two explosions at the base',
      note: 'Zanzibarique: compare with the TASS wire',
    });
    const note = hitFor(await index.search('zanzibarique'), 'press-tv.txt');
    expect(note?.matches[0]).toMatchObject({ field: 'note', blockId: block!.id });
    expect(note?.matches[0] && highlightsOf(note.matches[0])).toEqual(['Zanzibarique']);
    const translation = hitFor(await index.search('"two explosions"'), 'press-tv.txt');
    expect(translation?.matches[0]).toMatchObject({ field: 'translation', blockId: block!.id });
    expect((await index.search('explosions', { hasNotes: true })).hits.map((hit) => hit.articleId)).toEqual([
      id,
    ]);

    await library.saveNote(id, block!.id, { translation: '', note: 'Quokkarian source' });
    expect((await index.search('zanzibarique')).total).toBe(0);
    expect(hitFor(await index.search('quokkarian'), 'press-tv.txt')?.matches[0]?.field).toBe('note');
  });

  it('finds a memo right after it is saved', async () => {
    const id = idOf('arabic.txt');
    await library.saveMemo(id, {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'Le Maghreb vu par les historiens médiévaux' }],
        },
      ],
    });
    const hit = hitFor(await index.search('medievaux'), 'arabic.txt');
    expect(hit?.matches[0]).toMatchObject({ field: 'memo', blockId: null });
    expect(hit?.matches[0] && highlightsOf(hit.matches[0])).toEqual(['médiévaux']);
    expect((await index.search('maghreb', { hasMemo: true })).hits.map((hit) => hit.articleId)).toEqual([id]);
    expect((await index.search('maghreb', { hasMemo: false })).total).toBe(0);
  });

  it('finds notes changed on disk behind the library, once asked to look', async () => {
    const id = idOf('russian.txt');
    const article = await library.readArticle(id);
    const block = article.blocks[1] ?? article.blocks[0];
    const notes = {
      schemaVersion: SCHEMA_VERSION,
      notes: {
        [block!.id]: {
          translation: '',
          note: 'Synced from the laptop: wombatique',
          updatedAt: '2026-01-01T00:00:00Z',
        },
      },
    };
    await writeFile(path.join(library.articleDir(id), NOTES_FILE), JSON.stringify(notes));
    expect((await index.search('wombatique')).total).toBe(0);
    expect(await index.refreshChanged()).toBe(1);
    expect(hitFor(await index.search('wombatique'), 'russian.txt')?.matches[0]?.field).toBe('note');
    expect(await index.refreshChanged()).toBe(0);
  });

  it('catches up on opening with articles imported while it was closed', async () => {
    await index.close();
    const inbox = path.join(root, 'later');
    await mkdir(inbox);
    await copyFile(
      path.join(SAMPLES, 'uchardet', 'ar', 'windows-1256.txt'),
      path.join(inbox, 'arabic-1256.txt'),
    );
    const [result] = await importFiles(library, [inbox]);
    expect(result?.status).toBe('imported');
    const report = await openIndex();
    expect(report).toMatchObject({ rebuilt: null, updated: 1, removed: 0 });
    expect((await index.search('ويندوز')).hits.map((hit) => hit.articleId)).toEqual([result?.id]);
  });
});

describe('following a background folder check', () => {
  it('indexes an article the check found behind the library index, and costs nothing when nothing changed', async () => {
    const own = await mkdtemp(path.join(tmpdir(), 'workbench-search-check-'));
    try {
      const importInto = async (dir: string, source: string, name: string): Promise<string> => {
        const inbox = path.join(own, `inbox-${name}`);
        await mkdir(inbox);
        await copyFile(source, path.join(inbox, name));
        const { library: opened } = await openLibrary(dir, { mode: 'write', create: true });
        const [result] = await importFiles(opened, [inbox]);
        await opened.close();
        expect(result?.status).toBe('imported');
        return result?.id ?? '';
      };
      const main = path.join(own, 'main');
      const other = path.join(own, 'other');
      await importInto(main, SEED_FIXTURE, 'press-tv.txt');
      const arabic = await importInto(
        other,
        path.join(SAMPLES, 'uchardet', 'ar', 'windows-1256.txt'),
        'ar.txt',
      );
      // A folder synced in from another machine: on disk, not in the library's index.
      await cp(path.join(other, 'articles', arabic), path.join(main, 'articles', arabic), {
        recursive: true,
      });

      const { library: opened } = await openLibrary(main, { mode: 'write', folderCheck: 'background' });
      const { index: checked } = await SearchIndex.open(opened);
      checked.attach();
      await opened.whenFolderChecked();
      await checked.catchUp();
      expect((await checked.search('ويندوز')).hits.map((hit) => hit.articleId)).toEqual([arabic]);
      expect(await checked.catchUp()).toEqual({ updated: 0, removed: 0, failed: 0 });
      await checked.close();
      await opened.close();
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });
});

describe('a missing or damaged index', () => {
  const file = (): string => path.join(library.dir, SEARCH_FILE);
  const removeSidecars = async (): Promise<void> => {
    for (const suffix of ['-wal', '-shm']) await rm(`${file()}${suffix}`, { force: true });
  };
  const expectEverythingFound = async (): Promise<void> => {
    expect(hitFor(await index.search('ain al-assad'), 'press-tv.txt')).toBeDefined();
    expect(hitFor(await index.search('quokkarian'), 'press-tv.txt')?.matches[0]?.field).toBe('note');
    expect(hitFor(await index.search('medievaux'), 'arabic.txt')?.matches[0]?.field).toBe('memo');
    expect(hitFor(await index.search('網路'), 'chinese-big5.txt')).toBeDefined();
  };

  it('is rebuilt, notes and memos included, after the file is deleted', async () => {
    const report = await reopen(async () => {
      await rm(file());
      await removeSidecars();
    });
    expect(report.rebuilt).toMatch(/does not exist/);
    await expectEverythingFound();
  });

  it('is rebuilt after the file is deleted, and a build killed earlier leaves nothing behind', async () => {
    const abandoned = `${file()}.rebuild-999999999-0badc0de`;
    await writeFile(abandoned, 'half a build');
    await reopen(async () => {
      await rm(file());
      await removeSidecars();
    });
    await expect(stat(abandoned)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is rebuilt after the file is overwritten with garbage', async () => {
    const report = await reopen(async () => {
      await writeFile(file(), 'this is not a database '.repeat(500));
      await removeSidecars();
    });
    expect(report.rebuilt).toMatch(/not a database/);
    await expectEverythingFound();
  });

  it('is rebuilt when it was built by another version', async () => {
    const report = await reopen(() => {
      const db = new DatabaseSync(file());
      db.exec("UPDATE meta SET value = '0' WHERE key = 'schemaVersion'");
      db.close();
      return Promise.resolve();
    });
    expect(report.rebuilt).toMatch(/schemaVersion/);
    await expectEverythingFound();
  });

  it('is rebuilt when its pages are damaged, whether opening, searching or checking finds it', async () => {
    const reasons: (string | null)[] = [];
    reasons.push(
      (
        await reopen(async () => {
          const size = (await stat(file())).size;
          const handle = await open(file(), 'r+');
          // Garbage over everything after the first pages: the header and schema still read.
          const garbage = Buffer.alloc(size - 16_384, 0x5a);
          await handle.write(garbage, 0, garbage.length, 16_384);
          await handle.close();
          await removeSidecars();
        })
      ).rebuilt,
    );
    try {
      reasons.push((await index.search('ain')).rebuilt);
    } catch (error) {
      reasons.push(`search threw ${String(error)}`);
    }
    reasons.push(await index.checkIntegrity());
    expect(reasons.some((reason) => reason !== null && !reason.startsWith('search threw'))).toBe(true);
    expect(reasons.filter((reason) => reason?.startsWith('search threw'))).toEqual([]);
    expect(await index.checkIntegrity()).toBeNull();
    await expectEverythingFound();
  });
});
