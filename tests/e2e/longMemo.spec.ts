import { expect, sharedFile, test } from './fixtures.ts';

const SEED = sharedFile('fixtures', 'press-tv-fr-al-omar-al-tanf.txt');

/** About 80 KB of memo in paragraphs, as an analyst might paste notes gathered elsewhere. */
const PASTED = Array.from({ length: 160 }, (_, index) =>
  `${String(index + 1)}. The outlet relays the claim without a source of its own; the photo is from another story. `.repeat(
    5,
  ),
).join('\n\n');

test('the last words typed in a long memo survive closing the page within the autosave delay', async ({
  workbench,
  shell,
  page,
}) => {
  await workbench.importFiles([SEED]);
  await workbench.openArticle(/^Syrie: attaque/u);
  await workbench.memo.click();
  // A paste, as the editor receives it from the clipboard.
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(PASTED)});
    document.querySelector('[aria-label="Analyst memo"]')
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
  await workbench.expectSaved();
  const id = await shell.articleIdOf('press-tv-fr-al-omar-al-tanf.txt');
  expect(JSON.stringify(await shell.readArticleFile(id, 'memo.json')).length).toBeGreaterThan(70_000);

  // Typed, then the page goes at once: the save that leaves with it must fit what a closing page
  // may still send (64 KB), which the whole memo no longer does.
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Last words before closing.');
  await page.reload();

  await workbench.openArticle(/^Syrie: attaque/u);
  // Polled as a yes or no: a failure would otherwise print the whole 80 KB memo.
  const shown = async (text: string) => (await workbench.memo.textContent())?.includes(text) ?? false;
  await expect.poll(() => shown('160. The outlet relays the claim')).toBe(true);
  await expect.poll(() => shown('Last words before closing.')).toBe(true);
  const onDisk = JSON.stringify(await shell.readArticleFile(id, 'memo.json'));
  expect(onDisk.includes('Last words before closing.')).toBe(true);
});
