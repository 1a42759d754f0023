import { describe, expect, it } from 'vitest';
import {
  createWebPreferences,
  createWindowOptions,
  findWeakPreferences,
  REQUIRED_PREFERENCES,
} from './windowOptions.ts';

describe('the main window’s effective web preferences', () => {
  const options = createWindowOptions({ preloadFile: '/app/out/preload/index.cjs', platform: 'linux' });
  const preferences = options.webPreferences!;

  it('sandboxes and isolates the page, with web security on', () => {
    expect(preferences.sandbox).toBe(true);
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.webSecurity).toBe(true);
  });

  it('gives the page no Node, no webview, no insecure content, no experimental features', () => {
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.nodeIntegrationInWorker).toBe(false);
    expect(preferences.nodeIntegrationInSubFrames).toBe(false);
    expect(preferences.webviewTag).toBe(false);
    expect(preferences.allowRunningInsecureContent).toBe(false);
    expect(preferences.experimentalFeatures).toBe(false);
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('meets every required preference, and the check notices a weak one', () => {
    expect(findWeakPreferences(preferences)).toEqual([]);
    expect(findWeakPreferences({ ...preferences, sandbox: false, webviewTag: true })).toEqual([
      'sandbox',
      'webviewTag',
    ]);
    // Left unset counts as weak: the app never relies on a default.
    expect(findWeakPreferences({})).toEqual(Object.keys(REQUIRED_PREFERENCES));
    expect(findWeakPreferences(null)).toEqual(Object.keys(REQUIRED_PREFERENCES));
  });

  it('loads the bundled CommonJS preload (an ESM preload cannot run sandboxed)', () => {
    expect(preferences.preload).toBe('/app/out/preload/index.cjs');
  });

  it('keeps spell checking off where Chromium would download dictionaries', () => {
    expect(createWebPreferences('/p.cjs', 'linux').spellcheck).toBe(false);
    expect(createWebPreferences('/p.cjs', 'win32').spellcheck).toBe(false);
    expect(createWebPreferences('/p.cjs', 'darwin').spellcheck).toBe(true);
  });

  it('is the same on every platform apart from spell checking', () => {
    const { spellcheck: _linux, ...linux } = createWebPreferences('/p.cjs', 'linux');
    const { spellcheck: _mac, ...mac } = createWebPreferences('/p.cjs', 'darwin');
    expect(mac).toEqual(linux);
  });
});

describe('createWindowOptions', () => {
  it('opens hidden (shown once painted) at a default size, or where it was', () => {
    const fresh = createWindowOptions({ preloadFile: '/p.cjs', platform: 'linux' });
    expect(fresh).toMatchObject({ width: 1280, height: 820, show: false, title: 'Article Workbench' });
    expect(fresh).not.toHaveProperty('x');
    const placed = createWindowOptions({
      preloadFile: '/p.cjs',
      platform: 'linux',
      bounds: { x: 10, y: 20, width: 900, height: 700 },
    });
    expect(placed).toMatchObject({ x: 10, y: 20, width: 900, height: 700, minWidth: 720, minHeight: 480 });
  });
});
