import path from 'node:path';
import { expect, sharedFile, test } from './fixtures.ts';

const SEED = sharedFile('fixtures', 'press-tv-fr-al-omar-al-tanf.txt');
const HEADLINE = "Syrie: attaque contre les bases d’al-Omar et d'Al-Tanf de l'occupation US";
const QUOTED = 'La Résistance islamique d’Irak a affirmé ce mercredi 1er novembre';
const TRANSLATION = 'US Rep. Ilhan Omar talks with Speaker Nancy Pelosi at a rally (AFP photo)';
const NOTE = 'Stock photo: unrelated to the attacks.';

type MemoNode = {
  type: string;
  text?: string;
  marks?: { type: string }[];
  attrs?: Record<string, unknown>;
  content?: MemoNode[];
};

function nodes(node: MemoNode): MemoNode[] {
  return [node, ...(node.content ?? []).flatMap(nodes)];
}

test('import the seed, read it by block kind, annotate it, write a memo, and find it all again after a reload and on disk', async ({
  workbench,
  shell,
  page,
}, testInfo) => {
  await workbench.importFiles([SEED]);
  await expect(page.getByRole('region', { name: 'Import results' })).toContainText('1 imported');
  await expect(workbench.original).toBeVisible();

  // The headline is the page's main heading; both captions and the body carry their kinds.
  await expect(workbench.original.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
  const kinds = await workbench.original
    .locator('[data-kind]')
    .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-kind')));
  expect(kinds.slice(0, 4)).toEqual(['crumb', 'headline', 'caption', 'caption']);
  expect(kinds.filter((kind) => kind === 'paragraph')).toHaveLength(14);
  expect(kinds.at(-1)).toBe('source');
  await expect(workbench.original.getByText(/^US Rep\. Ilhan Omar/u)).toHaveAttribute('data-kind', 'caption');
  await expect(workbench.original.getByText(/^La base américaine du champ/u)).toHaveAttribute(
    'data-kind',
    'caption',
  );
  await expect(workbench.original.getByText(/^Les bases de l'occupation/u)).toHaveAttribute(
    'data-kind',
    'paragraph',
  );
  await expect(workbench.original.getByText(HEADLINE)).toHaveAttribute('lang', 'fr');

  // Translation notes beside block 3 (the first caption).
  await workbench.translation(3).fill(TRANSLATION);
  await workbench.note(3).fill(NOTE);

  // A memo with a heading, bold text and a quote from the original with its citation.
  await workbench.memo.click();
  await workbench.memoTool('Heading 2').click();
  await page.keyboard.type('Claimed strikes on US bases');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Press TV relays ');
  await page.keyboard.press('ControlOrMeta+b');
  await page.keyboard.type('two drone strikes');
  await page.keyboard.press('ControlOrMeta+b');
  await page.keyboard.type(' on Al-Tanf:');
  await workbench.quote(QUOTED);
  await expect(workbench.memo.getByRole('heading', { level: 2 })).toHaveText('Claimed strikes on US bases');
  await expect(workbench.memo.locator('strong')).toHaveText('two drone strikes');
  await expect(workbench.memo.locator('blockquote')).toContainText(QUOTED);
  const citation = workbench.memo.getByRole('button', { name: /^Citation of block 6/u });
  await expect(citation).toBeVisible();
  await workbench.expectSaved();

  // Following the citation brings its block into view, highlighted.
  await citation.click();
  await expect(workbench.original.getByText(QUOTED)).toHaveClass(/is-highlighted/u);

  // Kept outside Playwright's output folder, which each run empties, so the last one stays to look at.
  const screenshot = path.join(testInfo.project.outputDir, '..', 'screenshots', 'main-window.png');
  await page.screenshot({ path: screenshot });
  await testInfo.attach('main-window', { path: screenshot, contentType: 'image/png' });

  await page.reload();
  await expect(workbench.original.getByRole('heading', { level: 1 })).toHaveText(HEADLINE);
  await expect(workbench.translation(3)).toHaveValue(TRANSLATION);
  await expect(workbench.note(3)).toHaveValue(NOTE);
  await expect(workbench.memo.getByRole('heading', { level: 2 })).toHaveText('Claimed strikes on US bases');
  await expect(workbench.memo.locator('strong')).toHaveText('two drone strikes');
  await expect(workbench.memo.locator('blockquote')).toContainText(QUOTED);
  await expect(workbench.library.getByRole('option', { name: /has translation notes/u })).toBeVisible();

  // And on disk, in the article's own files.
  const id = await shell.articleIdOf('press-tv-fr-al-omar-al-tanf.txt');
  const article = (await shell.readArticleFile(id, 'article.json')) as {
    blocks: { id: string; text: string }[];
  };
  const notes = (await shell.readArticleFile(id, 'notes.json')) as {
    notes: Record<string, { translation: string; note: string }>;
  };
  expect(notes.notes[article.blocks[2]!.id]).toMatchObject({ translation: TRANSLATION, note: NOTE });
  const memo = (await shell.readArticleFile(id, 'memo.json')) as { doc: MemoNode };
  const all = nodes(memo.doc);
  expect(all).toContainEqual(expect.objectContaining({ type: 'heading', attrs: { level: 2 } }));
  expect(all.find((node) => node.marks?.some((mark) => mark.type === 'bold'))?.text).toBe(
    'two drone strikes',
  );
  const quote = all.find((node) => node.type === 'blockquote');
  expect(
    nodes(quote!)
      .map((node) => node.text ?? '')
      .join(''),
  ).toContain(QUOTED);
  const cited = all.find((node) => node.type === 'citation');
  expect(cited?.attrs).toMatchObject({
    articleId: id,
    blockId: article.blocks[5]!.id,
    blockPosition: 6,
    prefix: '',
  });
  expect(String(cited?.attrs?.quote)).toContain(QUOTED);
});
