import { expect, type Locator, type Page } from '@playwright/test';

/** The workbench window as an analyst (or a screen reader) finds its parts: by role and accessible name. */
export class WorkbenchPage {
  readonly page: Page;
  readonly library: Locator;
  readonly original: Locator;
  readonly memo: Locator;
  readonly saveStatus: Locator;
  readonly quoteButton: Locator;

  constructor(page: Page) {
    this.page = page;
    this.library = page.getByRole('listbox', { name: 'Library' });
    this.original = page.getByRole('region', { name: 'Original text' });
    this.memo = page.getByRole('textbox', { name: 'Analyst memo' });
    this.saveStatus = page.getByRole('status');
    this.quoteButton = page.getByRole('button', { name: 'Quote selection in memo' });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByRole('button', { name: 'Import files' })).toBeVisible();
  }

  /** Imports files through the "Import files" button and waits for the batch's results. */
  async importFiles(files: string[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Import files' }).click();
    await (await chooser).setFiles(files);
    await expect(this.page.getByRole('region', { name: 'Import results' })).toBeVisible({ timeout: 30_000 });
  }

  /** Opens an article from the library list by (part of) its title. */
  async openArticle(title: string | RegExp): Promise<void> {
    await this.library.getByRole('option', { name: title }).click();
    await expect(this.original).toBeVisible();
  }

  translation(position: number): Locator {
    return this.page.getByLabel(`Translation of block ${String(position)}`, { exact: true });
  }

  note(position: number): Locator {
    return this.page.getByLabel(`Note on block ${String(position)}`, { exact: true });
  }

  memoTool(name: string): Locator {
    return this.page
      .getByRole('toolbar', { name: 'Memo formatting' })
      .getByRole('button', { name, exact: true });
  }

  /** Selects a whole paragraph of the original (a triple click, as an analyst would) and quotes it in the memo. */
  async quote(text: string): Promise<void> {
    await this.original.getByText(text).click({ clickCount: 3 });
    await this.quoteButton.click();
  }

  async expectSaved(): Promise<void> {
    await expect(this.saveStatus).toHaveText('Saved', { timeout: 10_000 });
  }
}
