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

type Candidate = {
  blockId: string;
  text: string;
  month: number;
  day: number;
  year: number;
  isYearStated: boolean;
};

function isoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The year that puts a month and day nearest to the reference day ("1er novembre" near 2023-10-31 is 2023). */
function nearestYear(month: number, day: number, reference: Date): number {
  const year = reference.getUTCFullYear();
  const distance = (candidate: number): number =>
    Math.abs(Date.UTC(candidate, month - 1, day) - reference.getTime());
  return [year - 1, year, year + 1].reduce((best, candidate) =>
    distance(candidate) < distance(best) ? candidate : best,
  );
}

type Window = { id: string; text: string; language: string };

/**
 * Only dates that state their day and month in digits or words ("31 octobre 2023",
 * "ce mercredi 1er novembre") are events; "hier", "lundi" or "18h30" are relative to a
 * day the text does not give, so they are left alone rather than guessed. chrono-node has
 * a fixed cost per call, so all windows of one language are read in one call.
 */
function explicitDates(parser: Parser, windows: readonly Window[], reference: Date): Candidate[] {
  const separator = '\n\n';
  const starts: number[] = [];
  let text = '';
  for (const window of windows) {
    starts.push(text.length);
    text += window.text + separator;
  }
  const candidates: Candidate[] = [];
  for (const result of parser.parse(text, reference)) {
    const { start } = result;
    if (!/\d/u.test(result.text) || !start.isCertain('day') || !start.isCertain('month')) continue;
    let owner = 0;
    while (owner + 1 < starts.length && (starts[owner + 1] ?? Infinity) <= result.index) owner += 1;
    const window = windows[owner];
    const month = start.get('month');
    const day = start.get('day');
    const year = start.get('year');
    if (!window || month === null || day === null || year === null) continue;
    candidates.push({
      blockId: window.id,
      text: result.text,
      month,
      day,
      year,
      isYearStated: start.isCertain('year'),
    });
  }
  return candidates;
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
  const byParser = new Map<Parser, Window[]>();
  for (const block of blocks) {
    const parser = PARSERS[block.language] ?? PARSERS[articleLanguage];
    if (!parser) continue;
    for (const text of dateWindows(block.text, block.language)) {
      const windows = byParser.get(parser) ?? [];
      windows.push({ id: block.id, text, language: block.language });
      byParser.set(parser, windows);
    }
  }
  const found = [...byParser].flatMap(([parser, windows]) =>
    explicitDates(parser, windows, fallbackReference),
  );
  const stated = found
    .filter((candidate) => candidate.isYearStated)
    .map((candidate) => Date.UTC(candidate.year, candidate.month - 1, candidate.day));
  const reference = stated.length > 0 ? new Date(Math.max(...stated)) : fallbackReference;
  const seen = new Set<string>();
  const dates: EventDate[] = [];
  for (const candidate of found) {
    const year = candidate.isYearStated
      ? candidate.year
      : nearestYear(candidate.month, candidate.day, reference);
    const date = isoDay(year, candidate.month, candidate.day);
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
