/**
 * npm run bench:ui [-- --keep DIR] [-- --runs N]: the window's speed where an analyst feels it,
 * measured in Debian's Chromium driving the web shell (the same renderer as Electron) on a
 * synthetic library of 10,000 articles (scripts/syntheticLibrary.ts):
 *
 *   - library visible: navigation start → the first rows of the list painted;
 *   - article open: click on an article of about 100 KB → its headline and first screenful of
 *     blocks painted, and → all its blocks painted (printed beside it);
 *   - typing: keystroke → next paint, p50/p95, typing at the end of a memo of 100,000 characters,
 *     three rounds of 120 keys pooled (each round's p95 printed too); beside it, the same typing
 *     in a bare contenteditable with no script, this machine's floor.
 *
 * "Painted" is the first task after the next animation frame (requestAnimationFrame, then a
 * macrotask), the usual page-side stand-in for the paint. Chromium runs headless with vsync and
 * the frame-rate limit off, so a frame follows the work at once and the figures measure the
 * window, not where a keystroke fell in a 16.7 ms display refresh. Targets (issue 3): library
 * ≤ 1.5 s, article ≤ 200 ms, typing p95 ≤ 16 ms. Figures only, no asserts.
 *
 * Needs the built window (`npm run build`). With --keep DIR the library is written to DIR once
 * and reused by later runs.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { SEED_FIXTURE } from '../tests/corpusPath.ts';
import { startWebShell } from '../tests/startWebShell.ts';
import { writeSyntheticLibrary } from './syntheticLibrary.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const ARTICLES = 10_000;
const BIG_TITLE = 'BENCH article of one hundred kilobytes';
const BIG_BYTES = 100_000;
const MEMO_CHARS = 100_000;
const KEYSTROKES = 120;
// Rounds of typing, pooled: a p95 of 120 keystrokes is their sixth slowest, and moved by 4-6 ms
// from one run to the next on this 2-core machine; 360 keystrokes settle it better.
const TYPING_ROUNDS = 3;
const TARGETS = { libraryMs: 1_500, openMs: 200, typingP95Ms: 16 };

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

function verdict(value: number, target: number): string {
  return value <= target ? 'meets' : 'MISSES';
}

function row(label: string, value: number, target: number, unit = 'ms', note = ''): string {
  return `${label.padEnd(34)} ${value.toFixed(1).padStart(8)} ${unit}   target ≤ ${String(target)} ${unit}   ${verdict(value, target)}${note === '' ? '' : `   (${note})`}`;
}

/** Calls the contract over HTTP as the renderer does. */
function apiOf(url: string) {
  const { origin, hash } = new URL(url);
  const token = new URLSearchParams(hash.slice(1)).get('token') ?? '';
  const headers = { authorization: `Bearer ${token}` };
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const response = await fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!result.ok) throw new Error(`${channel}: ${result.error?.message ?? 'failed'}`);
    return result.value;
  };
  const upload = async (name: string, bytes: Uint8Array): Promise<string> => {
    const response = await fetch(`${origin}/api/upload`, {
      method: 'POST',
      headers: { ...headers, 'x-file-name': encodeURIComponent(name) },
      body: bytes,
    });
    const result = (await response.json()) as { ok: boolean; value: { uploadId: string } };
    if (!result.ok) throw new Error('upload failed');
    return result.value.uploadId;
  };
  return { call, upload };
}

/** About 100 KB of article text: the seed's paragraphs, numbered so that none repeats. */
async function bigArticleText(): Promise<string> {
  const paragraphs = (await readFile(SEED_FIXTURE, 'utf8'))
    .split(/\n\s*\n/u)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 200);
  const parts = [BIG_TITLE];
  let bytes = 0;
  for (let index = 0; bytes < BIG_BYTES; index += 1) {
    const paragraph = `${String(index + 1)}. ${paragraphs[index % paragraphs.length] ?? ''}`;
    parts.push(paragraph);
    bytes += Buffer.byteLength(paragraph) + 2;
  }
  return `${parts.join('\n\n')}\n`;
}

