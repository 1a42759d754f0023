import type { MenuItemConstructorOptions } from 'electron';

/** What the menu's own items do; the rest are Electron roles. */
export type MenuActions = {
  importFiles: () => void;
  /** Windows and Linux dialogs pick files or folders, not both: folders get their own item there. */
  importFolder: () => void;
  exportReport: () => void;
  newLibrary: () => void;
  openLibrary: () => void;
  showLibraryFolder: () => void;
  find: () => void;
  showTrash: () => void;
  about: () => void;
};

export type MenuContext = {
  platform: NodeJS.Platform;
  /** A packaged build has no DevTools item. */
  isPackaged: boolean;
  /** Running under `electron-vite dev`: Reload is offered (a built app's page never needs it). */
  isDev: boolean;
  appName: string;
};

/*
 * Accelerators stay clear of the memo's editing keys (Tiptap: Mod-B/I/U/E/K, Mod-Shift-S/B/7/8,
 * Mod-Alt-C…), because a menu accelerator wins over the page's own key handling.
 */

/**
 * The application menu: File (import, export, libraries), Edit (roles), View (zoom, full screen,
 * reload in dev, DevTools unless packaged), Window on macOS, Help (About). Every command of the
 * app has a shortcut here, and the renderer carries out those that are its own (Find, Trash,
 * Export) when it hears the `app:command` event.
 */
export function buildMenuTemplate(actions: MenuActions, context: MenuContext): MenuItemConstructorOptions[] {
  const isMac = context.platform === 'darwin';
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions = {
    label: context.appName,
    submenu: [
      { label: `About ${context.appName}`, click: actions.about },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: actions.importFiles },
      ...(isMac
        ? []
        : [
            {
              label: 'Import folder…',
              accelerator: 'CmdOrCtrl+Alt+O',
              click: actions.importFolder,
            } satisfies MenuItemConstructorOptions,
          ]),
      { label: 'Export report…', accelerator: 'CmdOrCtrl+Shift+E', click: actions.exportReport },
      separator,
      { label: 'New library…', accelerator: 'CmdOrCtrl+Shift+N', click: actions.newLibrary },
      { label: 'Open library…', accelerator: 'CmdOrCtrl+Shift+O', click: actions.openLibrary },
      { label: 'Show library folder', click: actions.showLibraryFolder },
      ...(isMac ? [] : [separator, { role: 'quit' } satisfies MenuItemConstructorOptions]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      { role: 'selectAll' },
      separator,
      { label: 'Find…', accelerator: 'CmdOrCtrl+F', click: actions.find },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { label: 'Trash', accelerator: 'CmdOrCtrl+Shift+T', click: actions.showTrash },
      separator,
      ...(context.isDev ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, separator] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(context.isPackaged ? [] : [separator, { role: 'toggleDevTools' } as const]),
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: isMac ? [] : [{ label: `About ${context.appName}`, click: actions.about }],
  };

  return [
    ...(isMac ? [appMenu] : []),
    file,
    edit,
    view,
    ...(isMac ? [{ role: 'windowMenu' } satisfies MenuItemConstructorOptions] : []),
    help,
  ];
}

export type AboutInfo = {
  appName: string;
  version: string;
  versions: { electron?: string | undefined; chrome?: string | undefined; node?: string | undefined };
};

/** The About box's text: the version an analyst quotes in a bug report, and what it runs on. */
export function aboutDetail({ version, versions }: AboutInfo): string {
  return [
    `Version ${version}`,
    `Electron ${versions.electron ?? '?'} · Chromium ${versions.chrome ?? '?'} · Node ${versions.node ?? '?'}`,
    '',
    'Works offline: articles, notes and memos stay in your library folder on this computer.',
  ].join('\n');
}
