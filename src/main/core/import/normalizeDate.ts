/**
 * A date as a file states it, turned into ISO 8601 where that is safe: the calendar day
 * and the stated offset are kept as written (never shifted to UTC), a date without a time
 * stays a date. Anything unparseable is returned as written.
 */
export function normalizeDate(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '') return null;

  const iso =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(
      text,
    );
  if (iso !== null) {
    const [, year, month, day, hour, minute, second, zone] = iso;
    if (!isCalendarDay(Number(year), Number(month), Number(day))) return text;
    const date = `${year}-${month}-${day}`;
    if (hour === undefined || minute === undefined) return date;
    return `${date}T${hour}:${minute}:${second ?? '00'}${formatZone(zone)}`;
  }

  // Other spellings ("July 28, 2014", RFC 2822) go through Date.parse, but only with a
  // four-digit year: V8 happily reads "1" or "Page 12" as a date.
  if (!/\b(1[6-9]|2\d)\d\d\b/.test(text)) return text;
  const time = Date.parse(text);
  if (!Number.isFinite(time)) return text;
  const parsed = new Date(time);
  const hasZone = /(?:\bGMT\b|\bUTC\b|\bZ\b|[+-]\d{2}:?\d{2}\b)/i.test(text);
  if (hasZone) return parsed.toISOString().replace('.000Z', 'Z');
  const date = `${parsed.getFullYear()}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`;
  if (!/\d{1,2}:\d{2}/.test(text)) return date;
  return `${date}T${pad(parsed.getHours())}:${pad(parsed.getMinutes())}:${pad(parsed.getSeconds())}`;
}

function formatZone(zone: string | undefined): string {
  if (zone === undefined) return '';
  if (zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.replace(':', '');
  const hours = digits.slice(0, 3);
  const minutes = digits.slice(3) || '00';
  return `${hours}:${minutes}`;
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
