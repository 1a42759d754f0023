import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { corpusPath } from '../../tests/corpusPath.ts';
import { bodyText, parseForEval } from './pipeline.ts';
import { itemF1, scoreCorpus, type CorpusScore } from './shingleScore.ts';

const CORPUS = 'scrapinghub-article-extraction-benchmark';

type GroundTruth = Record<string, { articleBody: string; url: string }>;

export type ArticleBodyResult = CorpusScore & {
  readabilityJs: CorpusScore;
  failures: { id: string; error: string }[];
  worst: { id: string; url: string; f1: number }[];
};

export function loadGroundTruth(): GroundTruth {
  return JSON.parse(readFileSync(corpusPath(CORPUS, 'ground-truth.json'), 'utf8')) as GroundTruth;
}

/** Scores a prediction file of upstream's `output/` folder (used to calibrate the scorer). */
export function scoreUpstreamOutput(name: string, ids?: readonly string[]): CorpusScore {
  const truth = loadGroundTruth();
  const output = (
    JSON.parse(readFileSync(corpusPath(CORPUS, 'output', `${name}.json`), 'utf8')) as {
      output: Record<string, { articleBody?: string } | undefined>;
    }
  ).output;
  return scoreCorpus(
    (ids ?? Object.keys(truth)).map((id) => ({
      truth: truth[id]?.articleBody ?? '',
      prediction: output[id]?.articleBody ?? '',
    })),
  );
}

/** Item ids in a stable order; `every` > 1 keeps every n-th one (the fast subset). */
export function articleIds(every = 1): string[] {
  const ids = readdirSync(corpusPath(CORPUS, 'html'))
    .filter((name) => name.endsWith('.html.gz'))
    .map((name) => name.slice(0, -'.html.gz'.length))
    .sort();
  return ids.filter((_, index) => index % every === 0);
}

/** Section 1: our pipeline's body text against the benchmark's ground truth. */
export async function evalArticleBody(ids: readonly string[]): Promise<ArticleBodyResult> {
  const truth = loadGroundTruth();
  const pairs: { id: string; truth: string; prediction: string }[] = [];
  const failures: { id: string; error: string }[] = [];
  for (const id of ids) {
    // Upstream's pages are UTF-8 inside the gzip; the pipeline still decodes them itself.
    const bytes = new Uint8Array(gunzipSync(readFileSync(corpusPath(CORPUS, 'html', `${id}.html.gz`))));
    let prediction = '';
    try {
      prediction = bodyText((await parseForEval(bytes, 'html')).blocks);
    } catch (error) {
      failures.push({ id, error: error instanceof Error ? error.message : String(error) });
    }
    pairs.push({ id, truth: truth[id]?.articleBody ?? '', prediction });
  }
  const worst = pairs
    .map((pair) => ({ id: pair.id, url: truth[pair.id]?.url ?? '', f1: itemF1(pair.truth, pair.prediction) }))
    .sort((a, b) => a.f1 - b.f1)
    .slice(0, 10);
  return {
    ...scoreCorpus(pairs),
    readabilityJs: scoreUpstreamOutput('readability_js', ids),
    failures,
    worst,
  };
}
