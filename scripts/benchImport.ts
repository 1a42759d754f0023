/**
 * npm run bench:import [-- N]: imports N synthetic seed-like articles (default 10,000)
 * into a temporary library and prints articles per second, peak RSS and bytes on disk.
 * Target on a 2-core machine: ≥ 1,000 plain-text articles/s, peak RSS ≤ 500 MB.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importFiles } from '../src/main/core/import/importFiles.ts';
import { openLibrary } from '../src/main/core/library/openLibrary.ts';
import { syntheticArticle } from './syntheticArticles.ts';

const count = Number(process.argv[2] ?? 10_000);

async function diskUsage(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

const root = await mkdtemp(path.join(tmpdir(), 'workbench-bench-import-'));
try {
  const sources = path.join(root, 'sources');
  await mkdir(sources);
  let sourceBytes = 0;
  for (let index = 0; index < count; index += 1) {
    const { language, text } = syntheticArticle(index);
    sourceBytes += Buffer.byteLength(text);
    await writeFile(path.join(sources, `${String(index).padStart(6, '0')}-${language}.txt`), text);
  }
  // The analyst's files are on disk before an import starts: flush the generated ones so
  // their write-back does not compete with the import being measured.
  if (process.platform === 'linux') execFileSync('sync', ['-f', sources]);
  const { library } = await openLibrary(path.join(root, 'library'), { mode: 'write', create: true });
  const started = performance.now();
  const results = await importFiles(library, [sources]);
  const seconds = (performance.now() - started) / 1000;
  await library.close();
  const failed = results.filter((result) => result.status !== 'imported');
  const libraryBytes = await diskUsage(path.join(root, 'library'));
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `bench:import  ${String(count)} articles (${(sourceBytes / count / 1024).toFixed(1)} KB each on average)`,
  );
  console.log(
    `  imported         ${String(results.length - failed.length)} (${String(failed.length)} not imported)`,
  );
  console.log(`  time             ${seconds.toFixed(2)} s`);
  console.log(`  throughput       ${(count / seconds).toFixed(0)} articles/s   (target ≥ 1000)`);
  console.log(`  peak RSS         ${peakRssMb.toFixed(0)} MB   (target ≤ 500)`);
  console.log(
    `  library on disk  ${(libraryBytes / 1048576).toFixed(1)} MB (${(libraryBytes / count / 1024).toFixed(1)} KB per article)`,
  );
  if (failed.length > 0) console.log('  first failure:', JSON.stringify(failed[0]));
} finally {
  await rm(root, { recursive: true, force: true });
}
