/** The longest file name, in bytes of UTF-8, that ext4, APFS, NTFS and exFAT all accept. */
const MAX_NAME_BYTES = 255;
const EXTENSION = '.md';

/*
 * Characters no name may hold: Windows forbids < > : " / \ | ? * and C0 controls; C1 controls
 * and DEL are invisible; a bidi override can make a name read backwards, hiding its real
 * extension (CVE-2021-42574, "Trojan Source"); a BOM cannot round-trip.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]/g;
const REPLACED: Readonly<Record<string, string>> = {
  '<': '(',
  '>': ')',
  ':': ' -',
  '"': "'",
  '/': '-',
  '\\': '-',
  '|': '-',
  '?': '',
  '*': '',
};

/** Device names Windows reserves with any extension (CON.md opens the console); superscript digits count too. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$|clock\$)$/i;

const utf8 = new TextEncoder();
function byteLength(text: string): number {
  // APFS and HFS+ store names decomposed: a name must fit in both forms.
  return Math.max(utf8.encode(text).length, utf8.encode(text.normalize('NFD')).length);
}

/** Cuts `text` to at most `maxBytes`, between grapheme clusters, so no emoji or accent is split. */
function truncateToBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let kept = '';
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) {
    if (byteLength(kept + segment) > maxBytes) break;
    kept += segment;
  }
  return kept;
}

/** Trims what Windows silently drops at the end of a name (dots, spaces) and what hides a file on Unix (a leading dot). */
function trimEnds(stem: string): string {
  return stem.replace(/^[\s.]+/u, '').replace(/[\s.]+$/u, '');
}

function cleanStem(title: string): string {
  const stem = title
    .toWellFormed()
    .normalize('NFC')
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ')
    .replace(INVISIBLE, '')
    .replace(/[<>:"/\\|?*]/g, (character) => REPLACED[character] ?? '')
    .replace(/\.{2,}/g, '.')
    .replace(/\s+/gu, ' ');
  return trimEnds(stem);
}

/** `CON.x` → `CON_.x`: Windows looks at the part before the first dot, trailing spaces ignored. */
function avoidDeviceName(stem: string): string {
  const device = stem.split('.')[0]?.trimEnd() ?? '';
  return RESERVED.test(device) ? `${device}_${stem.slice(device.length)}` : stem;
}

/**
 * A file name for a report titled `title`, safe on Windows, macOS and Linux: no separators,
 * no `..`, no reserved device name, no control or bidi characters, no trailing dot or space,
 * at most 255 bytes of UTF-8 (decomposed too) with the `.md` extension kept.
 * `suffix` (e.g. " (2)") is added before the extension, within the same limit.
 */
export function safeFileName(title: string, suffix = ''): string {
  const room = MAX_NAME_BYTES - byteLength(EXTENSION) - byteLength(suffix);
  const fit = (stem: string): string => trimEnds(truncateToBytes(stem, room));
  const stem = fit(avoidDeviceName(fit(cleanStem(title))));
  return `${stem === '' ? 'Report' : stem}${suffix}${EXTENSION}`;
}

/** The n-th candidate name for a report: `name.md`, then `name (2).md`, `name (3).md`… */
export function numberedFileName(title: string, n: number): string {
  return safeFileName(title, n <= 1 ? '' : ` (${String(n)})`);
}
