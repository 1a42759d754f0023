import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Request } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'hostile');
const PLACEHOLDER = 'http://canary.invalid';

/** Elements that could fetch, run or navigate; the reader renders text only, so none may appear in it. */
const LIVE_ELEMENTS =
  'script, iframe, frame, object, embed, img, picture, video, audio, svg, form, input, link, style, base, meta, a[href]';

test('importing and reading the hostile corpus sends nothing anywhere, runs no script and never navigates', async ({
  workbench,
  shell,
  page,
}, testInfo) => {
  // A canary on another port of the same machine: any reference a hostile file makes points here.
  const canaryRequests: string[] = [];
  const canary = createServer((request, response) => {
    canaryRequests.push(`${request.method ?? '?'} ${request.url ?? '?'}`);
    response.end('canary');
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  const canaryOrigin = `http://127.0.0.1:${String((canary.address() as AddressInfo).port)}`;

  try {
    const shellOrigin = new URL(shell.url).origin;
    const requests: string[] = [];
    const record = (request: Request): void => {
      requests.push(request.url());
    };
    const context = page.context();
    context.on('request', record);
    const pages: string[] = [];
    context.on('page', (opened) => pages.push(opened.url()));
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    const startUrl = page.url();

    const files: string[] = [];
    for (const name of ['hostile-page.html', 'svg-in-html.html', 'hostile-notes.md', 'hostile-drawing.svg']) {
      const text = (await readFile(path.join(FIXTURES, name), 'utf8')).replaceAll(PLACEHOLDER, canaryOrigin);
      const file = testInfo.outputPath(name);
      await writeFile(file, text);
      files.push(file);
    }
    // A name whose right-to-left override makes it read as "report-txt.pdf".
    const bidiName = testInfo.outputPath('report-\u202Efdp.txt');
    await writeFile(bidiName, 'Hostile name: a right-to-left override in the file name.\n\nOrdinary text.\n');
    files.push(bidiName);

    await workbench.importFiles(files);
    const results = page.getByRole('region', { name: 'Import results' });
    await expect(results).toContainText('4 imported, 0 already there, 1 failed');
    await expect(results).toContainText('.svg files are not supported');

    // The hostile page reads as its text; markup the page wrote as characters shows as characters.
    await workbench.openArticle(/Hostile page headline/u);
    await expect(workbench.original.getByRole('heading', { level: 1 })).toHaveText('Hostile page headline');
    await expect(workbench.original).toContainText('The second paragraph has a javascript link, a data link');
    await expect(workbench.original).toContainText(`<img src=x onerror="window.__pwned='escaped markup'">`);
    await expect(workbench.original).toContainText(`<script>window.__pwned='escaped script'</script>`);
    for (const trace of ['SECRET ALT TEXT', 'TYPED FORM VALUE', 'WRITTEN BY SCRIPT', 'canary', 'fetch(']) {
      await expect(workbench.original).not.toContainText(trace);
    }
    await expect(workbench.original.locator(LIVE_ELEMENTS)).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('hostile-page.png') });

    await workbench.openArticle(/A page that is mostly SVG/u);
    await expect(workbench.original).toContainText('The text after the drawing');
    await expect(workbench.original.locator(LIVE_ELEMENTS)).toHaveCount(0);

    await workbench.openArticle(/Hostile Markdown notes/u);
    await expect(workbench.original).toContainText('The last paragraph is plain text.');
    await expect(workbench.original.locator(LIVE_ELEMENTS)).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('hostile-markdown.png') });

    await workbench.openArticle(/Hostile name/u);
    await expect(workbench.original).toContainText('Ordinary text.');

    // Give a meta refresh, a lazy image or a timer the time to fire, then look at what happened.
    await page.waitForTimeout(1_500);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(pages).toEqual([]);
    expect(context.pages()).toHaveLength(1);
    expect(page.url()).toBe(startUrl);
    expect(navigations.filter((url) => url !== startUrl)).toEqual([]);
    expect(canaryRequests).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(`${shellOrigin}/`))).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
  } finally {
    await new Promise<void>((resolve) => {
      canary.close(() => {
        resolve();
      });
    });
  }
});

test('a file name with a right-to-left override is shown escaped, not reordered', async ({
  workbench,
  page,
}, testInfo) => {
  // ImportResults shows names through displayFileName (src/shared), as the error messages do.
  const file = testInfo.outputPath('report-\u202Efdp.txt');
  await writeFile(file, 'Hostile name: a right-to-left override in the file name.\n\nOrdinary text.\n');
  await workbench.importFiles([file]);
  const results = page.getByRole('region', { name: 'Import results' });
  await expect(results).toContainText('1 imported');
  expect(await results.textContent()).not.toContain('\u202E');
});
