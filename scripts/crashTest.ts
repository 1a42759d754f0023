/**
 * npm run test:crash [-- --kills N] [--seed S] [--max-delay MS] [--keep DIR]: SQLite-style
 * crash testing of the library (issue 6). A child process (scripts/crashTestChild.ts) imports
 * articles, saves notes and memos and reopens the library in a loop; it is killed with SIGKILL
 * at a random moment, N times (default 500). After each kill the library's files are checked
 * as they are on disk (each one parses and validates, and equals the version before or after
 * the write in flight: never torn), then the library is opened for writing (taking over the
 * dead child's lock) and checked again: no acknowledged save lost, no temporary file left,
 * every article listed. Prints the counts; exits 1 on any violation.
 *
 * The next child is started while the current one runs and waits for "go", so that Node's
 * start-up (0.3-1 s here) is not paid between kills.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { articleSchema, memoFileSchema, notesFileSchema } from '../src/shared/article.ts';
import { TEMP_PREFIX } from '../src/main/core/library/atomicWrite.ts';
import { openLibrary } from '../src/main/core/library/openLibrary.ts';
import type { CrashOp } from './crashTestChild.ts';
import { SEED_FIXTURE } from '../tests/corpusPath.ts';
import { random } from './syntheticArticles.ts';

const CHILD = path.join(import.meta.dirname, 'crashTestChild.ts');

export type CrashCounts = {
  kills: number;
  opens: number;
  acknowledgedSaves: number;
  cutMidWrite: number;
  filesChecked: number;
  torn: number;
  lost: number;
  unexpected: number;
  temporariesFoundAfterKill: number;
  temporariesRemovedByOpen: number;
  temporariesLeft: number;
  staleLocksTakenOver: number;
  repairs: number;
  unlisted: number;
  childErrors: number;
  seconds: number;
  violations: string[];
};

type Note = { translation: string; note: string };
type Model = { notes: Map<string, Note>; memo: string | null };
type Child = ChildProcessByStdio<Writable, Readable, null>;
/** A line of the child's log: `begin` lines carry the operation's fields (CrashOp). */
type Line = {
  t: string;
  seq?: number;
  message?: string;
  op?: CrashOp['op'];
  ids?: string[];
  id?: string;
  blockId?: string;
  translation?: string;
  note?: string;
  text?: string;
};

function startChild(
  dir: string,
  seed: number,
  fixture: string,
): {
  child: Child;
  /** The child's log of begun and acknowledged writes (see crashTestChild.ts). */
  logFile: string;
  loaded: Promise<void>;
  ready: Promise<void>;
  /** Resolves once the child has acknowledged `count` writes (or has died). */
  acks: (count: number) => Promise<void>;
  /** How long its writes took, begin to ack, as the parent saw the lines arrive. */
  durations: number[];
} {
  const logFile = path.join(path.dirname(dir), `child-${String(seed)}.log`);
  const child = spawn(process.execPath, [CHILD, dir, String(seed), fixture, logFile], {
    stdio: ['pipe', 'pipe', 'inherit'],
    // Most of a child's life is Node compiling the library's modules (and zod): cache that.
    env: { ...process.env, NODE_COMPILE_CACHE: path.join(tmpdir(), 'workbench-crash-compile-cache') },
  });
  let buffered = '';
  let onLoaded: () => void = () => undefined;
  let onReady: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => {
    onLoaded = resolve;
  });
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  let acked = 0;
  let begun = 0;
  const durations: number[] = [];
  const ackWaiters: { count: number; resolve: () => void }[] = [];
  const wakeAckWaiters = (all: boolean): void => {
    for (const waiter of ackWaiters.splice(0))
      if (all || acked >= waiter.count) waiter.resolve();
      else ackWaiters.push(waiter);
  };
  closed.set(
    child,
    new Promise((resolve) =>
      child.once('close', () => {
        onReady();
        wakeAckWaiters(true);
        resolve();
      }),
    ),
  );
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    // A line cut by the kill has no newline: it stays in `buffered` and is never read.
    buffered = parts.pop() ?? '';
    for (const part of parts) {
      const line = JSON.parse(part) as Line;
      if (line.t === 'loaded') onLoaded();
      if (line.t === 'ready') onReady();
      if (line.t === 'begin') begun = performance.now();
      if (line.t === 'ack') {
        acked += 1;
        durations.push(performance.now() - begun);
        wakeAckWaiters(false);
      }
    }
  });
  const acks = (count: number): Promise<void> =>
    acked >= count || child.exitCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => ackWaiters.push({ count, resolve }));
  return { child, logFile, loaded, ready, acks, durations };
}

