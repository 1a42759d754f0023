import { foldText } from './foldText.ts';
import { isCjkText, tokenizeFolded, type Token } from './tokenizeFolded.ts';

/**
 * One thing a query asks for: a token, or a phrase of consecutive tokens; with `prefix`,
 * the last token may be the start of a longer one. Every term must be found (AND).
 */
export type QueryTerm = { tokens: string[]; prefix: boolean };

/** More terms than anyone types; bounds the work a pasted page can cause. */
const MAX_TERMS = 32;
const MAX_TOKENS_PER_TERM = 64;
/**
 * The shortest prefix searched as a prefix: `co*` merges the postings of thousands of
 * words (a quarter of a second at 100,000 articles), so a shorter one is searched as a word.
 */
export const MIN_PREFIX_LENGTH = 3;

/** Splits one typed word or quoted phrase into terms: Han/kana/Hangul runs stand alone. */
function termsOf(chunk: string, prefix: boolean): QueryTerm[] {
  const terms: QueryTerm[] = [];
  let words: string[] = [];
  const endWords = (): void => {
    if (words.length > 0) terms.push({ tokens: words, prefix: false });
    words = [];
  };
  let run: Token[] = [];
  const endRun = (): void => {
    if (run.length === 0) return;
    // The index has the last character of a run alone; a query's run sits inside longer
    // runs, where that character is the start of a bigram: so only the bigrams are asked for.
    const [first] = run;
    if (run.length === 1 && first !== undefined) terms.push({ tokens: [first.text], prefix: true });
    else terms.push({ tokens: run.slice(0, -1).map((token) => token.text), prefix: false });
    run = [];
  };
  let previousEnd = -1;
  for (const token of tokenizeFolded(foldText(chunk))) {
    if (token.isCjk) {
      endWords();
      // Bigrams of one run overlap; a new run starts where the previous token did not reach.
      if (run.length > 0 && token.start >= previousEnd) endRun();
      run.push(token);
    } else {
      endRun();
      words.push(token.text);
    }
    previousEnd = token.end;
  }
  endWords();
  endRun();
  const last = terms.at(-1);
  const lastToken = last?.tokens.at(-1) ?? '';
  if (prefix && last && (isCjkText(lastToken) || lastToken.length >= MIN_PREFIX_LENGTH)) last.prefix = true;
  return terms;
}

/**
 * Reads what the analyst typed: words (all of them must be found), `"quoted phrases"`,
 * and `word*` or `"a phrase"*` for a prefix. Anything else is text: FTS5 operators,
 * brackets, colons and stray quotes are never passed through, so no input can make the
 * query fail. A word that folding splits (`al-Assad`) is a phrase of its parts.
 */
export function parseQuery(input: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  let index = 0;
  while (index < input.length && terms.length < MAX_TERMS) {
    const char = input.charAt(index);
    if (/\s/u.test(char)) {
      index += 1;
      continue;
    }
    let chunk: string;
    if (char === '"') {
      const close = input.indexOf('"', index + 1);
      const end = close === -1 ? input.length : close;
      chunk = input.slice(index + 1, end);
      index = close === -1 ? input.length : close + 1;
    } else {
      const match = /[^\s"]+/uy;
      match.lastIndex = index;
      chunk = match.exec(input)?.[0] ?? char;
      index += chunk.length;
    }
    let prefix = chunk.endsWith('*');
    if (input.charAt(index) === '*') {
      prefix = true;
      index += 1;
    }
    for (const term of termsOf(chunk, prefix)) {
      term.tokens = term.tokens.slice(0, MAX_TOKENS_PER_TERM);
      const key = JSON.stringify(term);
      if (!terms.some((known) => JSON.stringify(known) === key)) terms.push(term);
    }
  }
  return terms.slice(0, MAX_TERMS);
}

/** Whether a term is one Han/kana/Hangul character, which the index also keeps alone (see FTS columns). */
export function isSingleCjkTerm(term: QueryTerm): boolean {
  const [token] = term.tokens;
  return (
    term.tokens.length === 1 && token !== undefined && Array.from(token).length === 1 && isCjkText(token)
  );
}

/**
 * The FTS5 MATCH expression for parsed terms: each term searched in `textColumns`, a
 * single Han/kana/Hangul character in `cjkColumn`. Every token is a quoted string of
 * token characters only, so it can hold no quote and no operator.
 */
export function toFtsQuery(
  terms: readonly QueryTerm[],
  columns: { textColumns: readonly string[]; cjkColumn: string },
): string {
  const text = `{${columns.textColumns.join(' ')}}`;
  return terms
    .map((term) =>
      isSingleCjkTerm(term)
        ? `${columns.cjkColumn} : "${term.tokens.join('')}"`
        : `${text} : "${term.tokens.join(' ')}"${term.prefix ? '*' : ''}`,
    )
    .join(' AND ');
}
