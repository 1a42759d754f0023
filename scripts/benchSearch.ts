/**
 * npm run bench:search [-- N] [--keep DIR]: writes a synthetic library of N articles
 * (default 100,000; scripts/syntheticLibrary.ts), builds its search index and prints the
 * build time, the cold open of library + index to first results, query latency p50/p95
 * over a fixed set of queries, the time to index one edited note, peak RSS and the index
 * size. Targets on a 2-core machine: query p95 ≤ 20 ms, cold open ≤ 1.5 s, incremental
 * update ≤ 50 ms, peak RSS ≤ 500 MB.
 *
 * Each phase runs in a process of its own, so that the open is really cold (a fresh
 * process; the operating system's file cache stays warm) and each peak RSS is the phase's
 * own. With --keep DIR the library is written to DIR once and reused by later runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLibrary } from '../src/main/core/library/openLibrary.ts';
import { SEARCH_FILE, SearchIndex, type SearchOptions } from '../src/main/core/search/searchIndex.ts';
import { writeSyntheticLibrary } from './syntheticLibrary.ts';

type Query = { label: string; query: string; options?: SearchOptions };

/** The fixed query set: every kind of query the issue names, in the six languages. */
const QUERIES: Query[] = [
  { label: 'word fr', query: 'monde' },
  { label: 'word en', query: 'technology' },
  { label: 'word ru', query: 'кино' },
  { label: 'frequent word fr', query: 'être' },
  { label: 'folded fr (etre)', query: 'etre' },
  { label: 'folded seed (Aïn)', query: 'ain al-assad' },
  { label: 'two words fr', query: 'base américaine' },
  { label: 'prefix fr', query: 'roquet*' },
  { label: 'prefix en', query: 'informat*' },
  { label: 'prefix ru', query: 'прави*' },
  { label: 'phrase fr', query: '"champ pétrolier"' },
  { label: 'phrase en', query: '"United States"' },
  { label: 'word ar', query: 'المتحدة' },
  { label: 'ar hamza-folded', query: 'الان' },
  { label: 'ar ta marbuta', query: 'الساعه' },
  { label: 'fa Persian yeh', query: 'فیلم' },
  { label: 'fa Arabic yeh', query: 'فيلم' },
  { label: 'zh word', query: '经济' },
  { label: 'zh word in text', query: '台湾' },
  { label: 'zh one character', query: '美' },
  { label: 'note text', query: 'ministry statement' },
  {
    label: 'filtered: language+dates',
    query: 'monde',
    options: { language: 'fr', from: '2020', to: '2021' },
  },
  { label: 'filtered: outlet', query: 'مسلسل', options: { outlet: 'al jazeera' } },
  { label: 'filtered: has notes', query: 'information', options: { hasNotes: true } },
  { label: 'filtered: tag', query: 'être', options: { tag: 'energy' } },
];
const RUNS_PER_QUERY = 10;
const EDITS = 20;

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? NaN;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Runs one phase in a new process and returns what it printed as its last line (JSON). */
function runPhase(phase: string, dir: string, count: number): Record<string, unknown> {
  const child = spawnSync(process.execPath, [import.meta.filename, '--phase', phase, dir, String(count)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`phase ${phase} failed (exit ${String(child.status)})`);
  const last = child.stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(last) as Record<string, unknown>;
}

async function phaseGenerate(dir: string, count: number): Promise<Record<string, unknown>> {
  const started = performance.now();
  const written = await writeSyntheticLibrary(dir, count, (done) => {
    process.stderr.write(`\r  generating ${String(done)}/${String(count)}`);
  });
  process.stderr.write('\n');
  // The library is on disk before the index is built: flush it so its write-back does not
  // compete with the build being measured.
  if (process.platform === 'linux') execFileSync('sync', ['-f', dir]);
  return { seconds: (performance.now() - started) / 1000, ...written, peakRssMb: peakRssMb() };
}

async function phaseBuild(dir: string): Promise<Record<string, unknown>> {
  const { library } = await openLibrary(dir, { mode: 'write' });
  const libraryOpenRssMb = peakRssMb();
  for (const suffix of ['', '-wal', '-shm'])
    await rm(path.join(dir, `${SEARCH_FILE}${suffix}`), { force: true });
  const buildStarted = performance.now();
  const { index, report } = await SearchIndex.open(library, {
    onProgress: (done, total) => {
      if (done % 10_000 === 0 || done === total)
        process.stderr.write(`\r  indexing ${String(done)}/${String(total)}`);
    },
  });
  process.stderr.write('\n');
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  if (report.rebuilt === null) throw new Error('the index was expected to be built from scratch');

  const perQuery: { label: string; query: string; total: number; p50: number; max: number }[] = [];
  const all: number[] = [];
  for (const { label, query, options } of QUERIES) {
    const first = await index.search(query, options);
    const times: number[] = [];
    for (let run = 0; run < RUNS_PER_QUERY; run += 1) {
      const started = performance.now();
      await index.search(query, options);
      times.push(performance.now() - started);
    }
    all.push(...times);
    perQuery.push({ label, query, total: first.total, p50: percentile(times, 0.5), max: Math.max(...times) });
  }

  // One edited note: the index's own update (indexArticle), and save → searchable through attach().
  index.attach();
  const entries = library.list();
  const updateTimes: number[] = [];
  const saveToSearchable: number[] = [];
  let foundAfterEdit = 0;
  for (let edit = 0; edit < EDITS; edit += 1) {
    const entry = entries[Math.floor(((edit + 0.5) * entries.length) / EDITS)];
    if (entry === undefined) continue;
    const article = await library.readArticle(entry.id);
    const block = article.blocks.find((candidate) => candidate.kind === 'paragraph');
    if (block === undefined) continue;
    const marker = `benchmarker${String(edit)}x`;
    const saveStarted = performance.now();
    await library.saveNote(entry.id, block.id, { translation: '', note: `Edited in the bench: ${marker}` });
    await index.idle();
    saveToSearchable.push(performance.now() - saveStarted);
    const result = await index.search(marker);
    if (result.hits.some((hit) => hit.articleId === entry.id)) foundAfterEdit += 1;
    const updateStarted = performance.now();
    await index.indexArticle(entry.id);
    updateTimes.push(performance.now() - updateStarted);
  }
  const integrityStarted = performance.now();
  const integrity = await index.checkIntegrity();
  const integritySeconds = (performance.now() - integrityStarted) / 1000;
  const beforeCloseRssMb = peakRssMb();
  await index.close();
  await library.close();
  return {
    libraryOpenRssMb,
    beforeCloseRssMb,
    buildSeconds,
    articles: entries.length,
    perQuery,
    p50: percentile(all, 0.5),
    p95: percentile(all, 0.95),
    updateMedian: percentile(updateTimes, 0.5),
    updateMax: Math.max(...updateTimes),
    saveToSearchableMedian: percentile(saveToSearchable, 0.5),
    foundAfterEdit,
    edits: updateTimes.length,
    integrity,
    integritySeconds,
    peakRssMb: peakRssMb(),
  };
}

async function phaseCold(dir: string): Promise<Record<string, unknown>> {
  const started = performance.now();
  const { library } = await openLibrary(dir, { mode: 'write' });
  const libraryOpened = performance.now();
  const libraryOpenRssMb = peakRssMb();
  const { index, report } = await SearchIndex.open(library);
  const indexOpened = performance.now();
  const result = await index.search('monde');
  const firstResults = performance.now();
  const firstResultsRssMb = peakRssMb();
  await index.close();
  await library.close();
  return {
    libraryOpenRssMb,
    firstResultsRssMb,
    coldOpen: (firstResults - started) / 1000,
    sinceProcessStart: firstResults / 1000,
    libraryOpen: (libraryOpened - started) / 1000,
    indexOpen: (indexOpened - libraryOpened) / 1000,
    firstQuery: (firstResults - indexOpened) / 1000,
    hits: result.hits.length,
    rebuilt: report.rebuilt,
    peakRssMb: peakRssMb(),
  };
}

async function fileSize(file: string): Promise<number> {
  return stat(file).then(
    (info) => info.size,
    () => 0,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--phase') {
    const [, phase, dir = '', count = '0'] = args;
    const result =
      phase === 'generate'
        ? await phaseGenerate(dir, Number(count))
        : phase === 'build'
          ? await phaseBuild(dir)
          : await phaseCold(dir);
    console.log(JSON.stringify(result));
    return;
  }
  const keepAt = args.indexOf('--keep');
  const keep = keepAt === -1 ? null : (args[keepAt + 1] ?? null);
  const count = Number(
    args.find((arg, position) => /^\d+$/u.test(arg) && (keepAt === -1 || position !== keepAt + 1)) ?? 100_000,
  );
  const root = keep ?? (await mkdtemp(path.join(tmpdir(), 'workbench-bench-search-')));
  const dir = path.join(root, `library-${String(count)}`);
  const marker = path.join(dir, 'bench-complete.json');
  try {
    console.log(`bench:search  ${String(count)} synthetic articles in ${dir}`);
    let generated: Record<string, unknown> = JSON.parse(
      existsSync(marker) ? await readFile(marker, 'utf8') : '{}',
    ) as Record<string, unknown>;
    if (!existsSync(marker)) {
      await rm(dir, { recursive: true, force: true });
      generated = runPhase('generate', dir, count);
      await writeFile(marker, JSON.stringify(generated));
    }
    const build = runPhase('build', dir, count);
    const cold = runPhase('cold', dir, count);
    const indexBytes =
      (await fileSize(path.join(dir, SEARCH_FILE))) + (await fileSize(path.join(dir, `${SEARCH_FILE}-wal`)));
    const number = (value: unknown): number => (typeof value === 'number' ? value : NaN);
    const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
    const originalBytes = number(generated.originalBytes);
    console.log(
      `  library          ${String(count)} articles, ${(originalBytes / count / 1024).toFixed(1)} KB of text each; ${String(generated.notes)} with notes, ${String(generated.memos)} with a memo (written in ${number(generated.seconds).toFixed(1)} s)`,
    );
    console.log(`  index build      ${number(build.buildSeconds).toFixed(1)} s`);
    console.log('  queries (ms)     p50     max   articles matching');
    for (const entry of build.perQuery as {
      label: string;
      query: string;
      total: number;
      p50: number;
      max: number;
    }[]) {
      console.log(
        `    ${`${entry.label}: ${entry.query}`.padEnd(44)} ${entry.p50.toFixed(1).padStart(6)}  ${entry.max.toFixed(1).padStart(6)}   ${String(entry.total)}`,
      );
    }
    const p95 = number(build.p95);
    console.log(
      `  query latency    p50 ${number(build.p50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${String(QUERIES.length)} queries × ${String(RUNS_PER_QUERY)}   (target p95 ≤ 20 ms: ${verdict(p95 <= 20)})`,
    );
    const coldOpen = number(cold.coldOpen);
    console.log(
      `  cold open        ${coldOpen.toFixed(2)} s to first results (library ${number(cold.libraryOpen).toFixed(2)} s, index ${number(cold.indexOpen).toFixed(2)} s, first query ${(number(cold.firstQuery) * 1000).toFixed(0)} ms; ${number(cold.sinceProcessStart).toFixed(2)} s since the process started)   (target ≤ 1.5 s: ${verdict(coldOpen <= 1.5)})`,
    );
    const update = number(build.updateMax);
    console.log(
      `  edited note      indexed in ${number(build.updateMedian).toFixed(1)} ms median, ${update.toFixed(1)} ms max over ${String(build.edits)} edits; save → searchable ${number(build.saveToSearchableMedian).toFixed(1)} ms median; found after edit ${String(build.foundAfterEdit)}/${String(build.edits)}   (target ≤ 50 ms: ${verdict(update <= 50)})`,
    );
    const rss = Math.max(number(build.beforeCloseRssMb), number(cold.firstResultsRssMb));
    console.log(
      `  peak RSS         ${number(build.beforeCloseRssMb).toFixed(0)} MB building, querying and editing; ${number(cold.firstResultsRssMb).toFixed(0)} MB cold open to first results   (target ≤ 500 MB: ${verdict(rss <= 500)})`,
    );
    console.log(
      `                   of which openLibrary alone: ${number(build.libraryOpenRssMb).toFixed(0)} MB and ${number(cold.libraryOpenRssMb).toFixed(0)} MB before the index is touched; library.close() then reaches ${number(build.peakRssMb).toFixed(0)} and ${number(cold.peakRssMb).toFixed(0)} MB`,
    );
    console.log(
      `  index on disk    ${(indexBytes / 1048576).toFixed(0)} MB (${(indexBytes / count / 1024).toFixed(1)} KB per article)`,
    );
    console.log(
      `  integrity check  ${number(build.integritySeconds).toFixed(1)} s (${build.integrity === null ? 'ok' : `failed: ${JSON.stringify(build.integrity)}`})`,
    );
  } finally {
    if (keep === null) await rm(root, { recursive: true, force: true });
  }
}

await main();
