import path from 'node:path';
import { expect, sharedFile, test } from './fixtures.ts';

const SEED = sharedFile('fixtures', 'press-tv-fr-al-omar-al-tanf.txt');
const RUSSIAN = path.resolve(import.meta.dirname, '..', 'fixtures', 'search', 'ru-vesti-deir-ez-zor.txt');
const HEADLINE = "Syrie: attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US";
const NOTE = 'Kataib Hezbollah claimed the drones on Telegram.';

test('find a word however it is typed, open its article at the block, tag it, collect it, filter by both, find a note', async ({
  workbench,
  page,
}, testInfo) => {
  await workbench.importFiles([SEED, RUSSIAN]);
  await expect(workbench.libraryEntry(HEADLINE)).toBeVisible();
  await workbench.openArticle(/Дейр-эз-Зор/u);

  // Ctrl/Cmd+K reaches the field from anywhere; `ain al-assad` finds "Aïn al-Assad", marked in its snippet.
  await workbench.original.click();
  await page.keyboard.press('ControlOrMeta+k');
  await expect(workbench.searchField).toBeFocused();
  const results = await workbench.search('ain al-assad');
  const hit = results.getByRole('option', { name: HEADLINE });
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(hit.locator('mark', { hasText: /Aïn/u }).first()).toBeVisible();
  await expect(page.getByText('1 article', { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('search-results.png') });

  // Enter opens the hit at its block, highlighted.
  await workbench.searchField.press('Enter');
  await expect(workbench.original.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
  await expect(workbench.original.getByText(/base d'Aïn al-Assad/u)).toHaveClass(/is-highlighted/u);

  // Escape in the field ends the search: the library is back.
  await workbench.searchField.focus();
  await workbench.searchField.press('Escape');
  await expect(workbench.searchField).toHaveValue('');
  await expect(workbench.library).toBeVisible();

  // A tag added in the article's details shows in its library row and filters the library.
  const details = await workbench.openDetails();
  const tags = details.getByRole('combobox', { name: 'Tags', exact: true });
  await tags.fill('Deir ez-Zor');
  await tags.press('Enter');
  await expect(details.getByRole('button', { name: 'Remove tag Deir ez-Zor' })).toBeVisible();
  await workbench.expectSaved();
  await expect(workbench.libraryEntry(HEADLINE)).toContainText('Deir ez-Zor');
  await page.screenshot({ path: testInfo.outputPath('tags.png') });
  const tagFilter = page.getByRole('combobox', { name: 'Tag', exact: true });
  await tagFilter.selectOption('Deir ez-Zor');
  await expect(workbench.library.getByRole('option')).toHaveCount(1);
  await expect(workbench.libraryEntry(HEADLINE)).toBeVisible();
  await tagFilter.selectOption('');
  await expect(workbench.library.getByRole('option')).toHaveCount(2);

  // A collection started from the open article becomes a library filter too.
  const newCollection = details.getByRole('textbox', { name: 'New collection with this article' });
  await newCollection.fill('Case Al-Tanf');
  await newCollection.press('Enter');
  await expect(details.getByRole('checkbox', { name: 'Case Al-Tanf' })).toBeChecked();
  const collectionFilter = page.getByRole('combobox', { name: 'Collection', exact: true });
  await collectionFilter.selectOption({ label: 'Case Al-Tanf (1)' });
  await expect(workbench.library.getByRole('option')).toHaveCount(1);
  await collectionFilter.selectOption('');
  await expect(workbench.library.getByRole('option')).toHaveCount(2);

  // Cyrillic is found as it is written.
  const russian = await workbench.search('сирены');
  await expect(russian.getByRole('option', { name: /Дейр-эз-Зор/u }).locator('mark')).toHaveText([
    /сирены/iu,
  ]);
  await workbench.searchField.press('Escape');

  // A translation note is found by a word from it, and opens at its block.
  await workbench.note(6).fill(NOTE);
  await workbench.expectSaved();
  await workbench.openArticle(/Дейр-эз-Зор/u);
  const noteHits = await workbench.search('telegram');
  const noteHit = noteHits.getByRole('option', { name: HEADLINE });
  await expect(noteHit).toContainText('Note');
  await expect(noteHit.locator('mark', { hasText: /Telegram/iu })).toBeVisible();
  await workbench.searchField.press('Enter');
  await expect(workbench.note(6)).toHaveValue(NOTE);
  await expect(workbench.original.locator('#block-6')).toHaveClass(/is-highlighted/u);
});
