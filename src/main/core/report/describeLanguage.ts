const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** "French (fr)" for a language code; the code alone when ICU does not know it; "unknown language" for none or `und`. */
export function describeLanguage(code: string | null): string {
  if (code === null || code === '' || code === 'und') return 'unknown language';
  let name: string | undefined;
  try {
    name = names.of(code);
  } catch {
    // Not a well-formed BCP 47 tag: show it as it is.
  }
  return name === undefined || name === code ? code : `${name} (${code})`;
}
