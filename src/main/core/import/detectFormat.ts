import path from 'node:path';
import type { Format } from '../../../shared/article.ts';
import { WorkbenchError } from '../../../shared/errors.ts';

const BY_EXTENSION: Readonly<Record<string, Format>> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.docx': 'docx',
  '.pdf': 'pdf',
};

/** Formats an analyst may reasonably try, with what to do instead. */
const ADVICE: Readonly<Record<string, string>> = {
  '.doc': 'legacy Word .doc files are not supported; save it as .docx',
  '.rtf': 'RTF is not supported; save it as .docx or plain text',
  '.odt': 'OpenDocument text is not supported; save it as .docx',
  '.mht': 'MHTML archives are not supported; save the page as "Web page, HTML only"',
  '.mhtml': 'MHTML archives are not supported; save the page as "Web page, HTML only"',
  '.webarchive': 'Safari web archives are not supported; save the page as HTML',
};

export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXTENSION);

/** Decides the format from the file name, and checks that the bytes agree with it. */
export function detectFormat(fileName: string, bytes: Uint8Array): Format {
  const extension = path.extname(fileName).toLowerCase();
  const format = BY_EXTENSION[extension];
  if (format === undefined) {
    const advice = ADVICE[extension];
    throw new WorkbenchError(
      'UNSUPPORTED_FORMAT',
      advice ??
        `${extension === '' ? 'files without an extension' : `${extension} files`} are not supported (supported: ${SUPPORTED_EXTENSIONS.join(', ')})`,
    );
  }
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (format === 'pdf' && !head.includes('%PDF-'))
    throw new WorkbenchError('PDF_DAMAGED', 'the file is not a PDF (no %PDF header)');
  if (format === 'docx' && !head.startsWith('PK\u0003\u0004')) {
    throw new WorkbenchError('DOCX_DAMAGED', 'the file is not a DOCX document (not a ZIP container)');
  }
  return format;
}
