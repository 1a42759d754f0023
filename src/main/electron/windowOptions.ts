import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { Bounds } from './windowState.ts';

/**
 * The web preferences of every window the app opens: Electron's security checklist, spelled out
 * even where it is the default so that a default changing in a future Electron cannot weaken it.
 * Spell checking stays off on Linux and Windows, where Chromium downloads its dictionaries from
 * Google's servers; macOS uses the system's own checker, which stays on the machine.
 */
export function createWebPreferences(preloadFile: string, platform: NodeJS.Platform): WebPreferences {
  return {
    preload: preloadFile,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: platform === 'darwin',
  };
}

/** The preferences that must hold, for the check below and its test. */
export const REQUIRED_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  webSecurity: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
} as const satisfies Partial<WebPreferences>;

/**
 * The names of the required preferences that `preferences` does not set to their safe value, as
 * Electron reports a web contents' effective preferences (`getLastWebPreferences`). Empty means hardened.
 */
export function findWeakPreferences(preferences: Partial<WebPreferences> | null): string[] {
  if (preferences === null) return Object.keys(REQUIRED_PREFERENCES);
  return Object.entries(REQUIRED_PREFERENCES)
    .filter(([key, value]) => preferences[key as keyof WebPreferences] !== value)
    .map(([key]) => key);
}

export type WindowOptionsInput = {
  preloadFile: string;
  platform: NodeJS.Platform;
  /** Where the window was last, already checked against the displays; undefined centres a default size. */
  bounds?: Bounds | undefined;
};

/** The main window's options: its remembered place, a usable minimum, and the hardened preferences. */
export function createWindowOptions({
  preloadFile,
  platform,
  bounds,
}: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...(bounds ?? { width: 1280, height: 820 }),
    minWidth: 720,
    minHeight: 480,
    // Shown once painted, so there is no white flash before the first render.
    show: false,
    title: 'Article Workbench',
    webPreferences: createWebPreferences(preloadFile, platform),
  };
}
