/**
 * A file name as it is shown to the analyst (lists, errors, the command line): control and
 * bidirectional-override characters, which could hide or reorder what the name says (as in
 * "report-\u202Efdp.txt" read as "report-txt.pdf"), are shown as escapes. Stored data keeps
 * the name as it is.
 */
export function displayFileName(name: string): string {
  return name.replace(
    /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu,
    (character) => `\\u${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}
