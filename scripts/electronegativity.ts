/*
 * Runs @doyensec/electronegativity on the Electron-facing source (main/electron, preload, renderer)
 * and fails only on findings that the reviewed allow-list (electronegativity-allowlist.json) does
 * not explain. electronegativity itself always exits 0 and knows false positives (it cannot see
 * that a preference comes from a helper function) and false negatives, hence the list.
 *
 *   npm run lint:electron            writes .electronegativity/electronegativity.sarif
 *
 * It runs offline: the tool fetches translations from S3 at every start (and on Node 24 its HTTP
 * client, got 11, then crashes with "The `onCancel` handler was attached after the promise
 * settled"), so its i18n loader is replaced by one that reads the bundled English strings; and the
 * one check that asks GitHub for Electron releases (AvailableSecurityFixesGlobalCheck) is left out —
 * Electron's version is pinned in package.json and upgraded on purpose.
 */
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const SCANNED = ['src/main/electron', 'src/preload', 'src/renderer'];
const OUTPUT_DIR = path.join(REPO_ROOT, '.electronegativity');
const SARIF_FILE = path.join(OUTPUT_DIR, 'electronegativity.sarif');
const ALLOWLIST_FILE = path.join(REPO_ROOT, 'electronegativity-allowlist.json');
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const allowlistSchema = z.object({
  entries: z.array(
    z.object({
      check: z.string().min(1),
      file: z.string().min(1),
      reason: z.string().trim().min(20, 'say why the finding is acceptable'),
    }),
  ),
});

type Issue = {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  manualReview: boolean;
};
type RunResult = { issues: Issue[]; errors: { file: string; message: string; tolerable: boolean }[] };
type Run = (options: {
  input: string;
  output: string;
  isSarif: boolean;
  customScan: string[];
  excludeFromScan: string[];
  isRelative: boolean;
  electronVersionOverride: string;
}) => Promise<RunResult>;

const require = createRequire(import.meta.url);

/** Swaps electronegativity's network-fetching i18n loader for one that uses its bundled English strings. */
function installOfflineI18n(): void {
  const loaderPath = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
  const i18n = createRequire(loaderPath)('i18n') as {
    configure(options: Record<string, unknown>): void;
    setLocale(locale: string): void;
  };
  const offline = new Module(loaderPath);
  offline.filename = loaderPath;
  offline.loaded = true;
  offline.exports = function loadBundledStrings(): Promise<void> {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: path.dirname(loaderPath),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
    return Promise.resolve();
  };
  require.cache[loaderPath] = offline;
}

/**
 * Copies the scanned folders (without unit tests, whose fakes spell out insecure settings on
 * purpose) and package.json (for the Electron version) into one folder, so the global checks see
 * the main process, the preload and the page's CSP together, and findings name repository paths.
 */
async function stage(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'electronegativity-'));
  for (const folder of SCANNED) {
    await cp(path.join(REPO_ROOT, folder), path.join(root, folder), {
      recursive: true,
      filter: (source) => !/\.test\.tsx?$/u.test(source) && !source.includes(`${path.sep}node_modules`),
    });
  }
  await cp(path.join(REPO_ROOT, 'package.json'), path.join(root, 'package.json'));
  return root;
}

async function main(): Promise<number> {
  const allowlist = allowlistSchema.parse(JSON.parse(await readFile(ALLOWLIST_FILE, 'utf8')));
  const packageJson = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const electronVersion = packageJson.devDependencies.electron;
  if (electronVersion === undefined) throw new Error('package.json has no electron devDependency.');

  installOfflineI18n();
  const run = require('@doyensec/electronegativity') as Run;
  await mkdir(OUTPUT_DIR, { recursive: true });
  const root = await stage();
  let result: RunResult;
  try {
    result = await run({
      input: root,
      output: SARIF_FILE,
      isSarif: true,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS,
      isRelative: true,
      electronVersionOverride: electronVersion,
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }

  const key = (check: string, file: string) => `${check.toUpperCase()} ${file.split(path.sep).join('/')}`;
  const allowed = new Map(allowlist.entries.map((entry) => [key(entry.check, entry.file), entry]));
  const used = new Set<string>();
  const unexplained: Issue[] = [];
  for (const issue of result.issues) {
    const issueKey = key(issue.id, issue.file);
    if (allowed.has(issueKey)) used.add(issueKey);
    else unexplained.push(issue);
  }
  // A file electronegativity could not parse is a file it did not check.
  const unparsed = result.errors.filter((error) => !error.tolerable);

  console.log(
    `electronegativity: ${String(result.issues.length)} findings, ${String(used.size)} allow-list entries matched, SARIF in ${path.relative(REPO_ROOT, SARIF_FILE)}`,
  );
  for (const entry of allowlist.entries) {
    if (!used.has(key(entry.check, entry.file))) {
      console.warn(`  stale allow-list entry (no such finding any more): ${entry.check} in ${entry.file}`);
    }
  }
  for (const error of unparsed) {
    console.error(`  could not parse ${path.relative(root, error.file)}: ${error.message}`);
  }
  for (const issue of unexplained) {
    console.error(
      `  ${issue.id} ${issue.file}:${String(issue.location.line)}:${String(issue.location.column)} ${issue.description}`,
    );
  }
  if (unexplained.length > 0 || unparsed.length > 0) {
    console.error(
      `${String(unexplained.length)} finding(s) not in ${path.basename(ALLOWLIST_FILE)} and ${String(unparsed.length)} unparsed file(s): fix them, or add a reviewed entry with its reason.`,
    );
    return 1;
  }
  return 0;
}

process.exitCode = await main();