/** A memo of `chars` characters in paragraphs of about 500. */
function bigMemo(chars: number): unknown {
  const sentence = 'The outlet relays the claim without a source of its own, and the photo is unrelated. ';
  const content = [];
  for (let written = 0; written < chars; written += 500) {
    const text = sentence.repeat(Math.ceil(500 / sentence.length)).slice(0, Math.min(500, chars - written));
    content.push({ type: 'paragraph', content: [{ type: 'text', text }] });
  }
  return { type: 'doc', content };
}

/*
 * The page-side probes are plain JavaScript strings: this script is type-checked as Node code
 * (no DOM library, so that the core cannot use the DOM by accident), and the probes run in the page.
 */

/** Marks the first library rows painted, from the page's navigation start (performance.now()). */
const LIBRARY_PROBE = `
  const observer = new MutationObserver(() => {
    if (document.querySelector('[role="listbox"][aria-label="Library"] [role="option"]') === null) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__libraryShown = performance.now(); }, 0));
  });
  observer.observe(document, { childList: true, subtree: true });
`;

/**
 * Resolves with two times from the next click: the headline and the first screenful of blocks
 * painted (what the analyst sees: the reader renders its first rows first), and every block,
 * the last one included, painted.
 */
function openProbe(title: string, lastBlockText: string): string {
  return `new Promise((resolve) => {
    const title = ${JSON.stringify(title)};
    const lastText = ${JSON.stringify(lastBlockText)};
    document.addEventListener('click', () => {
      const start = performance.now();
      let firstScreen = null;
      const check = () => {
        const original = document.querySelector('[aria-label="Original text"]');
        const blocks = original ? original.querySelectorAll('[data-position]') : [];
        const hasHeadline = original !== null && original.querySelector('h1')?.textContent === title;
        const scroller = original ? original.closest('.reader-scroll') : null;
        const fillsScreen = scroller !== null && blocks.length > 0 &&
          blocks[blocks.length - 1].getBoundingClientRect().bottom >= scroller.getBoundingClientRect().bottom;
        const isComplete = hasHeadline && blocks.length > 0 && blocks[blocks.length - 1].textContent === lastText;
        if (firstScreen === null && hasHeadline && (fillsScreen || isComplete)) {
          requestAnimationFrame(() => setTimeout(() => { firstScreen = performance.now() - start; }, 0));
        }
        if (isComplete) {
          requestAnimationFrame(() => setTimeout(() => {
            const complete = performance.now() - start;
            resolve({ firstScreen: firstScreen ?? complete, complete });
          }, 0));
        } else requestAnimationFrame(check);
      };
      // The click's own task runs first (React commits a discrete update synchronously).
      setTimeout(check, 0);
    }, { capture: true, once: true });
  })`;
}

/** Records, for every key pressed in the memo, the time from the keystroke to the next paint. */
const TYPING_PROBE = `(() => {
  window.__latencies = [];
  document.querySelector('[aria-label="Analyst memo"]').addEventListener('keydown', (event) => {
    const start = event.timeStamp;
    requestAnimationFrame(() => setTimeout(() => { window.__latencies.push(performance.now() - start); }, 0));
  });
})()`;

/** Navigation start → the first library rows painted, in a fresh browser context (nothing remembered). */
async function measureLibrary(page: Page, url: string): Promise<number> {
  await page.addInitScript({ content: LIBRARY_PROBE });
  await page.goto(url);
  // Polled from outside: waitForFunction evaluates its string in the page, which the window's CSP forbids.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const shown = await page.evaluate<number | null>('window.__libraryShown ?? null');
    if (shown !== null) return shown;
    await page.waitForTimeout(20);
  }
  throw new Error('The library did not show within 60 s.');
}

