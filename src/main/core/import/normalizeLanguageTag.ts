/**
 * A declared language ("en_US", "fr-fr", "zh-hans, en") as a canonical BCP 47 tag, or null
 * when the value is not a language at all ("und", "x-default", junk).
 */
export function normalizeLanguageTag(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const first = value.split(/[,;]/)[0]?.trim().replace(/_/g, '-') ?? '';
  if (!/^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i.test(first)) return null;
  if (/^(?:und|mul|zxx|mis)(?:-|$)/i.test(first)) return null;
  try {
    return Intl.getCanonicalLocales(first)[0] ?? null;
  } catch {
    return null;
  }
}
