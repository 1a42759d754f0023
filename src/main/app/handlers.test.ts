import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, REQUESTS, type WorkbenchEvent } from '../../shared/api.ts';
import { arrangeEntries, DEFAULT_VIEW } from '../../shared/arrangeEntries.ts';
import { SEED_FIXTURE } from '../../../tests/corpusPath.ts';
import { openLibrary, type Library } from '../core/library/openLibrary.ts';
import { dispatch } from './dispatch.ts';
import { createApp, type App } from './handlers.ts';

let temp: string;
let library: Library;
let app: App;
let events: WorkbenchEvent[];

beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'workbench-handlers-'));
  ({ library } = await openLibrary(temp, { mode: 'write', create: true }));
  events = [];
  app = createApp({ library, emit: (event) => events.push(event), acceptsPaths: true });
});

afterEach(async () => {
  await app.close();
  await library.close();
  await rm(temp, { recursive: true, force: true });
});

async function importSeed(): Promise<string> {
  const result = await dispatch(app.handlers, 'library:import', {
    batchId: 'b',
    source: { kind: 'paths', paths: [SEED_FIXTURE] },
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.results[0]!.id!;
}

describe('handlers', () => {
  it('has exactly one handler per channel of the contract', () => {
    expect(Object.keys(app.handlers).sort()).toEqual([...CHANNELS].sort());
    expect(CHANNELS).toEqual(Object.keys(REQUESTS));
  });

  it('keeps every note when saves of one article arrive together', async () => {
    const id = await importSeed();
    const got = await dispatch(app.handlers, 'article:get', { id });
    if (!got.ok) throw new Error(got.error.message);
    const blocks = got.value.article.blocks.slice(0, 12);
    const saves = await Promise.all(
      blocks.map((block, index) =>
        dispatch(app.handlers, 'notes:save', {
          id,
          blockId: block.id,
          translation: `t${String(index)}`,
          note: '',
        }),
      ),
    );
    expect(saves.every((save) => save.ok)).toBe(true);
    const onDisk = JSON.parse(await readFile(path.join(library.articleDir(id), 'notes.json'), 'utf8')) as {
      notes: Record<string, { translation: string }>;
    };
    expect(blocks.map((block) => onDisk.notes[block.id]?.translation)).toEqual(
      blocks.map((_block, index) => `t${String(index)}`),
    );
  });

  it('turns a core failure into a Result, never a rejection', async () => {
    const result = await dispatch(app.handlers, 'article:get', { id: 'ffffffffffff' });
    expect(result).toMatchObject({ ok: false, error: { code: 'ARTICLE_NOT_FOUND' } });
  });

  it('marks a corrected metadata field as the analyst’s and keeps the memo', async () => {
    const id = await importSeed();
    const doc = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'keep me' }] }],
    };
    await dispatch(app.handlers, 'memo:save', { id, doc });
    const result = await dispatch(app.handlers, 'article:updateMetadata', { id, key: 'outlet', value: '' });
    expect(result).toMatchObject({
      ok: true,
      value: { metadata: { outlet: { value: null, origin: 'analyst' } } },
    });
    expect((await library.readMemo(id)).doc).toEqual(doc);
    expect((await library.readArticle(id)).metadata.outlet.origin).toBe('analyst');
    expect(library.entry(id)?.outlet).toBeNull();
    expect(events).toContainEqual({ name: 'library:changed', payload: { kind: 'metadata-saved', id } });
  });

  it('saves a memo change sent as a splice of its paragraphs, which search then finds', async () => {
    const id = await importSeed();
    const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
    const whole = await dispatch(app.handlers, 'memo:save', {
      id,
      doc: { type: 'doc', content: [paragraph('first'), paragraph('second')] },
    });
    if (!whole.ok) throw new Error(whole.error.message);
    const splice = {
      base: whole.value.updatedAt,
      baseCount: 2,
      from: 1,
      to: 2,
      nodes: [paragraph('zanzibar')],
    };
    expect(await dispatch(app.handlers, 'memo:patch', { id, splice })).toMatchObject({ ok: true });
    expect((await library.readMemo(id)).doc).toEqual({
      type: 'doc',
      content: [paragraph('first'), paragraph('zanzibar')],
    });
    // The same change again is made to a version no longer on disk.
    expect(await dispatch(app.handlers, 'memo:patch', { id, splice })).toMatchObject({
      ok: false,
      error: { code: 'SAVE_CONFLICT' },
    });
    expect(
      await dispatch(app.handlers, 'memo:patch', { id, splice: { ...splice, nodes: [{ text: 'no type' }] } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await vi.waitFor(async () => {
      const found = await dispatch(app.handlers, 'search:query', { query: 'zanzibar', filters: {} });
      expect(found).toMatchObject({ ok: true, value: { total: 1 } });
    });
  });

  it('finds an article by a folded word, within a collection, and no longer once trashed', async () => {
    const id = await importSeed();
    const search = (filters: Record<string, unknown> = {}) =>
      dispatch(app.handlers, 'search:query', { query: 'ain al-assad', filters });
    const found = await search();
    if (!found.ok) throw new Error(found.error.message);
    expect(found.value.total).toBe(1);
    const [hit] = found.value.hits;
    expect(hit?.articleId).toBe(id);
    const match = hit!.matches[0]!;
    expect(match.snippet.slice(match.highlights[0]!.start, match.highlights[0]!.end)).toMatch(/^A.n$/u);

    const created = await dispatch(app.handlers, 'collections:create', { name: 'Case', articleIds: [] });
    if (!created.ok) throw new Error(created.error.message);
    expect(await search({ collection: created.value.id })).toMatchObject({ ok: true, value: { total: 0 } });
    await dispatch(app.handlers, 'collections:update', { id: created.value.id, add: [id] });
    expect(await search({ collection: created.value.id })).toMatchObject({ ok: true, value: { total: 1 } });

    await dispatch(app.handlers, 'article:setTags', { id, tags: ['syrie'] });
    expect(await search({ tag: 'syrie' })).toMatchObject({ ok: true, value: { total: 1 } });
    expect(await search({ tag: 'iraq' })).toMatchObject({ ok: true, value: { total: 0 } });

    await dispatch(app.handlers, 'trash:move', { ids: [id] });
    expect(events).toContainEqual({ name: 'library:changed', payload: { kind: 'article-trashed', id } });
    expect(await search()).toMatchObject({ ok: true, value: { total: 0 } });
    await dispatch(app.handlers, 'trash:restore', { ids: [id] });
    expect(await search()).toMatchObject({ ok: true, value: { total: 1 } });
  });

  it('builds a report for download and saves one where the shell chose, never over a file', async () => {
    const id = await importSeed();
    const options = { includeOriginal: true, includeNotes: true, citationStyle: 'footnotes' } as const;
    const built = await dispatch(app.handlers, 'report:build', {
      scope: { kind: 'articles', ids: [id] },
      options,
    });
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value.fileName).toMatch(/\.md$/u);
    expect(built.value.markdown).toMatch(/^---\n/u);
    expect(built.value.markdown).toContain('sha256:');

    // The web shell has no save dialog: report:save is refused there.
    expect(await dispatch(app.handlers, 'report:save', { scope: { kind: 'all' }, options })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const target = path.join(temp, 'report.md');
    const saving = createApp({
      library,
      emit: () => undefined,
      acceptsPaths: true,
      chooseReportPath: (suggested) => {
        expect(suggested).toBe(built.value.fileName);
        return Promise.resolve(target);
      },
    });
    try {
      const first = await dispatch(saving.handlers, 'report:save', { scope: { kind: 'all' }, options });
      expect(first).toMatchObject({ ok: true, value: { path: target, articles: 1 } });
      const second = await dispatch(saving.handlers, 'report:save', { scope: { kind: 'all' }, options });
      expect(second).toMatchObject({ ok: true, value: { path: path.join(temp, 'report (2).md') } });
      expect(await readFile(target, 'utf8')).toContain('# ');
    } finally {
      await saving.close();
    }
    expect(
      await dispatch(app.handlers, 'report:build', { scope: { kind: 'tag', tag: 'none' }, options }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ARTICLE_NOT_FOUND' },
    });
  });

  it('leaves a damaged article out of a report on the library and says so', async () => {
    const id = await importSeed();
    const other = path.join(temp, 'other.txt');
    await writeFile(other, 'Second article\n\nA paragraph of its own about something else.\n');
    const imported = await dispatch(app.handlers, 'library:import', {
      batchId: 'c',
      source: { kind: 'paths', paths: [other] },
    });
    if (!imported.ok) throw new Error(imported.error.message);
    const damagedId = imported.value.results[0]!.id!;
    await writeFile(path.join(library.articleDir(damagedId), 'article.json'), '{"truncated":');
    const options = { includeOriginal: false, includeNotes: true, citationStyle: 'footnotes' } as const;
    const built = await dispatch(app.handlers, 'report:build', { scope: { kind: 'all' }, options });
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value.articles).toBe(1);
    expect(built.value.leftOut).toEqual([
      { id: damagedId, reason: expect.stringContaining(path.join(damagedId, 'article.json')) as unknown },
    ]);
    expect(built.value.markdown).toContain(id);
  });

  it('lists the first rows as the window arranges them, with the library’s size', async () => {
    const files = ['Zeta', 'alpha', 'Älpha', 'Beta', 'beta'].map((title, index) => {
      const file = path.join(temp, `${String(index)}.txt`);
      return {
        file,
        text: `${title}\n\nA paragraph about ${title}, number ${String(index)}, and nothing more.\n`,
      };
    });
    for (const { file, text } of files) await writeFile(file, text);
    const imported = await dispatch(app.handlers, 'library:import', {
      batchId: 'd',
      source: { kind: 'paths', paths: files.map(({ file }) => file) },
    });
    if (!imported.ok) throw new Error(imported.error.message);

    const whole = await dispatch(app.handlers, 'library:list', {});
    if (!whole.ok) throw new Error(whole.error.message);
    expect(whole.value).toMatchObject({ total: 5, complete: true });
    expect(whole.value.entries).toHaveLength(5);
    const first = await dispatch(app.handlers, 'library:list', { first: 3 });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value).toMatchObject({ dir: library.dir, total: 5, complete: false });
    expect(first.value.entries).toEqual(arrangeEntries(whole.value.entries, DEFAULT_VIEW).slice(0, 3));
    expect(first.value.entries[0]).not.toHaveProperty('sha256');

    const more = await dispatch(app.handlers, 'library:list', { first: 500 });
    expect(more).toMatchObject({ ok: true, value: { total: 5, complete: true } });
    expect(await dispatch(app.handlers, 'library:list', { first: 0 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('refuses uploads where the shell has no upload store', async () => {
    const result = await dispatch(app.handlers, 'library:import', {
      batchId: 'b',
      source: { kind: 'uploads', uploadIds: ['0'.repeat(32)] },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
