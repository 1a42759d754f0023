import { readFile } from 'node:fs/promises';
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

  /** The export dialog ("Export report"), once it is open. */
  get exportDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Export report' });
  }

  /** Opens "Export report" and returns its dialog. */
  async openExportDialog(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Export report' }).click();
    await expect(this.exportDialog).toBeVisible();
    return this.exportDialog;
  }

  /**
   * Exports a report from the UI (web shell: a download) and reads the downloaded Markdown back;
   * `choose` may change the dialog's options before Export.
   */
  async exportReport(
    choose: (dialog: Locator) => Promise<void> = () => Promise.resolve(),
  ): Promise<{ fileName: string; markdown: string }> {
    const dialog = await this.openExportDialog();
    await choose(dialog);
    const downloading = this.page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    const file = await download.path();
    await expect(dialog).toBeHidden();
    return { fileName: download.suggestedFilename(), markdown: await readFile(file, 'utf8') };
  }

  /** An article's row in the library list, by (part of) its title. */
  libraryEntry(title: string | RegExp): Locator {
    return this.library.getByRole('option', { name: title });
  }

  /** "Search library", the one field that searches everything (Ctrl/Cmd+K). */
  get searchField(): Locator {
    return this.page.getByRole('combobox', { name: 'Search library' });
  }

  /** The hits, shown in the library pane while the search field holds a query. */
  get searchResults(): Locator {
    return this.page.getByRole('listbox', { name: 'Search results' });
  }

  /** Types a query into "Search library" and returns the hits list once it shows at least one hit. */
  async search(query: string): Promise<Locator> {
    await this.searchField.fill(query);
    await expect(this.searchResults.getByRole('option').first()).toBeVisible({ timeout: 10_000 });
    return this.searchResults;
  }

  /** Opens the open article's details (tags, collections, metadata) if they are folded. */
  async openDetails(): Promise<Locator> {
    const button = this.page.getByRole('button', { name: 'Details', exact: true });
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    const details = this.page.getByRole('region', { name: 'Article details' });
    await expect(details).toBeVisible();
    return details;
  }

  /** Opens the trash in the library pane and returns its list region. */
  async openTrash(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Trash', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: /^Trash/u })).toBeVisible();
    return this.page.getByRole('region', { name: /^Trash/u });
  }
}