/** Click on the article's row → its headline and last block painted. */
async function measureOpen(
  page: Page,
  title: string,
  lastBlockText: string,
): Promise<{ firstScreen: number; complete: number }> {
  await page.getByRole('searchbox', { name: 'Filter titles' }).fill(title);
  const option = page.getByRole('listbox', { name: 'Library' }).getByRole('option', { name: title });
  await option.waitFor();
  const timing = page.evaluate<{ firstScreen: number; complete: number }>(openProbe(title, lastBlockText));
  await option.click();
  return timing;
}

/**
 * Keystroke → next paint while typing at the end of the open memo; one figure per key, by round.
 * A round is KEYSTROKES keys, then a pause of a second, as an analyst stops to read.
 */
async function measureTyping(page: Page): Promise<number[][]> {
  const memo = page.getByRole('textbox', { name: 'Analyst memo' });
  await memo.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.evaluate(TYPING_PROBE);
  const text = 'the base was struck twice by drones on wednesday ';
  const rounds: number[][] = [];
  for (let round = 0; round < TYPING_ROUNDS; round += 1) {
    for (let index = 0; index < KEYSTROKES; index += 1) {
      await page.keyboard.type(text[index % text.length] ?? 'x');
      // An analyst types at 5-10 keys a second; the next key waits until this one's frame is out.
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(1_000);
    const all = await page.evaluate<number[]>('window.__latencies');
    rounds.push(all.slice(rounds.flat().length));
  }
  return rounds;
}

/**
 * The same typing in a page with no script at all: a bare contenteditable holding the memo's
 * paragraphs, styled as the memo is (width, font, off-screen paragraphs skipped). What this
 * browser on this machine needs to show a keystroke anyway, printed beside the window's figure so
 * that a reader can tell the window's cost from the machine's.
 */
async function measureBareTyping(context: BrowserContext): Promise<number[][]> {
  // A page of its own: the window's CSP would refuse the inline style.
  const page = await context.newPage();
  const paragraph = (bigMemo(MEMO_CHARS) as { content: { content: { text: string }[] }[] }).content
    .map((node) => `<p>${node.content[0]?.text ?? ''}</p>`)
    .join('');
  await page.setContent(
    `<style>body{margin:0;display:flex;height:100vh}.rest{flex:7}.memo{flex:3;overflow:auto;font:16px/1.65 serif;padding:1.5rem}` +
      `p{content-visibility:auto;contain-intrinsic-size:auto 4.5em}</style>` +
      `<div class="rest"></div><div class="memo"><div contenteditable="true" role="textbox" aria-label="Analyst memo">${paragraph}</div></div>`,
  );
  const latencies = await measureTyping(page);
  await page.close();
  return latencies;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { keep: { type: 'string' }, runs: { type: 'string' } },
  });
  const runs = Number(values.runs ?? 5);
  if (!existsSync(path.join(REPO_ROOT, 'out', 'renderer', 'index.html')))
    throw new Error('The window is not built: run `npm run build` first.');
  const dir = values.keep ?? (await mkdtemp(path.join(tmpdir(), 'workbench-bench-ui-')));
  // library.json: a library written before the index moved to library.sqlite, which opening moves.
  if (!['library.sqlite', 'library.json'].some((name) => existsSync(path.join(dir, name)))) {
    process.stdout.write(`Writing ${String(ARTICLES)} synthetic articles to ${dir}…\n`);
    await writeSyntheticLibrary(dir, ARTICLES);
  }
  const { child, url } = await startWebShell(dir, { timeoutMs: 120_000 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-gpu-vsync',
      '--disable-frame-rate-limit',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  try {
    const api = apiOf(url);
    const listed = await api.call<{ entries: { id: string; title: string | null }[] }>('library:list', {});
    let big = listed.entries.find((entry) => entry.title === BIG_TITLE);
    const text = await bigArticleText();
    if (big === undefined) {
      const uploadId = await api.upload('bench-100kb.txt', new TextEncoder().encode(text));
      const imported = await api.call<{ results: { id?: string }[] }>('library:import', {
        batchId: 'bench-ui',
        source: { kind: 'uploads', uploadIds: [uploadId] },
      });
      const id = imported.results[0]?.id;
      if (id === undefined) throw new Error('The 100 KB article was not imported.');
      big = { id, title: BIG_TITLE };
    }
    const opened = await api.call<{ article: { blocks: { text: string }[] } }>('article:get', { id: big.id });
    const lastBlock = opened.article.blocks.at(-1)?.text ?? '';
    // The memo goes on another article, so that opening the big one measures the reader alone.
    const memoEntry = listed.entries.find((entry) => entry.id !== big.id && entry.title !== null);
    if (memoEntry?.title == null) throw new Error('No article for the memo.');
    await api.call('memo:save', { id: memoEntry.id, doc: bigMemo(MEMO_CHARS) });
    const dirEntries = listed.entries.length + (listed.entries.some((entry) => entry.id === big.id) ? 0 : 1);

    const libraryTimes: number[] = [];
    const openTimes: number[] = [];
    const completeTimes: number[] = [];
    let typingRounds: number[][] = [];
    let bareRounds: number[][] = [];
    for (let run = 0; run < runs; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      libraryTimes.push(await measureLibrary(page, url));
      const open = await measureOpen(page, BIG_TITLE, lastBlock);
      openTimes.push(open.firstScreen);
      completeTimes.push(open.complete);
      if (run === runs - 1) {
        await page.getByRole('searchbox', { name: 'Filter titles' }).fill(memoEntry.title);
        await page
          .getByRole('listbox', { name: 'Library' })
          .getByRole('option', { name: memoEntry.title })
          .first()
          .click();
        await page.getByRole('textbox', { name: 'Analyst memo' }).waitFor();
        typingRounds = await measureTyping(page);
        bareRounds = await measureBareTyping(context);
      }
      await context.close();
    }

    const latencies = typingRounds.flat();
    const bareLatencies = bareRounds.flat();
    const roundP95s = typingRounds.map((round) => percentile(round, 0.95).toFixed(1)).join(' / ');
    const bigKb = Buffer.byteLength(text) / 1024;
    process.stdout.write(
      [
        '',
        `bench:ui — web shell, Chromium headless (vsync off), ${String(dirEntries)} articles, ${String(runs)} runs`,
        // Other work on the machine inflates every figure; the load says how much to trust them.
        `load average ${loadavg()
          .map((load) => load.toFixed(1))
          .join(' ')} on ${String(availableParallelism())} cores`,
        row(
          'library visible (median)',
          median(libraryTimes),
          TARGETS.libraryMs,
          'ms',
          `first run ${libraryTimes[0]?.toFixed(0) ?? '?'} ms, worst ${Math.max(...libraryTimes).toFixed(0)} ms`,
        ),
        row(
          `open a ${bigKb.toFixed(0)} KB article (median)`,
          median(openTimes),
          TARGETS.openMs,
          'ms',
          `headline and first screen; ${String(opened.article.blocks.length)} blocks, worst ${Math.max(...openTimes).toFixed(0)} ms`,
        ),
        row(
          `  … all its blocks rendered (median)`,
          median(completeTimes),
          TARGETS.openMs,
          'ms',
          `the rows below the first screen follow; worst ${Math.max(...completeTimes).toFixed(0)} ms`,
        ),
        row(
          `typing, memo of ${String(MEMO_CHARS)} chars, p50`,
          percentile(latencies, 0.5),
          TARGETS.typingP95Ms,
        ),
        row(
          `typing, memo of ${String(MEMO_CHARS)} chars, p95`,
          percentile(latencies, 0.95),
          TARGETS.typingP95Ms,
          'ms',
          `${String(latencies.length)} keystrokes; by round of ${String(KEYSTROKES)}: ${roundP95s} ms; max ${Math.max(...latencies).toFixed(1)} ms`,
        ),
        `  … the same typing in a bare contenteditable, no script (this machine's floor): p50 ${percentile(bareLatencies, 0.5).toFixed(1)} ms, p95 ${percentile(bareLatencies, 0.95).toFixed(1)} ms`,
        '',
      ].join('\n'),
    );
  } finally {
    await browser.close();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    if (values.keep === undefined) await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
