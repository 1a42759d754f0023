import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The app's own pages are served from `app://workbench/`, a privileged standard scheme, rather than
 * `file:`: a `file:` page may read any other `file:` URL (Electron's security checklist, item 18),
 * while this origin reaches only the files of the built renderer.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The policy sent with every page the scheme serves. It repeats the `<meta>` policy of
 * src/renderer/index.html (a test keeps the two equal) and adds `frame-ancestors`, which a `<meta>`
 * policy cannot carry: nothing may load but the app itself, nothing may frame it.
 */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file inside `rendererDir` that an `app://workbench/…` URL names, or null for any URL that is
 * not the app's or that would leave the folder (`..`, encoded or not, a backslash, a NUL byte, an
 * absolute path smuggled in the path). `/` is the entry page.
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  const parsed = URL.parse(url);
  if (parsed?.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  if (parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // The URL parser has already folded `/./` and `/../`; anything still spelling a step outside came encoded.
  if (relative.includes('\0') || relative.includes('\\')) return null;
  const segments = relative.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  if (segments.length === 0) segments.push('index.html');
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, ...segments);
  const inside = path.relative(root, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}

/** What the protocol handler needs from the disk; tests pass an in-memory folder. */
export type AppFileSystem = {
  isFile(file: string): Promise<boolean>;
  read(file: string): Promise<Uint8Array<ArrayBuffer>>;
};

const nodeFileSystem: AppFileSystem = {
  isFile: async (file) => {
    try {
      return (await stat(file)).isFile();
    } catch {
      return false;
    }
  },
  read: (file) => readFile(file),
};

function plainResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

/**
 * The `protocol.handle` handler of the app scheme: GET and HEAD of files inside `rendererDir`
 * only, each with its content type, `nosniff`, no caching across versions, and the app's policy.
 */
export function createAppProtocolHandler(
  rendererDir: string,
  fileSystem: AppFileSystem = nodeFileSystem,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return plainResponse(405, 'Method not allowed');
    const file = resolveAppFile(rendererDir, request.url);
    if (file === null || !(await fileSystem.isFile(file))) return plainResponse(404, 'Not found');
    const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const body = request.method === 'HEAD' ? null : await fileSystem.read(file);
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': contentType,
        'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
      },
    });
  };
}

/** Where the window's page comes from: the app scheme, or Vite's dev server under `electron-vite dev`. */
export type AppOrigin = {
  /** The dev server's URL; honoured only when the app is not packaged (see `devServerUrlFor`). */
  devServerUrl?: string | undefined;
};

/**
 * The dev server's URL when electron-vite dev set one and the app is not packaged: a stray
 * variable must never point a release build at a web page.
 */
export function devServerUrlFor(isPackaged: boolean, env: NodeJS.ProcessEnv): string | undefined {
  if (isPackaged) return undefined;
  const url = URL.parse(env.ELECTRON_RENDERER_URL ?? '');
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  // Vite's dev server is local; anything else is not the app.
  if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return undefined;
  return url.href;
}

/** The URL the window loads. */
export function entryUrl(origin: AppOrigin): string {
  return origin.devServerUrl ?? APP_ENTRY_URL;
}

/**
 * Whether a URL is the app's own page (its only page, `index.html`, with any query or fragment),
 * as served by the app scheme, or in dev any page of the dev server's origin (Vite reloads it).
 * Navigation, IPC and permissions all ask this one function.
 */
export function isAppUrl(url: string, origin: AppOrigin): boolean {
  const target = URL.parse(url);
  if (target === null) return false;
  if (origin.devServerUrl !== undefined) {
    return target.origin === URL.parse(origin.devServerUrl)?.origin;
  }
  return (
    target.protocol === `${APP_SCHEME}:` &&
    target.host === APP_HOST &&
    target.username === '' &&
    target.password === '' &&
    (target.pathname === '/' || target.pathname === '/index.html')
  );
}

/**
 * Whether an origin, as Chromium reports it to permission checks (`app://workbench`, no path), is
 * the app's. The WHATWG parser gives a custom scheme an opaque origin ('null'), hence the parts.
 */
export function isAppOrigin(origin: string, appOrigin: AppOrigin): boolean {
  const target = URL.parse(origin);
  if (target === null) return false;
  if (appOrigin.devServerUrl !== undefined) {
    return target.origin === URL.parse(appOrigin.devServerUrl)?.origin;
  }
  return (
    target.protocol === `${APP_SCHEME}:` &&
    target.host === APP_HOST &&
    target.username === '' &&
    target.password === '' &&
    (target.pathname === '' || target.pathname === '/')
  );
}

/**
 * Whether the session may load a URL at all (webRequest): the app scheme, DevTools' own pages,
 * inline `data:`/`blob:` resources the page's policy already governs, and in dev the dev server
 * (its page over HTTP and its hot-reload socket). Everything else is cancelled before it leaves.
 */
export function isAllowedRequest(url: string, origin: AppOrigin): boolean {
  const target = URL.parse(url);
  if (target === null) return false;
  switch (target.protocol) {
    case `${APP_SCHEME}:`:
      return target.host === APP_HOST;
    case 'devtools:':
    case 'data:':
    case 'blob:':
      return true;
    default: {
      if (origin.devServerUrl === undefined) return false;
      const dev = URL.parse(origin.devServerUrl);
      if (dev === null) return false;
      const isHttp = target.protocol === 'http:' || target.protocol === 'https:';
      const isSocket = target.protocol === 'ws:' || target.protocol === 'wss:';
      return (isHttp || isSocket) && target.host === dev.host;
    }
  }
}
