import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { WorkbenchError, type ErrorCode } from '../../../shared/errors.ts';
import { writeFileAtomic } from './atomicWrite.ts';

/** Summarises zod's issues in one line an analyst can act on. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * A lowdb adapter for one JSON file of the library: validated with its zod schema on
 * every read (a file that fails is reported with its path, never replaced by defaults)
 * and replaced atomically on every write.
 */
export class ValidatedJsonFile<T> implements Adapter<T> {
  readonly file: string;
  readonly #schema: z.ZodType<T>;
  readonly #damagedCode: ErrorCode;
  readonly #durable: boolean;

  constructor(
    file: string,
    schema: z.ZodType<T>,
    options: { damagedCode?: ErrorCode; durable?: boolean } = {},
  ) {
    this.file = file;
    this.#schema = schema;
    this.#damagedCode = options.damagedCode ?? 'ARTICLE_DAMAGED';
    this.#durable = options.durable ?? true;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new WorkbenchError('READ_FAILED', `Cannot read ${this.file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return parseValidatedJson(this.file, text, this.#schema, this.#damagedCode);
  }

  async write(data: T): Promise<void> {
    try {
      await writeFileAtomic(this.file, `${JSON.stringify(data, null, 2)}\n`, { durable: this.#durable });
    } catch (error) {
      throw new WorkbenchError('WRITE_FAILED', `Cannot save ${this.file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

/** Parses and validates JSON text read from `file`; damage is reported with the file's path. */
export function parseValidatedJson<T>(
  file: string,
  text: string,
  schema: z.ZodType<T>,
  damagedCode: ErrorCode,
): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const what = text.trim() === '' ? 'is empty' : `is not valid JSON (${(error as Error).message})`;
    throw new WorkbenchError(damagedCode, `${file} ${what}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new WorkbenchError(
      damagedCode,
      `${file} does not match its schema: ${describeIssues(parsed.error)}`,
    );
  }
  return parsed.data;
}
