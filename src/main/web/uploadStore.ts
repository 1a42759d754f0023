import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { WorkbenchError } from '../../shared/errors.ts';
import type { UploadStore } from '../app/handlers.ts';

/** A file name safe to create in the staging folder that keeps what the analyst recognises, extension included. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/u).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const cleaned = base.replace(/[\u0000-\u001f\u007f:*?"<>|]/gu, '_').replace(/^\.+/u, '');
  return cleaned.slice(-200) || 'upload';
}

/**
 * Where the web shell keeps uploaded files until `library:import` takes them: a private temporary
 * folder, one sub-folder per upload so two files with the same name never collide. Each upload can
 * be taken once; what is left is removed on close.
 */
export class StagedUploads implements UploadStore {
  readonly #dir: string;
  readonly #maxBytes: number;
  readonly #staged = new Map<string, { path: string; name: string }>();

  private constructor(dir: string, maxBytes: number) {
    this.#dir = dir;
    this.#maxBytes = maxBytes;
  }

  static async create(maxBytes: number): Promise<StagedUploads> {
    return new StagedUploads(await mkdtemp(path.join(tmpdir(), 'article-workbench-uploads-')), maxBytes);
  }

  /** Streams one file to disk; throws FILE_TOO_LARGE past the limit (and keeps nothing of it). */
  async put(name: string, body: Readable): Promise<string> {
    const uploadId = randomBytes(16).toString('hex');
    const folder = path.join(this.#dir, uploadId);
    const file = path.join(folder, safeFileName(name));
    await mkdir(folder);
    let received = 0;
    const limit = this.#maxBytes;
    try {
      await pipeline(
        body,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            received += chunk.byteLength;
            if (received > limit) {
              throw new WorkbenchError(
                'FILE_TOO_LARGE',
                `${name}: the file is over the import limit of ${(limit / 1048576).toFixed(0)} MB`,
              );
            }
            yield chunk;
          }
        },
        createWriteStream(file, { flags: 'wx', mode: 0o600 }),
      );
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
    this.#staged.set(uploadId, { path: file, name });
    return uploadId;
  }

  take(uploadIds: readonly string[]): Promise<{ path: string; name: string }[]> {
    const files = uploadIds.map((id) => {
      const file = this.#staged.get(id);
      if (file === undefined) throw new WorkbenchError('INVALID_INPUT', `There is no upload ${id}.`);
      return file;
    });
    for (const id of uploadIds) this.#staged.delete(id);
    return Promise.resolve(files);
  }

  async discard(paths: readonly string[]): Promise<void> {
    await Promise.all(paths.map((file) => rm(path.dirname(file), { recursive: true, force: true })));
  }

  async close(): Promise<void> {
    this.#staged.clear();
    await rm(this.#dir, { recursive: true, force: true });
  }
}