/** Resolves once the child has exited and everything it printed has been read ('close', not 'exit'). */
const closed = new WeakMap<Child, Promise<void>>();

function waitForExit(child: Child): Promise<void> {
  return closed.get(child) ?? Promise.resolve();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function walk(dir: string, found: string[] = []): Promise<string[]> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    found.push(full);
    if (entry.isDirectory()) await walk(full, found);
  }
  return found;
}

/**
 * Files already checked, by inode, size and change time: a file no write has replaced since the
 * last kill is the same bytes, so it is not parsed again (that was most of the checking time).
 */
const checked = new Map<string, { key: string; result: unknown }>();

async function parseFile<T>(file: string, schema: z.ZodType<T>): Promise<T | 'missing' | 'torn'> {
  let key: string;
  let text: string;
  try {
    const info = await stat(file, { bigint: true });
    key = `${String(info.ino)}/${String(info.size)}/${String(info.ctimeNs)}`;
    const known = checked.get(file);
    if (known?.key === key) return known.result as T;
    text = await readFile(file, 'utf8');
  } catch {
    return 'missing';
  }
  let result: T | 'torn';
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    result = parsed.success ? parsed.data : 'torn';
  } catch {
    result = 'torn';
  }
  checked.set(file, { key, result });
  return result;
}

function notesOf(file: z.infer<typeof notesFileSchema> | 'missing'): Map<string, Note> {
  if (file === 'missing') return new Map();
  return new Map(
    Object.entries(file.notes).map(([blockId, note]) => [
      blockId,
      { translation: note.translation, note: note.note },
    ]),
  );
}

function memoOf(file: z.infer<typeof memoFileSchema> | 'missing'): string | null {
  if (file === 'missing') return null;
  const text = (file.doc?.content as { content?: { text?: string }[] }[] | undefined)?.[0]?.content?.[0]
    ?.text;
  return text ?? null;
}

