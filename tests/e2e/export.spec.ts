import { expect, sharedFile, test } from './fixtures.ts';

const SEED = sharedFile('fixtures', 'press-tv-fr-al-omar-al-tanf.txt');
const HEADLINE = "Syrie: attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US";
const QUOTED = 'La Résistance islamique d’Irak a affirmé ce mercredi 1er novembre';
const TRANSLATION = 'US Rep. Ilhan Omar talks with Speaker Nancy Pelosi at a rally (AFP photo)';

test('export the seed’s report from the window: headline, the quote as a footnote, the translation', async ({
  workbench,
  page,
}) => {
  await workbench.importFiles([SEED]);
  await expect(workbench.original).toBeVisible();
  await workbench.translation(3).fill(TRANSLATION);
  await workbench.memo.click();
  await page.keyboard.type('Press TV relays the claim:');
  await workbench.quote(QUOTED);
  await expect(workbench.memo.locator('blockquote')).toContainText(QUOTED);
  await workbench.expectSaved();

  const { fileName, markdown } = await workbench.exportReport();
  expect(fileName).toMatch(/^Syrie.*\.md$/u);
  expect(markdown).toContain(`# ${HEADLINE}`);
  expect(markdown).toContain('## Memo');
  expect(markdown).toContain('Press TV relays the claim:');
  // The quote in the memo carries a footnote that resolves, with the quoted original in it.
  const reference = /^> .*\[\^([^\]]+)\]$/mu.exec(markdown);
  expect(reference, 'a quoted line ending with a footnote reference').not.toBeNull();
  const footnote = new RegExp(`^\\[\\^${reference?.[1] ?? ''}\\]: (.*)$`, 'mu').exec(markdown);
  expect(footnote?.[1]).toContain(QUOTED);
  expect(markdown).toContain('## Translation notes');
  expect(markdown).toContain(TRANSLATION);
  expect(markdown).toContain('## Original text');
  // Where it was saved is said in the status bar.
  await expect(page.getByText(`downloaded as ${fileName}`)).toBeVisible();
});

test('the report’s options are remembered across a reload, and shape the next report', async ({
  workbench,
  page,
}) => {
  await workbench.importFiles([SEED]);
  await expect(workbench.original).toBeVisible();
  await workbench.translation(3).fill(TRANSLATION);
  await workbench.expectSaved();

  const { markdown } = await workbench.exportReport(async (dialog) => {
    await dialog.getByRole('checkbox', { name: 'Include original text' }).uncheck();
    await dialog.getByRole('radio', { name: 'Inline' }).check();
  });
  expect(markdown).toContain(`# ${HEADLINE}`);
  expect(markdown).not.toContain('## Original text');
  expect(markdown).toContain(TRANSLATION);

  await page.reload();
  await expect(workbench.original).toBeVisible();
  const dialog = await workbench.openExportDialog();
  await expect(dialog.getByRole('checkbox', { name: 'Include original text' })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Include translation notes' })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'Inline' })).toBeChecked();
  // Every scope is offered; the open article is the one chosen.
  await expect(dialog.getByRole('radio', { name: /^This article: Syrie/u })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: 'All articles (1)' })).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
