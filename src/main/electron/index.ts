import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  screen,
  session,
  shell,
  type MessageBoxOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import { EVENT_CHANNEL, type EventPayload, type WorkbenchEvent } from '../../shared/api.ts';
import { toErrorInfo } from '../../shared/errors.ts';
import { createApp } from '../app/handlers.ts';
import { ParserPool } from '../core/import/parserPool.ts';
import { defaultLibraryDir } from '../core/library/defaultLibraryDir.ts';
import { openLibrary } from '../core/library/openLibrary.ts';
import {
  APP_SCHEME,
  createAppProtocolHandler,
  devServerUrlFor,
  entryUrl,
  isAllowedRequest,
  isAppOrigin,
  isAppUrl,
  type AppOrigin,
} from './appProtocol.ts';
import { hardenContents, hardenSession } from './hardening.ts';
import {
  classifyFolder,
  LibraryHost,
  resolveResourcesDir,
  SAMPLE_ARTICLE,
  shouldOfferSample,
  type OpenedLibrary,
} from './libraryHost.ts';
import { aboutDetail, buildMenuTemplate } from './menu.ts';
import { registerIpcHandlers } from './registerIpcHandlers.ts';
import { createWindowOptions } from './windowOptions.ts';
import { clampBounds, WindowStateStore } from './windowState.ts';

const APP_NAME = 'Article Workbench';

// electron-vite 6 already declares `__dirname` in ESM output; redeclaring it is a SyntaxError at run time.
const preloadFile = path.join(import.meta.dirname, '../preload/index.cjs');
const rendererDir = path.join(import.meta.dirname, '../renderer');
const origin: AppOrigin = { devServerUrl: devServerUrlFor(app.isPackaged, process.env) };
const isAppPage = (url: string) => isAppUrl(url, origin);

app.setName(APP_NAME);
// Electron derives the user data folder from package.json's name before this file runs; set it from the
// product's name instead, so dev and packaged builds share one folder. Tests (and analysts who keep
// several set-ups) choose their own through WORKBENCH_USER_DATA.
const userDataOverride = process.env.WORKBENCH_USER_DATA?.trim() ?? '';
app.setPath(
  'userData',
  userDataOverride === '' ? path.join(app.getPath('appData'), APP_NAME) : path.resolve(userDataOverride),
);

// Must happen before `ready`: a standard, secure scheme gets an origin of its own, fetch and code caching.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);

const stateStore = new WindowStateStore(path.join(app.getPath('userData'), 'window-state.json'));
const parserPool = new ParserPool({ workerUrl: new URL('./parseWorker.js', import.meta.url) });
let mainWindow: BrowserWindow | null = null;
let isQuitting = false;

/** Sends an event of the contract to every window. */
function broadcast(event: WorkbenchEvent): void {
  for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, event);
}

function sendCommand(command: EventPayload<'app:command'>['command']): void {
  broadcast({ name: 'app:command', payload: { command } });
}

/** A message box on the main window when there is one (modal to it), free-standing otherwise. */
function showMessage(options: MessageBoxOptions) {
  return mainWindow === null ? dialog.showMessageBox(options) : dialog.showMessageBox(mainWindow, options);
}

function showOpenDialog(options: OpenDialogOptions) {
  return mainWindow === null ? dialog.showOpenDialog(options) : dialog.showOpenDialog(mainWindow, options);
}

async function showError(message: string, error: unknown): Promise<void> {
  const info = toErrorInfo(error);
  await showMessage({ type: 'error', message, detail: `${info.message} (${info.code})` });
}

