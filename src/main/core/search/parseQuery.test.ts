import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { parseQuery, toFtsQuery } from './parseQuery.ts';
import { FTS_TOKENIZER, indexableText, tokenizeFolded } from './tokenizeFolded.ts';
import { foldText } from './foldText.ts';

const COLUMNS = { textColumns: ['body'], cjkColumn: 'han' };

describe('parseQuery', () => {
  it('reads words (all required), folding them like the index', () => {
    expect(parseQuery('Aïn  Syrie')).toEqual([
      { tokens: ['ain'], prefix: false },
      { tokens: ['syrie'], prefix: false },
    ]);
  });

  it('makes a word that folding splits into a phrase of its parts', () => {
    expect(parseQuery('ain al-Assad')).toEqual([
      { tokens: ['ain'], prefix: false },
      { tokens: ['al', 'assad'], prefix: false },
    ]);
  });

  it('reads quoted phrases and prefixes', () => {
    expect(parseQuery('"champ pétrolier" roquet*')).toEqual([
      { tokens: ['champ', 'petrolier'], prefix: false },
      { tokens: ['roquet'], prefix: true },
    ]);
    expect(parseQuery('"champ pétr"*')).toEqual([{ tokens: ['champ', 'petr'], prefix: true }]);
  });

  it('searches a prefix shorter than three letters as a word', () => {
    expect(parseQuery('co*')).toEqual([{ tokens: ['co'], prefix: false }]);
  });

  it('turns a Chinese word into a phrase of bigrams and one character into a prefix', () => {
    expect(parseQuery('外交部')).toEqual([{ tokens: ['外交', '交部'], prefix: false }]);
    expect(parseQuery('美')).toEqual([{ tokens: ['美'], prefix: true }]);
    expect(parseQuery('G20峰会')).toEqual([
      { tokens: ['g20'], prefix: false },
      { tokens: ['峰会'], prefix: false },
    ]);
  });

  it('treats operators, brackets and stray punctuation as text or nothing', () => {
    expect(parseQuery('AND OR NOT')).toEqual([
      { tokens: ['and'], prefix: false },
      { tokens: ['or'], prefix: false },
      { tokens: ['not'], prefix: false },
    ]);
    expect(parseQuery('" * ( - : ^')).toEqual([]);
    expect(parseQuery('*')).toEqual([]);
  });
});

describe('toFtsQuery', () => {
  // FTS5 itself is the judge of whether an expression is valid: every hostile input must
  // give one it accepts (or no terms at all).
  const db = new DatabaseSync(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(body, han, content = '', tokenize = "${FTS_TOKENIZER}")`);
  db.prepare('INSERT INTO t (rowid, body, han) VALUES (1, ?, ?)').run(
    indexableText(foldText('La base d’Aïn al-Assad, AND OR NOT NEAR, 外交部发言人')),
    '外 交 部 发 言 人',
  );
  const count = (query: string): number => {
    const terms = parseQuery(query);
    if (terms.length === 0) return 0;
    return (
      db.prepare('SELECT count(*) AS n FROM t WHERE t MATCH ?').get(toFtsQuery(terms, COLUMNS)) as {
        n: number;
      }
    ).n;
  };

  it('never produces an expression FTS5 rejects', () => {
    const hostile = [
      '"',
      '""',
      '"""',
      '*',
      '**',
      'AND OR NOT',
      'NOT',
      '(',
      ')',
      '(a OR b',
      'NEAR',
      'NEAR(a b, 2)',
      '-',
      '-base',
      ':',
      'body:base',
      '{body}: base',
      '^base',
      'base +',
      "'; DROP TABLE t; --",
      'a"b"c',
      '\u0000',
      '"unterminated phrase',
    ];
    for (const query of hostile) expect(() => count(query), query).not.toThrow();
  });

  it('finds what the parsed query asks for', () => {
    expect(count('ain al-assad')).toBe(1);
    expect(count('AND OR NOT NEAR')).toBe(1);
    expect(count('"assad al"')).toBe(0);
    expect(count('外交部')).toBe(1);
    expect(count('部发')).toBe(1);
    expect(count('人')).toBe(1);
    expect(count('外部')).toBe(0);
  });
});

describe('tokenizeFolded', () => {
  it('finds the same tokens FTS5 finds in the indexable text', () => {
    const db = new DatabaseSync(':memory:');
    db.exec(`CREATE VIRTUAL TABLE v USING fts5(body, tokenize = "${FTS_TOKENIZER}")`);
    db.exec("CREATE VIRTUAL TABLE vv USING fts5vocab('v', 'instance')");
    const folded = foldText('Aïn al-Assad: 外交部发言人说, G20峰会 (2023) हिन्दी');
    db.prepare('INSERT INTO v (body) VALUES (?)').run(indexableText(folded));
    const fromFts = (db.prepare('SELECT term FROM vv ORDER BY offset').all() as { term: string }[]).map(
      (row) => row.term,
    );
    expect(tokenizeFolded(folded).map((token) => token.text)).toEqual(fromFts);
  });
});
