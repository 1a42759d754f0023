import { z } from 'zod';

/**
 * Every error code the core can report. The renderer and the CLI switch on these,
 * so adding one is a contract change.
 */
export const ERROR_CODES = [
  // input files
  'NOT_FOUND',
  'READ_FAILED',
  'UNSUPPORTED_FORMAT',
  'EMPTY_FILE',
  'FILE_TOO_LARGE',
  'BINARY_CONTENT',
  'DECODE_FAILED',
  'NO_TEXT',
  'HTML_TOO_DEEP',
  'DOCX_DAMAGED',
  'DOCX_TOO_LARGE',
  'DOCX_TOO_MANY_ENTRIES',
  'PDF_DAMAGED',
  'PDF_ENCRYPTED',
  'PDF_TOO_MANY_PAGES',
  'IMPORT_TIMEOUT',
  'IMPORT_OUT_OF_MEMORY',
  // library
  'LIBRARY_LOCKED',
  'LIBRARY_NOT_FOUND',
  'LIBRARY_READ_ONLY',
  'ARTICLE_NOT_FOUND',
  'ARTICLE_DAMAGED',
  'WRITE_FAILED',
  /** A change sent against a version of a file that is no longer the one on disk. */
  'SAVE_CONFLICT',
  // calls
  'INVALID_INPUT',
  'INTERNAL',
] as const;

/** A machine-readable error code, `SCREAMING_SNAKE`. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error as it crosses a process or API boundary: a value, never a thrown object. */
export const errorInfoSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
});
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

/**
 * The one error class the core throws. `message` is written for the analyst and,
 * where a file is involved, names it.
 */
export class WorkbenchError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WorkbenchError';
    this.code = code;
  }

  /** The plain value form of this error, for JSON output and IPC. */
  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

/** Turns anything thrown into an ErrorInfo; unknown errors become INTERNAL with their message. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof WorkbenchError) return error.toInfo();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}