async function chooseReportPath(suggestedFileName: string): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: 'Export report',
    defaultPath: path.join(app.getPath('documents'), suggestedFileName),
    filters: [{ name: 'Markdown', extensions: ['md'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const result = await (mainWindow === null
    ? dialog.showSaveDialog(options)
    : dialog.showSaveDialog(mainWindow, options));
  return result.canceled || result.filePath === '' ? null : result.filePath;
}

async function openApp(dir: string, create: boolean): Promise<OpenedLibrary> {
  const { library } = await openLibrary(dir, { mode: 'write', create });
  try {
    const workbench = createApp({
      library,
      emit: broadcast,
      acceptsPaths: true,
      parserPool,
      chooseReportPath,
    });
    return { library, workbench };
  } catch (error) {
    await library.close();
    throw error;
  }
}

const host = new LibraryHost({ openApp: (dir, { create }) => openApp(dir, create), emit: broadcast });

async function readFolder(dir: string): Promise<string[] | null> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Switches the window to the library in `dir`; on failure the current library stays and the analyst is told. */
async function switchLibrary(dir: string): Promise<void> {
  try {
    if (await host.switchTo(dir, { create: true })) await stateStore.update({ lastLibrary: dir });
  } catch (error) {
    await showError('The library cannot be opened', error);
  }
}

async function newLibrary(): Promise<void> {
  const { canceled, filePaths } = await showOpenDialog({
    title: 'New library',
    buttonLabel: 'Create library',
    message: 'Choose or create an empty folder for the new library.',
    properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
  });
  const [dir] = filePaths;
  if (canceled || dir === undefined) return;
  const kind = classifyFolder(await readFolder(dir));
  if (kind === 'other') {
    await showMessage({
      type: 'warning',
      message: 'Choose an empty folder',
      detail: `${dir} already holds other files. A new library needs a folder of its own.`,
    });
    return;
  }
  await switchLibrary(dir);
}

async function openLibraryFolder(): Promise<void> {
  const { canceled, filePaths } = await showOpenDialog({
    title: 'Open library',
    buttonLabel: 'Open library',
    properties: ['openDirectory'],
  });
  const [dir] = filePaths;
  if (canceled || dir === undefined) return;
  const kind = classifyFolder(await readFolder(dir));
  if (kind === 'other' || kind === 'missing') {
    await showMessage({
      type: 'warning',
      message: 'This folder is not a library',
      detail: `${dir} holds no Article Workbench library. To start one, use File ▸ New library… with an empty folder.`,
    });
    return;
  }
  await switchLibrary(dir);
}

async function importFromDialog(kind: 'files' | 'folder'): Promise<void> {
  // Windows and Linux dialogs pick either files or folders, hence a second menu item there.
  const properties: OpenDialogOptions['properties'] =
    process.platform === 'darwin'
      ? ['openFile', 'openDirectory', 'multiSelections']
      : [kind === 'files' ? 'openFile' : 'openDirectory', 'multiSelections'];
  const { canceled, filePaths } = await showOpenDialog({
    title: 'Import articles',
    buttonLabel: 'Import',
    properties,
  });
  if (canceled || filePaths.length === 0) return;
  try {
    await host.importPaths(filePaths, 'menu');
  } catch (error) {
    await showError('The files cannot be imported', error);
  }
}

function report(promise: Promise<unknown>): void {
  promise.catch((error: unknown) => {
    console.error(error);
  });
}

function installMenu(): void {
  const template = buildMenuTemplate(
    {
      importFiles: () => {
        report(importFromDialog('files'));
      },
      importFolder: () => {
        report(importFromDialog('folder'));
      },
      exportReport: () => {
        sendCommand('exportReport');
      },
      newLibrary: () => {
        report(newLibrary());
      },
      openLibrary: () => {
        report(openLibraryFolder());
      },
      showLibraryFolder: () => {
        const dir = host.current?.library.dir;
        if (dir !== undefined) {
          report(
            shell.openPath(dir).then((problem) => {
              if (problem !== '') console.error(`Could not show ${dir}: ${problem}`);
            }),
          );
        }
      },
      find: () => {
        sendCommand('find');
      },
      showTrash: () => {
        sendCommand('showTrash');
      },
      about: () => {
        report(
          showMessage({
            type: 'info',
            title: `About ${APP_NAME}`,
            message: APP_NAME,
            detail: aboutDetail({ appName: APP_NAME, version: app.getVersion(), versions: process.versions }),
          }),
        );
      },
    },
    {
      platform: process.platform,
      isPackaged: app.isPackaged,
      isDev: origin.devServerUrl !== undefined,
      appName: APP_NAME,
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Remembers where the window is; its normal bounds, so un-maximising next time returns there. */
function rememberWindow(window: BrowserWindow): Promise<void> {
  if (window.isDestroyed()) return Promise.resolve();
  return stateStore.update({ bounds: window.getNormalBounds(), isMaximized: window.isMaximized() });
}

function createMainWindow(): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)].map(
    (display) => display.workArea,
  );
  const remembered = stateStore.state.bounds;
  const window = new BrowserWindow(
    createWindowOptions({
      preloadFile,
      platform: process.platform,
      bounds: remembered === undefined ? undefined : clampBounds(remembered, workAreas),
    }),
  );
  mainWindow = window;
  if (stateStore.state.isMaximized) window.maximize();
  window.once('ready-to-show', () => {
    window.show();
  });

  let timer: NodeJS.Timeout | undefined;
  const rememberSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      report(rememberWindow(window));
    }, 500);
  };
  window.on('resize', rememberSoon);
  window.on('move', rememberSoon);
  window.on('maximize', rememberSoon);
  window.on('unmaximize', rememberSoon);
  window.on('close', () => {
    clearTimeout(timer);
    if (!isQuitting) report(rememberWindow(window));
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });

  window.loadURL(entryUrl(origin)).catch((error: unknown) => {
    console.error('Could not load the window content:', error);
  });
  return window;
}

