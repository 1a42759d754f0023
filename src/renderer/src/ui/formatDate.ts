// One formatter for every row: building an Intl.DateTimeFormat costs about a millisecond.
const dayFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A stored date (YYYY-MM-DD or an ISO timestamp) as a short, unambiguous day: "31 Oct 2023". */
export function formatDate(value: string | null): string {
  if (value === null || value === '') return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/u.exec(value);
  if (match === null) return value;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return dayFormat.format(date);
}