export async function runCrashTest(options: {
  kills: number;
  seed?: number;
  maxDelayMs?: number;
  keep?: string;
  log?: (line: string) => void;
}): Promise<CrashCounts> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const next = random(options.seed ?? 20_251_124);
  const maxDelay = options.maxDelayMs ?? 500;
  const root = options.keep ?? (await mkdtemp(path.join(tmpdir(), 'workbench-crash-')));
  const dir = path.join(root, 'library');
  const counts: CrashCounts = {
    kills: 0,
    opens: 0,
    acknowledgedSaves: 0,
    cutMidWrite: 0,
    filesChecked: 0,
    torn: 0,
    lost: 0,
    unexpected: 0,
    temporariesFoundAfterKill: 0,
    temporariesRemovedByOpen: 0,
    temporariesLeft: 0,
    staleLocksTakenOver: 0,
    repairs: 0,
    unlisted: 0,
    childErrors: 0,
    seconds: 0,
    violations: [],
  };
  const violation = (
    kind: 'torn' | 'lost' | 'unexpected' | 'temporariesLeft' | 'unlisted',
    text: string,
  ): void => {
    counts[kind] += 1;
    if (counts.violations.length < 50)
      counts.violations.push(`kill ${String(counts.kills)}: ${kind}: ${text}`);
    log(`  ! kill ${String(counts.kills)}: ${kind}: ${text}`);
  };
  const fixture = SEED_FIXTURE;
  /** What every article holds after the last acknowledged save, as far as the parent knows. */
  const model = new Map<string, Model>();
  // Two children load while one runs: on two cores, loading is what limits the pace.
  const start = (): ReturnType<typeof startChild> => startChild(dir, Math.floor(next() * 2 ** 31), fixture);
  const waiting = [start(), start()];
  let typicalWrite = 30;
  try {
    for (let kill = 0; kill < options.kills; kill += 1) {
      const current = waiting.shift() ?? start();
      await current.loaded;
      current.child.stdin.write('go\n');
      waiting.push(start());
      // One kill in ten lands while the child opens the library; the rest after 0-3 of its
      // writes, at a random point within about one write's time, however slow the machine is.
      if (next() < 0.1) {
        await sleep(next() * 30);
      } else {
        await current.ready;
        await current.acks(Math.floor(next() * 4));
        await sleep(next() * Math.min(maxDelay, 1.5 * typicalWrite));
      }
      current.child.kill('SIGKILL');
      await waitForExit(current.child);
      counts.kills += 1;
      for (const duration of current.durations) typicalWrite = 0.9 * typicalWrite + 0.1 * duration;

      // What the child said: the acknowledged writes, and the one in flight.
      let inFlight: Line | null = null;
      const logged = await readFile(current.logFile, 'utf8').catch(() => '');
      await rm(current.logFile, { force: true });
      // A line without its newline was cut by the kill: the write it announced had not begun.
      const lines = logged
        .split('\n')
        .slice(0, -1)
        .map((line) => JSON.parse(line) as Line);
      for (const line of lines) {
        if (line.t === 'error') {
          counts.childErrors += 1;
          counts.violations.push(`kill ${String(kill + 1)}: the child failed: ${line.message ?? ''}`);
        } else if (line.t === 'begin') inFlight = line;
        else if (line.t === 'ack' && inFlight !== null && line.seq === inFlight.seq) {
          counts.acknowledgedSaves += 1;
          if (inFlight.op === 'import')
            for (const id of inFlight.ids ?? []) model.set(id, { notes: new Map(), memo: null });
          if (inFlight.op === 'note' && inFlight.id !== undefined && inFlight.blockId !== undefined) {
            const notes = model.get(inFlight.id)?.notes;
            notes?.set(inFlight.blockId, {
              translation: inFlight.translation ?? '',
              note: inFlight.note ?? '',
            });
          }
          if (inFlight.op === 'memo' && inFlight.id !== undefined) {
            const article = model.get(inFlight.id);
            if (article !== undefined) article.memo = inFlight.text ?? null;
          }
          inFlight = null;
        }
      }
      if (inFlight !== null) counts.cutMidWrite += 1;

      // 1. The files as the kill left them, before anything repairs them.
      const articlesDir = path.join(dir, 'articles');
      const before = await walk(dir).catch(() => [] as string[]);
      counts.temporariesFoundAfterKill += before.filter((file) =>
        path.basename(file).startsWith(TEMP_PREFIX),
      ).length;
      const folders = await readdir(articlesDir).catch(() => [] as string[]);
      const onDisk = new Map<string, Model>();
      for (const id of folders) {
        if (id.startsWith(TEMP_PREFIX)) continue;
        const folder = path.join(articlesDir, id);
        for (const name of ['article.json', 'article.json.bak']) {
          const article = await parseFile(path.join(folder, name), articleSchema);
          if (article === 'torn') violation('torn', path.join(folder, name));
          else if (article === 'missing') {
            if (name === 'article.json') violation('torn', `${folder} has no article.json`);
          } else counts.filesChecked += 1;
        }
        const notes = await parseFile(path.join(folder, 'notes.json'), notesFileSchema);
        const memo = await parseFile(path.join(folder, 'memo.json'), memoFileSchema);
        for (const [name, schema] of [
          ['notes.json.bak', notesFileSchema],
          ['memo.json.bak', memoFileSchema],
        ] as const) {
          const backup = await parseFile<unknown>(path.join(folder, name), schema);
          if (backup === 'torn') violation('torn', path.join(folder, name));
          else if (backup !== 'missing') counts.filesChecked += 1;
        }
        if (notes === 'torn') violation('torn', path.join(folder, 'notes.json'));
        else counts.filesChecked += notes === 'missing' ? 0 : 1;
        if (memo === 'torn') violation('torn', path.join(folder, 'memo.json'));
        else counts.filesChecked += memo === 'missing' ? 0 : 1;
        onDisk.set(id, {
          notes: notes === 'torn' ? new Map<string, Note>() : notesOf(notes),
          memo: memo === 'torn' ? null : memoOf(memo),
        });
      }

      // 2. Every file equals its acknowledged version or the one in flight; nothing acknowledged is lost.
      for (const [id, expected] of model) {
        const actual = onDisk.get(id);
        if (actual === undefined) {
          violation('lost', `article ${id} is gone`);
          continue;
        }
        const flight = inFlight?.id === id ? inFlight : null;
        const notesWithFlight = new Map(expected.notes);
        if (flight?.op === 'note' && flight.blockId !== undefined)
          notesWithFlight.set(flight.blockId, {
            translation: flight.translation ?? '',
            note: flight.note ?? '',
          });
        if (
          !isDeepStrictEqual(actual.notes, expected.notes) &&
          !isDeepStrictEqual(actual.notes, notesWithFlight)
        )
          violation('lost', `notes of ${id} are neither the acknowledged nor the new version`);
        const memoOk =
          actual.memo === expected.memo || (flight?.op === 'memo' && actual.memo === (flight.text ?? null));
        if (!memoOk) violation('lost', `memo of ${id} is neither the acknowledged nor the new version`);
        model.set(id, actual);
      }
      for (const [id, actual] of onDisk) {
        if (model.has(id)) continue;
        if (inFlight?.op === 'import' && inFlight.ids?.includes(id) === true) model.set(id, actual);
        else violation('unexpected', `article ${id} was never announced`);
      }

      // 3. Open (the dead child's lock is stale), then no temporary survives and every article is listed.
      const lockExisted = before.some((file) => path.basename(file) === 'library.lock');
      if (before.length > 0) {
        const { library, report } = await openLibrary(dir, { mode: 'write', create: true });
        counts.opens += 1;
        if (lockExisted) counts.staleLocksTakenOver += 1;
        counts.temporariesRemovedByOpen += report.removedTemporaries.length;
        counts.repairs += report.repairs.length;
        for (const repair of report.repairs) {
          counts.violations.push(`kill ${String(kill + 1)}: repair: ${JSON.stringify(repair)}`);
          log(`  ! kill ${String(kill + 1)}: repair: ${JSON.stringify(repair)}`);
        }
        const after = await walk(dir);
        for (const file of after)
          if (path.basename(file).startsWith(TEMP_PREFIX)) violation('temporariesLeft', file);
        const listed = new Map(library.list().map((entry) => [entry.id, entry]));
        for (const id of model.keys()) {
          const entry = listed.get(id);
          if (entry?.damaged !== null)
            violation('unlisted', `${id} ${entry?.damaged ?? 'is not in the index'}`);
        }
        await library.close();
      }
      if ((kill + 1) % 50 === 0)
        log(
          `  ${String(kill + 1)} kills, ${String(model.size)} articles, ${String(counts.acknowledgedSaves)} acknowledged saves, ${String(counts.torn + counts.lost + counts.unexpected + counts.temporariesLeft + counts.unlisted)} violations`,
        );
    }
  } finally {
    for (const { child } of waiting) {
      child.kill('SIGKILL');
      await waitForExit(child);
    }
    counts.seconds = (performance.now() - started) / 1000;
    if (options.keep === undefined) await rm(root, { recursive: true, force: true });
  }
  return counts;
}

