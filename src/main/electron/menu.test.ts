import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutDetail, buildMenuTemplate, type MenuActions, type MenuContext } from './menu.ts';

function actions(): MenuActions {
  return {
    importFiles: vi.fn(),
    importFolder: vi.fn(),
    exportReport: vi.fn(),
    newLibrary: vi.fn(),
    openLibrary: vi.fn(),
    showLibraryFolder: vi.fn(),
    find: vi.fn(),
    showTrash: vi.fn(),
    about: vi.fn(),
  };
}

const LINUX: MenuContext = {
  platform: 'linux',
  isPackaged: true,
  isDev: false,
  appName: 'Article Workbench',
};
const MAC: MenuContext = { ...LINUX, platform: 'darwin' };

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function menu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const found = template.find((item) => item.label === label || item.role === label);
  return (found?.submenu ?? []) as MenuItemConstructorOptions[];
}

const labels = (list: MenuItemConstructorOptions[]) =>
  list.map((item) => item.label ?? item.role ?? item.type);

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help on Linux and Windows, with Quit in File', () => {
    const template = buildMenuTemplate(actions(), LINUX);
    expect(labels(template)).toEqual(['&File', '&Edit', '&View', 'help']);
    expect(labels(menu(template, '&File'))).toEqual([
      'Import…',
      'Import folder…',
      'Export report…',
      'separator',
      'New library…',
      'Open library…',
      'Show library folder',
      'separator',
      'quit',
    ]);
  });

  it('follows macOS conventions: the app menu (About, Quit) and a Window menu', () => {
    const template = buildMenuTemplate(actions(), MAC);
    expect(labels(template)).toEqual(['Article Workbench', '&File', '&Edit', '&View', 'windowMenu', 'help']);
    expect(labels(menu(template, '&File'))).not.toContain('quit');
    // A macOS open dialog picks files and folders together.
    expect(labels(menu(template, '&File'))).not.toContain('Import folder…');
    expect(labels(menu(template, 'Article Workbench'))).toContain('About Article Workbench');
  });

  it('offers DevTools only when not packaged, and Reload only in dev', () => {
    const packaged = labels(menu(buildMenuTemplate(actions(), LINUX), '&View'));
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).not.toContain('reload');
    expect(packaged).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
    const built = labels(menu(buildMenuTemplate(actions(), { ...LINUX, isPackaged: false }), '&View'));
    expect(built).toContain('toggleDevTools');
    expect(built).not.toContain('reload');
    const dev = labels(
      menu(buildMenuTemplate(actions(), { ...LINUX, isPackaged: false, isDev: true }), '&View'),
    );
    expect(dev).toContain('reload');
  });

  it('wires each item to its action', () => {
    const wired = actions();
    const all = items(buildMenuTemplate(wired, LINUX));
    const click = (label: string) => {
      const item = all.find((candidate) => candidate.label === label);
      expect(item, label).toBeDefined();
      (item!.click as () => void)();
    };
    click('Import…');
    click('Import folder…');
    click('Export report…');
    click('New library…');
    click('Open library…');
    click('Show library folder');
    click('Find…');
    click('Trash');
    click('About Article Workbench');
    for (const action of Object.values(wired)) expect(action).toHaveBeenCalledTimes(1);
  });

  it('has unique accelerators that leave the memo’s editing keys alone', () => {
    const accelerators = items(buildMenuTemplate(actions(), LINUX))
      .map((item) => item.accelerator)
      .filter((accelerator): accelerator is string => typeof accelerator === 'string');
    expect(new Set(accelerators).size).toBe(accelerators.length);
    expect(accelerators).toContain('CmdOrCtrl+F');
    // Tiptap's StarterKit and Link shortcuts (Mod = CmdOrCtrl), which a menu accelerator would swallow.
    const memoKeys = [
      'B',
      'I',
      'U',
      'E',
      'K',
      'Z',
      'Y',
      'Shift+S',
      'Shift+B',
      'Shift+7',
      'Shift+8',
      'Shift+Z',
      'Alt+C',
    ];
    for (const key of memoKeys) expect(accelerators).not.toContain(`CmdOrCtrl+${key}`);
  });
});

describe('aboutDetail', () => {
  it('names the version and what it runs on', () => {
    const text = aboutDetail({
      appName: 'Article Workbench',
      version: '0.1.0',
      versions: { electron: '45.4.1', chrome: '142.0', node: '24.1.0' },
    });
    expect(text).toContain('Version 0.1.0');
    expect(text).toContain('Electron 45.4.1');
  });
});
