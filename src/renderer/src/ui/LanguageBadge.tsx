const names = new Intl.DisplayNames(undefined, { type: 'language' });

function languageName(code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** A language code set small, with its full name for screen readers and on hover. */
export function LanguageBadge({ code }: { code: string | null }) {
  if (code === null || code === '' || code === 'und') return null;
  const name = languageName(code);
  return (
    <abbr className="language-badge" title={name} aria-label={name}>
      {code}
    </abbr>
  );
}
