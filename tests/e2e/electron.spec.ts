import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication } from '@playwright/test';
import { expect, sharedFile, test } from './fixtures.ts';
import { WorkbenchPage } from './pages/WorkbenchPage.ts';

/*
 * The main flow in the real Electron shell: import the seed, read it, translate a block, quit,
 * start again and find the translation. Where the Electron binary is missing (as on the machine
 * that builds this repository: it cannot download it), the spec skips itself.
 */

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const SEED = sharedFile('fixtures', 'press-tv-fr-al-omar-al-tanf.txt');
const HEADLINE = "Syrie: attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US";
const TRANSLATION = 'US Rep. Ilhan Omar talks with Speaker Nancy Pelosi at a rally (AFP photo)';

/**
 * The Electron binary, found the way the `electron` package finds it but without its fallback:
 * `require('electron')` downloads the binary when it is missing, which must not happen in a test.
 */
function findElectronBinary(): { path: string } | { missing: string } {
  const packageDir = path.join(REPO_ROOT, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { missing: `node_modules/electron/path.txt is absent: the Electron binary was never downloaded` };
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const binary =
    override === undefined ? path.join(packageDir, 'dist', relative) : path.join(override, relative);
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    return { missing: `${binary} is missing or not executable` };
  }
  return { path: binary };
}

const electronBinary = findElectronBinary();
const skipReason =
  'path' in electronBinary
    ? null
    : `Electron end-to-end spec skipped: ${electronBinary.missing}. Run \`npx install-electron\` (needs network) to run it.`;

// Said once, by the process that collects the tests (workers have an index), so CI logs show why.
if (skipReason !== null && process.env.TEST_WORKER_INDEX === undefined) console.warn(skipReason);

test.describe('the Electron shell', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  let libraryDir: string;
  let userDataDir: string;

  test.beforeEach(async () => {
    if (!existsSync(path.join(REPO_ROOT, 'out', 'main', 'index.js')))
      throw new Error('The app is not built: run `npm run build` (npm run test:e2e does it).');
    libraryDir = await mkdtemp(path.join(tmpdir(), 'workbench-electron-library-'));
    userDataDir = await mkdtemp(path.join(tmpdir(), 'workbench-electron-user-data-'));
  });

  test.afterEach(async () => {
    await rm(libraryDir, { recursive: true, force: true });
    await rm(userDataDir, { recursive: true, force: true });
  });

  async function launch(): Promise<{ app: ElectronApplication; workbench: WorkbenchPage }> {
    if (!('path' in electronBinary)) throw new Error('unreachable: the spec is skipped');
    const app = await electron.launch({
      executablePath: electronBinary.path,
      args: [REPO_ROOT],
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        WORKBENCH_LIBRARY: libraryDir,
        WORKBENCH_USER_DATA: userDataDir,
        ELECTRON_RENDERER_URL: '',
      },
    });
    const window = await app.firstWindow();
    const workbench = new WorkbenchPage(window);
    await expect(window.getByRole('button', { name: 'Import files' })).toBeVisible();
    return { app, workbench };
  }

  test('import the seed, translate block 3, quit, and find the translation after a restart', async () => {
    const first = await launch();
    try {
      // Served from the app's own scheme, never from a file: or remote URL.
      expect(first.workbench.page.url()).toBe('app://workbench/index.html');
      await first.workbench.importFiles([SEED]);
      await expect(first.workbench.original.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
      await first.workbench.translation(3).fill(TRANSLATION);
      await first.workbench.expectSaved();
    } finally {
      await first.app.close();
    }

    const second = await launch();
    try {
      await second.workbench.openArticle(/Syrie: attaque/u);
      await expect(second.workbench.translation(3)).toHaveValue(TRANSLATION);
    } finally {
      await second.app.close();
    }
  });

  test('the window is locked down: no Node in the page, only the contract on window.workbench', async () => {
    const { app, workbench } = await launch();
    try {
      const exposed = await workbench.page.evaluate(() => ({
        hasRequire: 'require' in globalThis,
        hasProcess: 'process' in globalThis,
        bridge: Object.keys((globalThis as unknown as { workbench: object }).workbench).sort(),
      }));
      expect(exposed).toEqual({
        hasRequire: false,
        hasProcess: false,
        bridge: ['call', 'pathForFile', 'subscribe', 'version'],
      });
      const loadedUrl = await app.evaluate(({ BrowserWindow }) => {
        const [window] = BrowserWindow.getAllWindows();
        return window?.webContents.isDestroyed() === false ? window.webContents.getURL() : null;
      });
      expect(loadedUrl).toBe('app://workbench/index.html');
    } finally {
      await app.close();
    }
  });
});
