import type { ErrorInfo } from '../../../shared/errors.ts';

/**
 * An error as the analyst reads it. The core's messages already name the file and the reason;
 * this adds what to do where the code implies it. The switch is exhaustive so that a new code
 * in the contract is a compile error here until someone decides how it reads.
 */
export function describeError(error: ErrorInfo): string {
  const { code, message } = error;
  switch (code) {
    case 'LIBRARY_LOCKED':
      return `${message} Close the other window or command that has this library open.`;
    case 'LIBRARY_READ_ONLY':
      return `${message} Changes cannot be saved.`;
    case 'WRITE_FAILED':
      return `${message} Check that the disk is not full and the folder is writable.`;
    case 'ARTICLE_DAMAGED':
      return `${message} The file was left as it is.`;
    case 'NOT_FOUND':
    case 'READ_FAILED':
    case 'UNSUPPORTED_FORMAT':
    case 'EMPTY_FILE':
    case 'FILE_TOO_LARGE':
    case 'BINARY_CONTENT':
    case 'DECODE_FAILED':
    case 'NO_TEXT':
    case 'HTML_TOO_DEEP':
    case 'DOCX_DAMAGED':
    case 'DOCX_TOO_LARGE':
    case 'DOCX_TOO_MANY_ENTRIES':
    case 'PDF_DAMAGED':
    case 'PDF_ENCRYPTED':
    case 'PDF_TOO_MANY_PAGES':
    case 'IMPORT_TIMEOUT':
    case 'IMPORT_OUT_OF_MEMORY':
    case 'LIBRARY_NOT_FOUND':
    case 'ARTICLE_NOT_FOUND':
    case 'SAVE_CONFLICT':
    case 'INVALID_INPUT':
    case 'INTERNAL':
      return message;
    default:
      return code satisfies never;
  }
}
