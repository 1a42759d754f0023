import type { ErrorInfo } from './errors.ts';

/** The envelope every call across a boundary resolves to; expected failures are values, not rejections. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Wraps a value as a successful Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps an error as a failed Result. */
export function fail<T = never>(error: ErrorInfo): Result<T> {
  return { ok: false, error };
}
