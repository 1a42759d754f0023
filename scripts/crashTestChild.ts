/**
 * The process scripts/crashTest.ts kills: it loads the library code, waits for "go" on stdin
 * (so its start-up overlaps the previous child's run), opens the library and then imports
 * articles, saves notes and memos and reopens in a loop until it is killed. Before each write
 * it appends a `begin` line to its log file and after the promise resolves an `ack` line, with
 * a synchronous write: the line is in the kernel before the library write starts, so a SIGKILL
 * cannot lose it. (Lines printed to stdout were lost: a child that ran ahead of a busy parent
 * had them queued in its own memory when it was killed.) stdout only tells the parent, as it
 * happens, how far the child has got, so that it can choose when to kill.
 *
 * Usage: node scripts/crashTestChild.ts <library> <seed> <fixture> <log file>
 */
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { SCHEMA_VERSION, type Article } from '../src/shared/article.ts';
import { openLibrary, type Library } from '../src/main/core/library/openLibrary.ts';
import { random } from './syntheticArticles.ts';

/** The most articles the loop creates, so that checking a library after each kill stays cheap. */
export const MAX_ARTICLES = 30;

export type CrashOp =
  | { op: 'import'; ids: string[] }
  | { op: 'note'; id: string; blockId: string; translation: string; note: string }
  | { op: 'memo'; id: string; text: string }
  | { op: 'reopen' };

/** The article the loop imports as variant `variant`: the fixture's text with a line added. */
export function crashArticle(fixture: string, variant: string): { article: Article; original: Uint8Array } {
  const text = `${fixture}\n\nVariante ${variant}\n`;
  const original = new TextEncoder().encode(text);
  const sha256 = createHash('sha256').update(original).digest('hex');
  const paragraphs = text.split(/\n\s*\n/u).filter((paragraph) => paragraph.trim() !== '');
  return {
    original,
    article: {
      schemaVersion: SCHEMA_VERSION,
      id: sha256.slice(0, 12),
      format: 'txt',
      originalFileName: `crash-${variant}.txt`,
      originalPath: 'original.txt',
      byteLength: original.byteLength,
      sha256,
      textSha256: sha256,
      importedAt: new Date().toISOString(),
      parserVersion: 1,
      encoding: { name: 'utf-8', confidence: 1, declared: null, bom: false },
      direction: 'ltr',
      metadata: {
        title: { value: paragraphs[1] ?? variant, origin: 'inferred' },
        outlet: { value: 'Press TV', origin: 'inferred' },
        author: { value: null, origin: 'found' },
        publishedAt: { value: null, origin: 'inferred' },
        url: { value: null, origin: 'found' },
        language: { value: 'fr', origin: 'inferred' },
      },
      eventDates: [],
      duplicateOf: null,
      tags: [],
      warnings: [],
      blocks: paragraphs.map((paragraph, index) => ({
        id: `b${String(index)}`,
        kind: index === 1 ? 'headline' : 'paragraph',
        text: paragraph.trim(),
        language: 'fr',
        direction: 'ltr',
      })),
    },
  };
}

/** Text of a random length, up to ~90 KB, so that some writes take long enough to be cut. */
function someText(next: () => number, label: string): string {
  const size = next() < 0.15 ? Math.floor(next() * 60_000) : Math.floor(next() * 2_000);
  return `${label} ${'é'.repeat(Math.floor(size / 2))}${'x'.repeat(Math.ceil(size / 2))}`;
}

let logFile = '';

function say(line: Record<string, unknown>): void {
  if (logFile !== '') appendFileSync(logFile, `${JSON.stringify(line)}\n`);
  process.stdout.write(`${JSON.stringify({ t: line.t, seq: line.seq })}\n`);
}

async function loop(dir: string, seed: number, fixture: string): Promise<never> {
  const next = random(seed);
  let { library } = await openLibrary(dir, { mode: 'write', create: true });
  say({ t: 'ready' });
  const ids = (current: Library): string[] =>
    current
      .list()
      .filter((entry) => entry.damaged === null)
      .map((entry) => entry.id);
  let known = ids(library);
  let variant = 0;
  for (let seq = 0; ; seq += 1) {
    const roll = next();
    if (known.length === 0 || (roll < 0.12 && known.length < MAX_ARTICLES)) {
      // One article durably, or a batch of two with one flush.
      const count = next() < 0.5 ? 1 : 2;
      const made = Array.from({ length: count }, () => {
        variant += 1;
        return crashArticle(fixture, `${String(seed)}-${String(variant)}`);
      });
      say({ t: 'begin', seq, op: 'import', ids: made.map((one) => one.article.id) });
      for (const { article, original } of made)
        await library.addArticle(article, original, { durable: count === 1 });
      if (count > 1) await library.flush();
      known.push(...made.map((one) => one.article.id));
    } else if (roll < 0.99) {
      const id = known[Math.floor(next() * known.length)] ?? '';
      if (roll < 0.6) {
        const article = await library.readArticle(id);
        const block = article.blocks[Math.floor(next() * article.blocks.length)];
        if (block === undefined) continue;
        const translation = next() < 0.1 ? '' : someText(next, `t${String(seq)}`);
        const note = next() < 0.5 ? '' : `n${String(seq)}`;
        say({ t: 'begin', seq, op: 'note', id, blockId: block.id, translation, note });
        await library.saveNote(id, block.id, { translation, note });
      } else {
        const text = someText(next, `m${String(seq)}`);
        say({ t: 'begin', seq, op: 'memo', id, text });
        await library.saveMemo(id, {
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
        });
      }
    } else {
      say({ t: 'begin', seq, op: 'reopen' });
      await library.close();
      ({ library } = await openLibrary(dir, { mode: 'write' }));
      known = ids(library);
    }
    say({ t: 'ack', seq });
  }
}

const [dir = '', seed = '1', fixturePath = '', log = ''] = process.argv.slice(2);
logFile = log;
const fixture = readFileSync(fixturePath, 'utf8');
say({ t: 'loaded' });
process.stdin.once('data', () => {
  process.stdin.pause();
  loop(dir, Number(seed), fixture).catch((error: unknown) => {
    say({ t: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(3);
  });
});
