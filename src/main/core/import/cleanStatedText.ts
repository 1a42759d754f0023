import { collapseWhitespace } from './collectBlocks.ts';

/** Values authoring tools leave in title and author fields that name nothing. */
const PLACEHOLDERS = new Set([
  'untitled',
  'untitled document',
  'title',
  'document',
  'new document',
  'presentation',
  'unknown',
  'none',
  'null',
  'undefined',
  'n/a',
  'na',
  'user',
  'admin',
  'administrator',
  'author',
  'owner',
  'windows user',
  'microsoft office user',
  'microsoft word',
  'powerpoint presentation',
  'présentation powerpoint',
  'sans titre',
  'document sans titre',
  'utilisateur',
  'benutzer',
  'usuario',
  'пользователь',
  'без названия',
  'автор',
]);

const FILE_NAME =
  /\.(?:docx?|dotx?|pdf|rtf|odt|pptx?|xlsx?|txt|html?|tex|dvi|indd|qxd|pages|wpd|ps|eps|png|jpe?g)$/i;

/**
 * A title or author as a file's metadata states it, or null when the value is an artefact
 * of the tool that wrote the file: empty, a placeholder ("Untitled", "User"), a file name
 * ("Microsoft Word - draft3.doc"), or a Perl reference printed by mistake ("ARRAY(0x2c7cf020)",
 * in pdf.js's TAMReview.pdf).
 */
export function cleanStatedText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being removed
  let text = collapseWhitespace(value.replace(/[\u0000-\u001f\u007f\ufeff]/g, ' ')).trim();
  text = text.replace(/^Microsoft (?:Word|PowerPoint|Excel)\s+-\s+/i, '').trim();
  if (text === '') return null;
  if (/^(?:ARRAY|HASH|SCALAR|CODE|GLOB|REF)\(0x[0-9a-f]+\)$/i.test(text)) return null;
  if (FILE_NAME.test(text)) return null;
  if (PLACEHOLDERS.has(text.toLowerCase())) return null;
  if (!/[\p{L}\p{N}]/u.test(text)) return null;
  return text;
}
