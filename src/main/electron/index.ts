import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, session } from 'electron';
import { EVENT_CHANNEL, type WorkbenchEvent } from '../../shared/api.ts';
import { toErrorInfo } from '../../shared/errors.ts';
import { createApp, type App } from '../app/handlers.ts';
import { ParserPool } from '../core/import/parserPool.ts';
import { defaultLibraryDir } from '../core/library/defaultLibraryDir.ts';
import { openLibrary, type Library } from '../core/library/openLibrary.ts';
import { registerIpcHandlers } from './registerIpcHandlers.ts';

// electron-vite 6 already declares `__dirname` in ESM output; redeclaring it is a SyntaxError at run time.
const preloadFile = join(import.meta.dirname, '../preload/index.cjs');
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
// Set by `electron-vite dev`; ignored once packaged so that a stray variable cannot point the app elsewhere.
const rendererDevUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

/** Clipboard writes serve "copy citation"; the app has no use for camera, location, notifications etc. */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Whether a navigation stays on the app's own page (Vite's full reload in dev navigates to it again). */
function isAppUrl(url: string): boolean {
  const target = URL.parse(url);
  if (target === null) return false;
  if (rendererDevUrl !== undefined) return target.origin === URL.parse(rendererDevUrl)?.origin;
  target.hash = '';
  target.search = '';
  return target.href === pathToFileURL(rendererFile).href;
}

function createMainWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Article Workbench',
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  // Showing only once painted avoids a white flash before the first render.
  window.once('ready-to-show', () => {
    window.show();
  });

  const loaded =
    rendererDevUrl === undefined ? window.loadFile(rendererFile) : window.loadURL(rendererDevUrl);
  loaded.catch((error: unknown) => {
    console.error('Could not load the window content:', error);
  });
}

// Forces the sandbox on every renderer, including any created later by mistake without webPreferences.
app.enableSandbox();

// Applied to every web contents, not only the main window, so no future window escapes the rules.
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
});

app.on('window-all-closed', () => {
  // macOS apps stay running without windows until the user quits them.
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
});

/** Sends an event of the contract to every window. */
function broadcast(event: WorkbenchEvent): void {
  for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, event);
}

let opened: { library: Library; workbench: App; unregister: () => void } | null = null;

async function openWorkbench(): Promise<void> {
  const { library } = await openLibrary(defaultLibraryDir(), { mode: 'write', create: true });
  // The parser's worker is bundled beside this file (electron.vite.config.ts), not run from source.
  const parserPool = new ParserPool({ workerUrl: new URL('./parseWorker.js', import.meta.url) });
  const workbench = createApp({ library, emit: broadcast, acceptsPaths: true, parserPool });
  opened = { library, workbench, unregister: registerIpcHandlers(workbench.handlers, isAppUrl) };
  app.once('will-quit', () => {
    void parserPool.close();
  });
}

// Saves in flight (the last keystrokes of a closing window) finish and the lock is released before exit.
app.on('before-quit', (event) => {
  if (opened === null) return;
  const closing = opened;
  opened = null;
  event.preventDefault();
  closing.unregister();
  void closing.workbench
    .close()
    .then(() => closing.library.close())
    .catch((error: unknown) => {
      console.error('Could not close the library cleanly:', error);
    })
    .finally(() => {
      app.quit();
    });
});

app.whenReady().then(
  async () => {
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => {
      callback(GRANTED_PERMISSIONS.has(permission));
    });
    try {
      await openWorkbench();
    } catch (error) {
      const { code, message } = toErrorInfo(error);
      dialog.showErrorBox('The library cannot be opened', `${message} (${code})`);
      app.exit(1);
      return;
    }
    createMainWindow();
  },
  (error: unknown) => {
    console.error('Electron failed to start:', error);
    app.exit(1);
  },
);
