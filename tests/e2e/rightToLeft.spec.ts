import { expect, sharedFile, test } from './fixtures.ts';

const ARABIC = sharedFile('corpus', 'multilingual-encoding-samples', 'uchardet', 'ar', 'utf-8.txt');

test('an Arabic article reads right to left, block by block, in the same layout', async ({ workbench }) => {
  await workbench.importFiles([ARABIC]);
  await expect(workbench.original).toBeVisible();
  const blocks = workbench.original.locator('[data-kind]');
  await expect(blocks.first()).toBeVisible();
  const directions = await blocks.evaluateAll((elements) =>
    elements.map((element) => [element.getAttribute('dir'), element.getAttribute('lang')]),
  );
  expect(directions.length).toBeGreaterThan(0);
  for (const [dir, lang] of directions) {
    expect(dir).toBe('rtl');
    expect(lang).toBe('ar');
  }
  // The panes keep their places: the original stays to the left of its notes.
  const originalBox = await workbench.original.boundingBox();
  const notesBox = await workbench.translation(1).boundingBox();
  expect(originalBox!.x).toBeLessThan(notesBox!.x);
});
