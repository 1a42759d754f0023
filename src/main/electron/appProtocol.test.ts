import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_CONTENT_SECURITY_POLICY,
  APP_ENTRY_URL,
  createAppProtocolHandler,
  devServerUrlFor,
  entryUrl,
  isAllowedRequest,
  isAppOrigin,
  isAppUrl,
  resolveAppFile,
} from './appProtocol.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const PACKAGED = { devServerUrl: undefined };
const DEV = { devServerUrl: 'http://localhost:5173/' };

let temp: string;
let rendererDir: string;

beforeAll(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'workbench-protocol-'));
  rendererDir = path.join(temp, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(path.join(rendererDir, 'assets', 'index.js'), 'console.log(1)');
  // A file beside the renderer folder that no URL may reach.
  await writeFile(path.join(temp, 'secret.txt'), 'secret');
});

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

describe('resolveAppFile', () => {
  it('maps app URLs to files inside the renderer folder, / to the entry page', () => {
    expect(resolveAppFile(rendererDir, 'app://workbench/')).toBe(path.join(rendererDir, 'index.html'));
    expect(resolveAppFile(rendererDir, 'app://workbench/index.html?x=1#y')).toBe(
      path.join(rendererDir, 'index.html'),
    );
    expect(resolveAppFile(rendererDir, 'app://workbench/assets/index.js')).toBe(
      path.join(rendererDir, 'assets', 'index.js'),
    );
  });

  it.each([
    'app://workbench/../secret.txt',
    'app://workbench/%2e%2e/secret.txt',
    'app://workbench/a/../../secret.txt',
  ])('keeps %s inside the folder (the URL parser folds the steps up at its root)', (url) => {
    expect(resolveAppFile(rendererDir, url)).toBe(path.join(rendererDir, 'secret.txt'));
  });

  it.each([
    'app://workbench/..%2fsecret.txt',
    'app://workbench/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://workbench/assets/..%5c..%5csecret.txt',
    'app://workbench/index.html%00.js',
    'app://workbench/%E0%A4%A',
    'app://other/index.html',
    'app://user:pass@workbench/index.html',
    'app://workbench:8080/index.html',
    'file:///etc/passwd',
    'https://workbench/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(rendererDir, url)).toBeNull();
  });
});

describe('the app protocol handler', () => {
  const handle = () => createAppProtocolHandler(rendererDir);

  it('serves the entry page with the content security policy and no sniffing', async () => {
    const response = await handle()(new Request(APP_ENTRY_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>app</title>');
  });

  it('serves scripts with a JavaScript type (module scripts need one)', async () => {
    const response = await handle()(new Request('app://workbench/assets/index.js'));
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for a missing file, a folder or a path outside, and 405 for other methods', async () => {
    expect((await handle()(new Request('app://workbench/missing.js'))).status).toBe(404);
    expect((await handle()(new Request('app://workbench/assets/'))).status).toBe(404);
    const outside = await handle()(new Request('app://workbench/%2e%2e/secret.txt'));
    expect(outside.status).toBe(404);
    expect(await outside.text()).not.toContain('secret');
    const post = await handle()(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });

  it('sends the same policy as the page’s own <meta>, plus frame-ancestors', async () => {
    const html = await readFile(path.join(REPO_ROOT, 'src', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/u.exec(html)?.[1];
    expect(meta).toBeDefined();
    const directives = (policy: string) =>
      new Map(
        policy
          .split(';')
          .map((directive) => directive.trim())
          .filter((directive) => directive !== '')
          .map((directive) => {
            const [name = '', ...values] = directive.split(/\s+/u);
            return [name, values.join(' ')] as const;
          }),
      );
    const header = directives(APP_CONTENT_SECURITY_POLICY);
    const page = directives(meta!);
    for (const [name, value] of page) expect(header.get(name), name).toBe(value);
    expect([...header.keys()].filter((name) => !page.has(name))).toEqual(['frame-ancestors']);
    expect(header.get('default-src')).toBe("'none'");
    expect(APP_CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-/u);
  });
});

describe('isAppUrl', () => {
  it('accepts only the app’s own page when packaged', () => {
    expect(isAppUrl('app://workbench/index.html', PACKAGED)).toBe(true);
    expect(isAppUrl('app://workbench/', PACKAGED)).toBe(true);
    expect(isAppUrl('app://workbench/index.html#article=1', PACKAGED)).toBe(true);
    expect(isAppUrl('app://workbench/assets/index.js', PACKAGED)).toBe(false);
    expect(isAppUrl('app://evil/index.html', PACKAGED)).toBe(false);
    expect(isAppUrl('app://x@workbench/index.html', PACKAGED)).toBe(false);
    expect(isAppUrl('file:///app/out/renderer/index.html', PACKAGED)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', PACKAGED)).toBe(false);
    expect(isAppUrl('https://example.com/', PACKAGED)).toBe(false);
    expect(isAppUrl('about:blank', PACKAGED)).toBe(false);
    expect(isAppUrl('', PACKAGED)).toBe(false);
  });

  it('accepts the dev server’s origin in dev, and nothing else', () => {
    expect(isAppUrl('http://localhost:5173/', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5173/index.html?t=1', DEV)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isAppUrl('https://example.com/', DEV)).toBe(false);
  });

  it('judges permission origins the same way', () => {
    expect(isAppOrigin('app://workbench', PACKAGED)).toBe(true);
    expect(isAppOrigin('app://workbench/', PACKAGED)).toBe(true);
    expect(isAppOrigin('app://other', PACKAGED)).toBe(false);
    expect(isAppOrigin('https://example.com', PACKAGED)).toBe(false);
    expect(isAppOrigin('null', PACKAGED)).toBe(false);
    expect(isAppOrigin('http://localhost:5173', DEV)).toBe(true);
  });
});

describe('devServerUrlFor', () => {
  it('is ignored once packaged, and only a local http server counts', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(devServerUrlFor(true, env)).toBeUndefined();
    expect(devServerUrlFor(false, env)).toBe('http://localhost:5173/');
    expect(devServerUrlFor(false, {})).toBeUndefined();
    expect(devServerUrlFor(false, { ELECTRON_RENDERER_URL: 'https://evil.example/' })).toBeUndefined();
    expect(devServerUrlFor(false, { ELECTRON_RENDERER_URL: 'file:///tmp/x.html' })).toBeUndefined();
  });

  it('decides what the window loads: never a remote URL', () => {
    expect(entryUrl(PACKAGED)).toBe('app://workbench/index.html');
    expect(entryUrl(DEV)).toBe('http://localhost:5173/');
  });
});

describe('isAllowedRequest', () => {
  it('lets the app’s own resources load, and DevTools', () => {
    expect(isAllowedRequest('app://workbench/assets/index.js', PACKAGED)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', PACKAGED)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', PACKAGED)).toBe(true);
  });

  it.each([
    'https://example.com/pixel.gif',
    'http://127.0.0.1:9999/canary',
    'ws://localhost:5173/',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'app://other/x.js',
    'ftp://example.com/',
  ])('cancels %s when packaged', (url) => {
    expect(isAllowedRequest(url, PACKAGED)).toBe(false);
  });

  it('allows the dev server and its hot-reload socket in dev only', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', DEV)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/?token=x', DEV)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', DEV)).toBe(false);
    expect(isAllowedRequest('https://example.com/', DEV)).toBe(false);
  });
});
