/**
 * The article-body score of scrapinghub/article-extraction-benchmark (its evaluate.py,
 * reimplemented from the description in the corpus's PROVENANCE.md; no code was copied):
 * 4-token shingles counted as multisets, per-item (TP, FP, FN) normalised by their sum, and
 * the corpus F1 taken from the mean precision and the mean recall, not from per-item F1.
 */

/** Python's `\w+` with re.UNICODE: letters, numbers and the underscore (marks are not word characters). */
const WORD = /[\p{L}\p{N}_]+/gu;

export type Counts = { tp: number; fp: number; fn: number };

export type CorpusScore = { precision: number; recall: number; f1: number; accuracy: number; items: number };

/** Tokens as upstream splits them; `characters` splits Han and kana into single characters instead. */
export function tokenize(text: string, characters = false): string[] {
  const tokens = text.match(WORD) ?? [];
  if (!characters) return tokens;
  // For Chinese and Japanese, `\w+` makes one token of a whole sentence; single characters
  // shingled by four are the "character 4-grams" the readability corpus's PROVENANCE asks for.
  return tokens.flatMap((token) =>
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(token)
      ? (token.match(
          /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu,
        ) ?? [])
      : [token],
  );
}

function shingles(tokens: readonly string[], size: number): Map<string, number> {
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - size + 1);
  for (let start = 0; start < last; start++) {
    const shingle = tokens.slice(start, start + size);
    if (shingle.length === 0) continue;
    const key = shingle.join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** One item's (TP, FP, FN), normalised by their sum as upstream does. */
export function matchShingles(truth: string, prediction: string, characters = false, size = 4): Counts {
  const expected = shingles(tokenize(truth, characters), size);
  const predicted = shingles(tokenize(prediction, characters), size);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, count] of predicted) {
    const wanted = expected.get(key) ?? 0;
    tp += Math.min(count, wanted);
    fp += Math.max(0, count - wanted);
  }
  for (const [key, count] of expected) fn += Math.max(0, count - (predicted.get(key) ?? 0));
  const total = tp + fp + fn;
  return total === 0 ? { tp, fp, fn } : { tp: tp / total, fp: fp / total, fn: fn / total };
}

export function precisionOf({ tp, fp, fn }: Counts): number {
  if (fp === 0 && fn === 0) return 1;
  return tp + fp === 0 ? 0 : tp / (tp + fp);
}

export function recallOf({ tp, fp, fn }: Counts): number {
  if (fp === 0 && fn === 0) return 1;
  return tp + fn === 0 ? 0 : tp / (tp + fn);
}

export function f1Of(precision: number, recall: number): number {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Item-level F1 (for per-page reports; the corpus figure is `scoreCorpus`). */
export function itemF1(truth: string, prediction: string, characters = false): number {
  const counts = matchShingles(truth, prediction, characters);
  return f1Of(precisionOf(counts), recallOf(counts));
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Corpus precision, recall and F1 as upstream: F1 of the mean precision and the mean recall. */
export function scoreCorpus(pairs: readonly { truth: string; prediction: string }[]): CorpusScore {
  const precisions: number[] = [];
  const recalls: number[] = [];
  let exact = 0;
  for (const { truth, prediction } of pairs) {
    const counts = matchShingles(truth, prediction);
    const isPerfect = counts.fp === 0 && counts.fn === 0;
    if (isPerfect || counts.tp + counts.fp > 0) precisions.push(precisionOf(counts));
    if (isPerfect || counts.tp + counts.fn > 0) recalls.push(recallOf(counts));
    const truthTokens = tokenize(truth);
    const predictionTokens = tokenize(prediction);
    if (
      truthTokens.length === predictionTokens.length &&
      truthTokens.every((token, index) => token === predictionTokens[index])
    )
      exact++;
  }
  const precision = mean(precisions);
  const recall = mean(recalls);
  return {
    precision,
    recall,
    f1: f1Of(precision, recall),
    accuracy: pairs.length === 0 ? 0 : exact / pairs.length,
    items: pairs.length,
  };
}
