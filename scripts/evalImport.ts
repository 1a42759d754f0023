/**
 * npm run eval:import [-- --fast]: runs the real import pipeline (parseFile: decode, extract,
 * structure, metadata; the library's storage left out) over the third-party corpora in
 * ../shared/corpus and prints how well it reads them, against the targets of issue 7:
 *   1. article body on the scrapinghub benchmark (upstream's shingle P/R/F1),
 *   2. title, byline, date, language and body on Mozilla's and trafilatura's test pages,
 *   3. encodings and languages of real legacy-encoded text,
 *   4. the DOCX and PDF samples' manifest,
 *   5. block kinds of the plain-text structurer on tests/fixtures/plaintext.
 * The full run takes a couple of minutes; --fast (the CI subset, under a minute) scores every
 * 4th benchmark page and 300 sentences per language. Writes eval-results/import.json (or
 * import-fast.json). Exits 1 when a target is missed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../tests/corpusPath.ts';
import { checkTargets, FAST, formatReport, FULL, runEval } from './eval/runEval.ts';

const isFast = process.argv.includes('--fast');
const result = await runEval(isFast ? FAST : FULL);
console.log(formatReport(result));
const folder = path.join(REPO_ROOT, 'eval-results');
mkdirSync(folder, { recursive: true });
const file = path.join(folder, isFast ? 'import-fast.json' : 'import.json');
writeFileSync(file, `${JSON.stringify({ ...result, targets: checkTargets(result) }, null, 2)}\n`);
console.log(`written: ${path.relative(REPO_ROOT, file)}`);
if (checkTargets(result).some((check) => !check.isMet)) process.exitCode = 1;
