import { stringify } from 'yaml';
import { markdownSingleLine } from './escapeMarkdown.ts';

/** Free text from an article or the analyst (a title, an outlet), as opposed to a hash, id or date. */
class FreeText {
  readonly value: string | null;
  constructor(value: string | null) {
    this.value = value;
  }
}

/** A value of the front matter: free text is marked as such, so it can be escaped. */
export type FrontMatterValue =
  | FreeText
  | string
  | number
  | null
  | readonly FrontMatterValue[]
  | { readonly [key: string]: FrontMatterValue };

/** Marks a value as free text from an article or the analyst, to be escaped. */
export function text(value: string | null): FreeText {
  return new FreeText(value);
}

/*
 * pandoc reads every string of the front matter as Markdown and its standalone HTML shows the
 * title and author as such, so a title holding <script> would come out live: free text is
 * written escaped, exactly as in the body (a reader that renders it gets the article's text
 * back). Unknown values are left out rather than written as null, which pandoc turns into
 * empty author lines. Line breaks inside a value are folded to spaces so that no line of the
 * block can ever read as its closing `---`.
 */
function prepare(value: FrontMatterValue): unknown {
  if (value instanceof FreeText) return value.value === null ? undefined : markdownSingleLine(value.value);
  if (Array.isArray(value)) return value.map(prepare).filter((item) => item !== undefined);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, FrontMatterValue>)
      .map(([key, item]) => [key, prepare(item)] as const)
      .filter(([, item]) => item !== undefined && item !== null);
    return Object.fromEntries(entries);
  }
  return value ?? undefined;
}

/**
 * A YAML front matter block (`---` … `---`), written with the yaml package so it always
 * parses. Strings are double-quoted: YAML 1.1 readers (Ruby, Python) would otherwise take a
 * language code `no` for false or a date for a timestamp.
 */
export function buildFrontMatter(fields: Readonly<Record<string, FrontMatterValue>>): string {
  const yaml = stringify(prepare(fields), {
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
    lineWidth: 0,
  });
  return `---\n${yaml}---`;
}
