import { request as httpRequest } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_FIXTURE, SEED_KINDS } from '../../../tests/corpusPath.ts';
import { openLibrary, type Library } from '../core/library/openLibrary.ts';
import { CONTENT_SECURITY_POLICY, startWebServer, type WebServer } from './startWebServer.ts';

let temp: string;
let library: Library;
let server: WebServer;

beforeEach(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'workbench-web-'));
  const rendererDir = path.join(temp, 'renderer');
  await import('node:fs/promises').then(({ mkdir }) =>
    mkdir(path.join(rendererDir, 'assets'), { recursive: true }),
  );
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Article Workbench</title>');
  await writeFile(path.join(rendererDir, 'assets', 'index.js'), 'export {};');
  await writeFile(path.join(temp, 'secret.txt'), 'not for the page');
  ({ library } = await openLibrary(path.join(temp, 'library'), { mode: 'write', create: true }));
  server = await startWebServer({ library, rendererDir });
});

afterEach(async () => {
  await server.close();
  await library.close();
  await rm(temp, { recursive: true, force: true });
});

function call(channel: string, input: unknown, token: string | null = server.token) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return fetch(`${server.origin}/api/${channel}`, { method: 'POST', headers, body: JSON.stringify(input) });
}

async function callOk<T = unknown>(channel: string, input: unknown): Promise<T> {
  const response = await call(channel, input);
  const body = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  expect(body, JSON.stringify(body.error)).toMatchObject({ ok: true });
  return body.value;
}

/** A raw request, to send what fetch will not (another Host header). */
function rawGet(pathname: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: server.port, path: pathname, headers },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

