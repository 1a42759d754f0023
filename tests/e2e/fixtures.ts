import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { startWebShell } from '../startWebShell.ts';
import { WorkbenchPage } from './pages/WorkbenchPage.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A running web shell on its own temporary library. */
export type WebShell = {
  url: string;
  libraryDir: string;
  /** Reads one JSON file of an article folder, as the analyst's work is stored on disk. */
  readArticleFile: (id: string, name: 'article.json' | 'notes.json' | 'memo.json') => Promise<unknown>;
  /** The id of the article imported from a file of this name. */
  articleIdOf: (originalFileName: string) => Promise<string>;
};

async function startShell(libraryDir: string): Promise<{ process: ChildProcess; url: string }> {
  if (!existsSync(path.join(REPO_ROOT, 'out', 'renderer', 'index.html')))
    throw new Error('The window is not built: run `npm run build` (npm run test:e2e does it).');
  const { child, url } = await startWebShell(libraryDir, { timeoutMs: 20_000 });
  return { process: child, url };
}

export const test = base.extend<{ shell: WebShell; workbench: WorkbenchPage }>({
  // Playwright reads a fixture's dependencies from its destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  shell: async ({}, use) => {
    const libraryDir = await mkdtemp(path.join(tmpdir(), 'workbench-e2e-'));
    const { process: child, url } = await startShell(libraryDir);
    await use({
      url,
      libraryDir,
      readArticleFile: async (id, name) =>
        JSON.parse(await readFile(path.join(libraryDir, 'articles', id, name), 'utf8')) as unknown,
      articleIdOf: async (originalFileName) => {
        for (const id of await readdir(path.join(libraryDir, 'articles'))) {
          const article = JSON.parse(
            await readFile(path.join(libraryDir, 'articles', id, 'article.json'), 'utf8'),
          ) as { originalFileName: string };
          if (article.originalFileName === originalFileName) return id;
        }
        throw new Error(`No article from ${originalFileName} in ${libraryDir}`);
      },
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await rm(libraryDir, { recursive: true, force: true });
  },
  workbench: async ({ page, shell }, use) => {
    const workbench = new WorkbenchPage(page);
    await workbench.open(shell.url);
    await use(workbench);
  },
});

export { expect } from '@playwright/test';

/** Files from ../shared, the test data beside the repository. */
export function sharedFile(...parts: string[]): string {
  return path.resolve(REPO_ROOT, '..', 'shared', ...parts);
}
