import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isChannel, type WorkbenchEvent } from '../../shared/api.ts';
import { toErrorInfo, type ErrorInfo } from '../../shared/errors.ts';
import { fail, type Result } from '../../shared/result.ts';
import { createApp } from '../app/handlers.ts';
import { dispatch } from '../app/dispatch.ts';
import { DEFAULT_LIMITS } from '../core/import/extracted.ts';
import type { Library } from '../core/library/openLibrary.ts';
import { StagedUploads } from './uploadStore.ts';

/** Only ever loopback: the token keeps other local users' pages out, this keeps other machines out. */
const HOST = '127.0.0.1';
const API_PREFIX = '/api/';
/** A memo of 100,000 characters is a few hundred KB of JSON; anything near this is not a routine call. */
const MAX_JSON_BYTES = 16 * 1024 * 1024;
const KEEPALIVE_MS = 25_000;

/**
 * The page may load only itself: no inline script, no remote anything, no frames, no forms, no
 * plugins. Imported articles are rendered as text, and this makes sure that even a mistake there
 * cannot load or run anything.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
} as const;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export type WebServerOptions = {
  library: Library;
  /** The built renderer (`electron-vite build` output: out/renderer). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** When `port` is taken, use a free one instead of failing. */
  orFreePort?: boolean;
  /** For tests; otherwise 32 random bytes per run. */
  token?: string;
  /** The app's version, for reports' front matter. */
  version?: string;
};

export type WebServer = {
  /** The address to open, with the token in the fragment, which the browser never sends to a server. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
};

class HttpError extends Error {
  readonly status: number;
  readonly info: ErrorInfo;
  constructor(status: number, info: ErrorInfo) {
    super(info.message);
    this.status = status;
    this.info = info;
  }
}

function sendJson(response: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  // A cross-site form can send text/plain without a preflight; only our own fetch sends JSON.
  if (!type.startsWith('application/json'))
    throw new HttpError(415, { code: 'INVALID_INPUT', message: 'API calls send application/json.' });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_JSON_BYTES)
      throw new HttpError(413, { code: 'INVALID_INPUT', message: 'The request is too large.' });
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, { code: 'INVALID_INPUT', message: 'The request body is not valid JSON.' });
  }
}

/**
 * The web shell: the built renderer and the contract over HTTP on 127.0.0.1, for the end-to-end
 * tests and for anyone without Electron. Calls are `POST /api/<channel>` with a JSON body, answered
 * with a Result; events stream from `GET /api/events` (server-sent events); files to import are
 * first sent one by one to `POST /api/upload`. Every /api/ request needs the run's token as
 * `Authorization: Bearer <token>`: a header, not a cookie, because a cookie would be sent by any
 * page in the browser (cookies ignore ports, so any other local server's page too), while a
 * header can only be set by script running on this origin, which learnt the token from the URL
 * fragment the analyst opened.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const uploads = await StagedUploads.create(DEFAULT_LIMITS.maxFileBytes);
  const listeners = new Set<ServerResponse>();
  const broadcast = (event: WorkbenchEvent): void => {
    const frame = `event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`;
    for (const response of listeners) response.write(frame);
  };
  const app = createApp({
    library: options.library,
    emit: broadcast,
    uploads,
    acceptsPaths: false,
    ...(options.version === undefined ? {} : { version: options.version }),
  });
  const rendererDir = path.resolve(options.rendererDir);
  let allowedHosts: ReadonlySet<string> = new Set();

  const isAuthorised = (request: IncomingMessage): boolean => {
    const given = Buffer.from(request.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  const serveStatic = async (request: IncomingMessage, response: ServerResponse, pathname: string) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD' }).end();
      return;
    }
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/u, '');
    const file = path.resolve(rendererDir, relative);
    if (!file.startsWith(rendererDir + path.sep)) {
      response.writeHead(404, SECURITY_HEADERS).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      response.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      // Built assets carry a content hash in their name; the page itself must always be fresh.
      'cache-control': relative === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable',
      'content-length': body.byteLength,
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };

  const serveEvents = (request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    listeners.add(response);
    const keepalive = setInterval(() => response.write(': keepalive\n\n'), KEEPALIVE_MS);
    request.on('close', () => {
      clearInterval(keepalive);
      listeners.delete(response);
    });
  };

  const serveApi = async (request: IncomingMessage, response: ServerResponse, name: string) => {
    if (!isAuthorised(request))
      throw new HttpError(401, {
        code: 'INVALID_INPUT',
        message: 'This call needs the token of this run: open the address the web shell printed.',
      });
    if (name === 'events' && request.method === 'GET') {
      serveEvents(request, response);
      return;
    }
    if (request.method !== 'POST')
      throw new HttpError(405, { code: 'INVALID_INPUT', message: 'API calls use POST.' });
    if (name === 'upload') {
      const header = request.headers['x-file-name'];
      const fileName = typeof header === 'string' ? decodeURIComponent(header) : '';
      if (fileName.trim() === '')
        throw new HttpError(400, {
          code: 'INVALID_INPUT',
          message: 'An upload needs an X-File-Name header.',
        });
      const uploadId = await uploads.put(fileName, request).catch((error: unknown) => {
        const info = toErrorInfo(error);
        throw new HttpError(info.code === 'FILE_TOO_LARGE' ? 413 : 500, info);
      });
      sendJson(response, 200, { ok: true, value: { uploadId } });
      return;
    }
    if (!isChannel(name))
      throw new HttpError(404, { code: 'INVALID_INPUT', message: `There is no channel ${name}.` });
    const body = await readJsonBody(request);
    const result = await dispatch(app.handlers, name, body);
    sendJson(response, !result.ok && result.error.code === 'INVALID_INPUT' ? 400 : 200, result);
  };

  const server = createServer((request, response) => {
    // DNS rebinding: a page from evil.example re-pointed at 127.0.0.1 still sends its own Host.
    if (!allowedHosts.has(request.headers.host ?? '')) {
      response.writeHead(421, { ...SECURITY_HEADERS, 'content-type': 'text/plain' }).end('Wrong host');
      return;
    }
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const handled = pathname.startsWith(API_PREFIX)
      ? serveApi(request, response, decodeURIComponent(pathname.slice(API_PREFIX.length)))
      : serveStatic(request, response, pathname);
    handled.catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const info = error instanceof HttpError ? error.info : toErrorInfo(error);
      if (status === 500) console.error('Web shell request failed:', error);
      if (response.headersSent) response.end();
      else {
        // Drain what the client is still sending, so it reads our answer rather than a reset connection.
        request.resume();
        sendJson(response, status, fail(info));
      }
    });
  });
  // Abandoned keep-alive connections must not hold the process open on close.
  server.keepAliveTimeout = 5_000;

  const listen = (port: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  try {
    await listen(options.port ?? 0);
  } catch (error) {
    // The usual port keeps the page's origin, and with it the window's remembered pane sizes and
    // options, from one run to the next; when another program has it, any free port will do.
    if (options.orFreePort !== true || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
      await app.close();
      await uploads.close();
      throw error;
    }
    await listen(0);
  }
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`${HOST}:${String(port)}`, `localhost:${String(port)}`]);
  const origin = `http://${HOST}:${String(port)}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    async close() {
      for (const response of listeners) response.end();
      listeners.clear();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
      await app.close();
      await uploads.close();
    },
  };
}
