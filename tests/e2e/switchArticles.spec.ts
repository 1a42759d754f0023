import { expect, sharedFile, test } from './fixtures.ts';

const SEED = sharedFile('fixtures', 'press-tv-fr-al-omar-al-tanf.txt');
const ARABIC = sharedFile('corpus', 'multilingual-encoding-samples', 'uchardet', 'ar', 'utf-8.txt');

test('switching articles while typing loses nothing', async ({ workbench, shell, page }) => {
  await workbench.importFiles([SEED, ARABIC]);
  await workbench.openArticle(/^Syrie: attaque/u);

  // Type and switch at once, well inside the autosave delay, several times over.
  await workbench.translation(4).pressSequentially('Second caption, first words');
  await workbench.openArticle(/utf-8\.txt/u);
  await workbench.translation(1).pressSequentially('Arabic block one');
  await workbench.memo.click();
  await page.keyboard.type('Memo of the Arabic text');
  await workbench.openArticle(/^Syrie: attaque/u);
  await expect(workbench.translation(4)).toHaveValue('Second caption, first words');
  // Focusing a textarea puts the caret at its start; the analyst goes on at the end.
  await workbench.translation(4).click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(', then more');
  await workbench.memo.click();
  await page.keyboard.type('Memo of the French text');
  await workbench.openArticle(/utf-8\.txt/u);
  await expect(workbench.translation(1)).toHaveValue('Arabic block one');
  await expect(workbench.memo).toContainText('Memo of the Arabic text');
  await workbench.openArticle(/^Syrie: attaque/u);
  await expect(workbench.translation(4)).toHaveValue('Second caption, first words, then more');
  await expect(workbench.memo).toContainText('Memo of the French text');
  await workbench.expectSaved();

  const french = await shell.articleIdOf('press-tv-fr-al-omar-al-tanf.txt');
  const arabic = await shell.articleIdOf('utf-8.txt');
  const frenchNotes = JSON.stringify(await shell.readArticleFile(french, 'notes.json'));
  const arabicNotes = JSON.stringify(await shell.readArticleFile(arabic, 'notes.json'));
  expect(frenchNotes).toContain('Second caption, first words, then more');
  expect(arabicNotes).toContain('Arabic block one');
  expect(JSON.stringify(await shell.readArticleFile(french, 'memo.json'))).toContain(
    'Memo of the French text',
  );
  expect(JSON.stringify(await shell.readArticleFile(arabic, 'memo.json'))).toContain(
    'Memo of the Arabic text',
  );
});
