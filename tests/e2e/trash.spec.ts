import { expect, sharedFile, test } from './fixtures.ts';

const SEED = sharedFile('fixtures', 'press-tv-fr-al-omar-al-tanf.txt');
const ARABIC = sharedFile('corpus', 'multilingual-encoding-samples', 'uchardet', 'ar', 'utf-8.txt');
const TITLE = /^Syrie: attaque/u;

test('move to the trash, restore, and empty the trash only after saying yes', async ({ workbench, page }) => {
  await workbench.importFiles([SEED, ARABIC]);
  await workbench.openArticle(TITLE);
  await workbench.translation(3).fill('Typed just before the article goes to the trash');

  // The open article goes to the trash: it leaves the list, the reader closes quietly, Undo is offered.
  await page.getByRole('button', { name: 'Move to trash' }).click();
  await expect(workbench.libraryEntry(TITLE)).toHaveCount(0);
  await expect(workbench.original).toBeHidden();
  await expect(page.getByText('Moved 1 article to the trash')).toBeVisible();
  await expect(page.getByText(/^Not saved/u)).toHaveCount(0);

  // Restored from the trash view, it is back, with what was typed.
  const trash = await workbench.openTrash();
  await expect(trash.getByRole('listitem')).toHaveCount(1);
  await expect(trash.getByRole('listitem')).toContainText('Syrie: attaque');
  await trash.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByText('The trash is empty', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Back to library' }).click();
  await workbench.openArticle(TITLE);
  await expect(workbench.translation(3)).toHaveValue('Typed just before the article goes to the trash');

  // The Delete key in the list trashes the selection; Undo in the status bar brings it back.
  await workbench.libraryEntry(TITLE).click();
  await page.keyboard.press('Delete');
  await expect(workbench.libraryEntry(TITLE)).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(workbench.libraryEntry(TITLE)).toHaveCount(1);

  // Two at once, selected with Ctrl/Cmd-click, then emptied for good after the question.
  await workbench.libraryEntry(TITLE).click();
  await workbench.libraryEntry(/utf-8\.txt/u).click({ modifiers: ['ControlOrMeta'] });
  await expect(workbench.library.getByRole('option', { selected: true })).toHaveCount(2);
  await expect(page.getByText('2 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Move to trash' }).click();
  await expect(workbench.library.getByRole('option')).toHaveCount(0);
  await workbench.openTrash();
  await page.getByRole('button', { name: 'Empty trash' }).click();
  const question = page.getByRole('alertdialog', { name: 'Empty trash?' });
  await expect(question).toContainText('2 articles will be deleted for good');
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toBeHidden();
  await expect(page.getByRole('list', { name: 'Trash' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Empty trash' }).click();
  await question.getByRole('button', { name: 'Delete 2 articles for good' }).click();
  await expect(page.getByText(/The trash is empty/u)).toBeVisible();
  await expect(page.getByText('Deleted 2 articles for good')).toBeVisible();
});