/** The first time the app starts on an empty default library, it offers the sample article. */
async function offerSample(window: BrowserWindow): Promise<void> {
  const sample = path.join(
    resolveResourcesDir({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      mainDir: import.meta.dirname,
    }),
    SAMPLE_ARTICLE,
  );
  if (!existsSync(sample)) {
    console.error(`The sample article is missing: ${sample}`);
    return;
  }
  const { response } = await dialog.showMessageBox(window, {
    type: 'question',
    buttons: ['Open the sample article', 'Start with an empty library'],
    defaultId: 0,
    cancelId: 1,
    message: `Welcome to ${APP_NAME}`,
    detail:
      'Your library is empty. Open a sample article (a French news report) to try reading it beside your translation and writing a memo?',
  });
  if (response !== 0) return;
  try {
    await host.importPaths([sample], 'sample');
  } catch (error) {
    await showError('The sample article cannot be imported', error);
  }
}

/** Opens the library of the last run (or the default one), falling back to the default when it is gone. */
async function openStartLibrary(lastLibrary: string | undefined): Promise<{ isDefault: boolean }> {
  const isOverridden = (process.env.WORKBENCH_LIBRARY ?? '').trim() !== '';
  const fallback = defaultLibraryDir();
  if (!isOverridden && lastLibrary !== undefined && path.resolve(lastLibrary) !== fallback) {
    try {
      // A remembered library that is gone (an unplugged disk) must not be silently recreated empty.
      await host.switchTo(lastLibrary, { create: false });
      return { isDefault: false };
    } catch (error) {
      await showError(`The last library cannot be opened; opening the default library instead`, error);
    }
  }
  await host.switchTo(fallback, { create: true });
  return { isDefault: !isOverridden };
}

async function start(): Promise<void> {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  hardenSession(session.defaultSession, {
    isAppUrl: isAppPage,
    isAppOrigin: (candidate) => isAppOrigin(candidate, origin),
    isAllowedRequest: (url) => isAllowedRequest(url, origin),
    onBlocked: (url) => {
      console.warn(`Blocked a request that is not the app's own: ${url.slice(0, 200)}`);
    },
  });
  const loaded = await stateStore.load();
  if (loaded.problem !== null) console.warn(`Starting with default window settings: ${loaded.problem}`);
  const { isDefault } = await openStartLibrary(loaded.state.lastLibrary);
  registerIpcHandlers({
    ipc: ipcMain,
    handlers: () => host.current?.workbench.handlers ?? null,
    isAppUrl: isAppPage,
  });
  installMenu();
  const window = createMainWindow();
  // The state file marks the first run as done, whatever the analyst answers below.
  if (!loaded.existed) await stateStore.update({});
  const articleCount = host.current?.library.size ?? 0;
  if (shouldOfferSample({ isFirstRun: !loaded.existed, isDefaultLibrary: isDefault, articleCount })) {
    // Asked once the page is up, so that it hears the import's progress and shows the article.
    window.webContents.once('did-finish-load', () => {
      report(offerSample(window));
    });
  }
}

function focusMainWindow(): void {
  if (mainWindow === null) {
    if (host.current !== null) createMainWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

// One app per user data folder: two would fight over the library's lock and the remembered state.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Forces the sandbox on every renderer, including any created later by mistake without webPreferences.
  app.enableSandbox();

  // Applied to every web contents, not only the main window, so no future window escapes the rules.
  app.on('web-contents-created', (_event, contents) => {
    hardenContents(contents, {
      isAppUrl: isAppPage,
      externalLinks: {
        confirm: async (url) => {
          const { response } = await showMessage({
            type: 'question',
            buttons: ['Open in browser', 'Cancel'],
            defaultId: 1,
            cancelId: 1,
            message: 'Open this link in your web browser?',
            detail: `${url}\n\nThe page loads from the internet, outside ${APP_NAME}.`,
          });
          return response === 0;
        },
        open: (url) => shell.openExternal(url),
      },
    });
  });

  app.on('second-instance', focusMainWindow);

  app.on('window-all-closed', () => {
    // macOS apps stay running without windows until the user quits them.
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && host.current !== null) createMainWindow();
  });

  // Saves in flight (the last keystrokes of a closing window) finish and the lock is released before exit.
  app.on('before-quit', (event) => {
    if (isQuitting) return;
    isQuitting = true;
    event.preventDefault();
    const window = mainWindow;
    const closing = [window === null ? stateStore.idle() : rememberWindow(window), host.close()];
    void Promise.allSettled(closing)
      .then((results) => {
        for (const result of results) {
          if (result.status === 'rejected') console.error('Could not close cleanly:', result.reason);
        }
      })
      .finally(() => {
        app.quit();
      });
  });

  app.once('will-quit', () => {
    void parserPool.close();
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const { code, message } = toErrorInfo(error);
      dialog.showErrorBox(`${APP_NAME} cannot start`, `${message} (${code})`);
      app.exit(1);
    });
}
