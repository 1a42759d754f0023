import * as chrono from 'chrono-node';
import type { EventDate } from '../../../shared/article.ts';

type Parser = { parse: (text: string, ref?: Date) => chrono.ParsedResult[] };

/** chrono-node's locales; a language without one gets no event dates rather than wrong ones. */
const PARSERS: Partial<Record<string, Parser>> = {
  en: chrono.en,
  fr: chrono.fr,
  de: chrono.de,
  es: chrono.es,
  it: chrono.it,
  ja: chrono.ja,
  nl: chrono.nl,
  pt: chrono.pt,
  ru: chrono.ru,
  uk: chrono.uk,
  zh: chrono.zh,
  sv: chrono.sv,
  fi: chrono.fi,
};

const NUMERIC_DATE = String.raw`\d{1,4}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{1,4}|\d\s*[月年日]|\d{1,2}\s*월`;
const datePatterns = new Map<string, RegExp>();

/** Month names of a language as Intl spells them after a day number (and in English), plus numeric dates. */
function datePattern(language: string): RegExp {
  let pattern = datePatterns.get(language);
  if (pattern) return pattern;
  const names = new Set<string>();
  for (const locale of [language, 'en']) {
    for (const month of ['long', 'short'] as const) {
      const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month });
      for (let index = 0; index < 12; index += 1) {
        const name = format
          .formatToParts(new Date(Date.UTC(2024, index, 15)))
          .find((part) => part.type === 'month')?.value;
        if (name !== undefined && name.length >= 3)
          names.add(name.toLowerCase().replace(/\.$/u, '').slice(0, 4));
      }
    }
  }
  const escaped = [...names].map((name) => name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'));
  pattern = new RegExp(`${NUMERIC_DATE}|${escaped.join('|')}`, 'giu');
  datePatterns.set(language, pattern);
  return pattern;
}

/** How much text around a month name or numeric date chrono-node needs to read a whole date. */
const WINDOW = 48;

/**
 * The stretches of a block that can hold an explicit date: around each month name or
 * numeric date, cut at spaces. chrono-node costs about a millisecond per 4 KB, so it
 * reads only these, not whole articles.
 */
export function dateWindows(text: string, language: string): string[] {
  if (!/\d/u.test(text)) return [];
  const spans: [number, number][] = [];
  for (const match of text.matchAll(datePattern(language))) {
    const from = Math.max(0, match.index - WINDOW);
    const to = Math.min(text.length, match.index + match[0].length + WINDOW);
    const last = spans.at(-1);
    if (last && from <= last[1]) last[1] = to;
    else spans.push([from, to]);
  }
  return spans
    .map(([from, to]) => {
      const start = from === 0 ? 0 : text.indexOf(' ', from) + 1;
      const space = text.lastIndexOf(' ', to);
      const end = to === text.length || space <= start ? to : space;
      return text.slice(start, end);
    })
    .filter((window) => /\d/u.test(window));
}

type Candidate = { blockId: string; text: string; date: Date; isYearStated: boolean };

function isoDay(date: Date): string {
  return `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/**
 * Only dates that state their day and month in digits or words ("31 octobre 2023",
 * "ce mercredi 1er novembre") are events; "hier", "lundi" or "18h30" are relative to a
 * day the text does not give, so they are left alone rather than guessed.
 */
function explicitDates(parser: Parser, blockId: string, text: string, reference: Date): Candidate[] {
  return parser
    .parse(text, reference)
    .filter(
      (result) => /\d/u.test(result.text) && result.start.isCertain('day') && result.start.isCertain('month'),
    )
    .map((result) => ({
      blockId,
      text: result.text,
      date: result.start.date(),
      isYearStated: result.start.isCertain('year'),
    }));
}

/**
 * Finds the calendar days an article mentions. Dates without a year are resolved
 * against the latest fully stated date of the same article ("ce mercredi 1er novembre"
 * after "mardi 31 octobre 2023" is 2023-11-01), else against `fallbackReference`.
 */
export function findEventDates(
  blocks: readonly { id: string; text: string; language: string }[],
  articleLanguage: string,
  fallbackReference: Date,
): EventDate[] {
  const windows = blocks.flatMap((block) =>
    dateWindows(block.text, block.language).map((text) => ({ id: block.id, text, language: block.language })),
  );
  const parserFor = (language: string): Parser | undefined => PARSERS[language] ?? PARSERS[articleLanguage];
  const first: Candidate[] = [];
  for (const window of windows) {
    const parser = parserFor(window.language);
    if (parser) first.push(...explicitDates(parser, window.id, window.text, fallbackReference));
  }
  const stated = first
    .filter((candidate) => candidate.isYearStated)
    .map((candidate) => candidate.date.getTime());
  const reference = stated.length > 0 ? new Date(Math.max(...stated)) : fallbackReference;
  const resolved =
    reference === fallbackReference
      ? first
      : first.map((candidate) => {
          if (candidate.isYearStated) return candidate;
          const parser = parserFor(
            blocks.find((block) => block.id === candidate.blockId)?.language ?? articleLanguage,
          );
          const again = parser
            ? explicitDates(parser, candidate.blockId, candidate.text, reference)[0]
            : undefined;
          return again ?? candidate;
        });
  const seen = new Set<string>();
  const dates: EventDate[] = [];
  for (const candidate of resolved) {
    const date = isoDay(candidate.date);
    const key = `${date} ${candidate.blockId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    dates.push({
      date,
      text: candidate.text,
      blockId: candidate.blockId,
      origin: candidate.isYearStated ? 'found' : 'inferred',
    });
  }
  return dates;
}