function isFailure(counts: CrashCounts): boolean {
  return (
    counts.torn +
      counts.lost +
      counts.unexpected +
      counts.temporariesLeft +
      counts.unlisted +
      counts.childErrors +
      counts.repairs >
      0 || counts.opens === 0
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const at = args.indexOf(`--${name}`);
    return at === -1 ? undefined : args[at + 1];
  };
  const kills = Number(option('kills') ?? 500);
  const seed = option('seed') === undefined ? undefined : Number(option('seed'));
  const maxDelayMs = option('max-delay') === undefined ? undefined : Number(option('max-delay'));
  console.log(
    `test:crash  ${String(kills)} kills with SIGKILL${seed === undefined ? '' : `, seed ${String(seed)}`}`,
  );
  const counts = await runCrashTest({
    kills,
    seed,
    maxDelayMs,
    keep: option('keep'),
    log: (line) => {
      console.log(line);
    },
  });
  console.log(
    `  kills                         ${String(counts.kills)} (${String(counts.cutMidWrite)} in the middle of a write)`,
  );
  console.log(
    `  opens after a kill            ${String(counts.opens)} (${String(counts.staleLocksTakenOver)} stale locks taken over)`,
  );
  console.log(`  acknowledged saves            ${String(counts.acknowledgedSaves)}`);
  console.log(`  files checked                 ${String(counts.filesChecked)}`);
  console.log(`  torn files                    ${String(counts.torn)}`);
  console.log(`  lost acknowledged saves       ${String(counts.lost)}`);
  console.log(`  unexpected articles           ${String(counts.unexpected)}`);
  console.log(`  articles missing from list    ${String(counts.unlisted)}`);
  console.log(`  damaged files repaired        ${String(counts.repairs)}`);
  console.log(
    `  temporaries after kills       ${String(counts.temporariesFoundAfterKill)} found, ${String(counts.temporariesRemovedByOpen)} removed by open, ${String(counts.temporariesLeft)} left`,
  );
  console.log(`  child errors                  ${String(counts.childErrors)}`);
  console.log(`  time                          ${counts.seconds.toFixed(1)} s`);
  const cpu = process.cpuUsage();
  console.log(
    `  processor time                ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s checking, ${(process.resourceUsage().userCPUTime / 1e6).toFixed(1)} s user in this process`,
  );
  for (const line of counts.violations.slice(0, 20)) console.log(`  ! ${line}`);
  if (isFailure(counts)) {
    console.log('  FAILED');
    process.exitCode = 1;
  } else console.log('  passed');
}

if (path.resolve(process.argv[1] ?? '') === import.meta.filename) await main();
