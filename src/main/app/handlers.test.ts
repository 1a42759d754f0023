import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, REQUESTS, type WorkbenchEvent } from '../../shared/api.ts';
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

  it('refuses uploads where the shell has no upload store', async () => {
    const result = await dispatch(app.handlers, 'library:import', {
      batchId: 'b',
      source: { kind: 'uploads', uploadIds: ['0'.repeat(32)] },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