async function upload(file: string, name = path.basename(file)): Promise<string> {
  const response = await fetch(`${server.origin}/api/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'x-file-name': encodeURIComponent(name) },
    body: await readFile(file),
  });
  const body = (await response.json()) as { ok: true; value: { uploadId: string } };
  expect(body.ok).toBe(true);
  return body.value.uploadId;
}

describe('web shell', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token in the fragment', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${String(server.port)}`);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses API calls without the token, or with another', async () => {
    for (const token of [null, 'wrong', `${server.token}x`]) {
      const response = await call('library:list', {}, token);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    const events = await fetch(`${server.origin}/api/events`);
    expect(events.status).toBe(401);
    const uploadWithoutToken = await fetch(`${server.origin}/api/upload`, {
      method: 'POST',
      headers: { 'x-file-name': 'a.txt' },
      body: 'hello',
    });
    expect(uploadWithoutToken.status).toBe(401);
  });

  it('answers with the token', async () => {
    expect(await callOk('library:list', {})).toEqual({
      dir: library.dir,
      entries: [],
      total: 0,
      complete: true,
    });
  });

  it('refuses another Host header (DNS rebinding)', async () => {
    expect(await rawGet('/', { host: `evil.example:${String(server.port)}` })).toBe(421);
    expect(await rawGet('/', { host: `localhost:${String(server.port)}` })).toBe(200);
  });

  it('rejects bad input with INVALID_INPUT before any handler runs', async () => {
    for (const [channel, input] of [
      ['article:get', { id: '../../etc' }],
      ['article:get', {}],
      ['notes:save', { id: 'abc', blockId: 'b', translation: 3, note: '' }],
      ['article:updateMetadata', { id: 'abc', key: 'sha256', value: 'x' }],
      ['library:import', { batchId: 'b', source: { kind: 'uploads', uploadIds: ['not-an-id'] } }],
    ] as const) {
      const response = await call(channel, input);
      expect(response.status, channel).toBe(400);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    const notJson = await fetch(`${server.origin}/api/library:list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(notJson.status).toBe(415);
    const unknown = await call('library:format', {});
    expect(unknown.status).toBe(404);
    const broken = await fetch(`${server.origin}/api/library:list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(broken.status).toBe(400);
  });

  it('refuses imports by server path: a browser page cannot know paths', async () => {
    const response = await call('library:import', {
      batchId: 'b',
      source: { kind: 'paths', paths: [SEED_FIXTURE] },
    });
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(library.list()).toEqual([]);
  });

  it('serves the built window with a strict CSP, and nothing outside it', async () => {
    const page = await fetch(`${server.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(await page.text()).toContain('Article Workbench');
    const script = await fetch(`${server.origin}/assets/index.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    for (const escape of ['/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt']) {
      const response = await fetch(`${server.origin}${escape}`);
      expect(response.status, escape).toBe(404);
    }
  });

  it('imports an upload, streams progress, and saves notes, memo and metadata', async () => {
    const events: string[] = [];
    const controller = new AbortController();
    const stream = await fetch(`${server.origin}/api/events`, {
      headers: { authorization: `Bearer ${server.token}` },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reading = (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of stream.body as AsyncIterable<Uint8Array>) events.push(decoder.decode(chunk));
    })().catch(() => undefined);

    const uploadId = await upload(SEED_FIXTURE);
    const { results } = await callOk<{ results: { file: string; status: string; id: string }[] }>(
      'library:import',
      { batchId: 'batch-1', source: { kind: 'uploads', uploadIds: [uploadId] } },
    );
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ file: 'press-tv-fr-al-omar-al-tanf.txt', status: 'imported' });
    const id = results[0]!.id;
    // An upload is taken once: its staged copy is gone.
    const again = await call('library:import', {
      batchId: 'b2',
      source: { kind: 'uploads', uploadIds: [uploadId] },
    });
    expect(await again.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const got = await callOk<{ article: { blocks: { id: string; kind: string }[] } }>('article:get', { id });
    expect(got.article.blocks.map((block) => block.kind)).toEqual(SEED_KINDS);
    const block3 = got.article.blocks[2]!;
    await callOk('notes:save', { id, blockId: block3.id, translation: 'Syria: attack', note: 'check' });
    await callOk('memo:save', {
      id,
      doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Memo' }] }] },
    });
    const article = await callOk<{ metadata: { title: { value: string; origin: string } } }>(
      'article:updateMetadata',
      { id, key: 'title', value: '  Attack on al-Omar  ' },
    );
    expect(article.metadata.title).toEqual({ value: 'Attack on al-Omar', origin: 'analyst' });

    const listed = await callOk<{
      entries: { id: string; title: string; hasNotes: boolean; hasMemo: boolean }[];
    }>('library:list', {});
    expect(listed.entries).toEqual([
      expect.objectContaining({ id, title: 'Attack on al-Omar', hasNotes: true, hasMemo: true }),
    ]);
    const notes = JSON.parse(await readFile(path.join(library.articleDir(id), 'notes.json'), 'utf8')) as {
      notes: Record<string, { translation: string }>;
    };
    expect(notes.notes[block3.id]?.translation).toBe('Syria: attack');

    await expect.poll(() => events.join('')).toContain('event: library:changed');
    const text = events.join('');
    expect(text).toContain('event: import:progress');
    expect(text).toContain('"batchId":"batch-1"');
    expect(text).toContain('"kind":"metadata-saved"');
    controller.abort();
    await reading;
  });

  it('reports a file the core refuses under the name it was uploaded with', async () => {
    const empty = path.join(temp, 'empty.txt');
    await writeFile(empty, '');
    const uploadId = await upload(empty, 'Rapport vide.txt');
    const { results } = await callOk<{
      results: { file: string; status: string; error: { code: string; message: string } }[];
    }>('library:import', { batchId: 'b', source: { kind: 'uploads', uploadIds: [uploadId] } });
    expect(results[0]).toMatchObject({
      file: 'Rapport vide.txt',
      status: 'failed',
      error: { code: 'EMPTY_FILE' },
    });
    expect(results[0]!.error.message).toContain('Rapport vide.txt');
    expect(results[0]!.error.message).not.toContain(tmpdir());
  });
});
