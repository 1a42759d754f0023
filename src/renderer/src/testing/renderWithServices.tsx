import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { SCHEMA_VERSION, type Article, type Block } from '../../../shared/article.ts';
import type { Client } from '../api/client.ts';
import { SaveQueue } from '../api/saveQueue.ts';
import { ServicesProvider } from '../api/ServicesProvider.tsx';

/** A client whose calls succeed and are recorded, for component tests. */
export function fakeClient() {
  const call = vi.fn((channel: string, input: unknown) => {
    const value = channel === 'notes:save' ? { ...(input as object), updatedAt: 'now' } : {};
    return Promise.resolve({ ok: true as const, value });
  });
  const client = {
    shell: 'web',
    call,
    subscribe: () => () => undefined,
    importFiles: vi.fn(),
    prepareForUnload: () => undefined,
  } as unknown as Client;
  return { client, call };
}

/** Renders inside the services every feature expects, with a short autosave delay. */
export function renderWithServices(
  ui: ReactNode,
  services: { client: Client; saves?: SaveQueue },
): RenderResult & { saves: SaveQueue } {
  const saves = services.saves ?? new SaveQueue(30);
  const result = render(
    <ServicesProvider client={services.client} saves={saves}>
      {ui}
    </ServicesProvider>,
  );
  return { ...result, saves };
}

/** An article with the given blocks, for reader and memo tests. */
export function makeArticle(blocks: Omit<Block, 'id'>[], id = 'a1b2c3d4e5f6'): Article {
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    format: 'txt',
    originalFileName: 'article.txt',
    originalPath: 'original.txt',
    byteLength: 100,
    sha256: '0'.repeat(64),
    textSha256: '1'.repeat(64),
    importedAt: '2023-11-02T10:00:00.000Z',
    parserVersion: 1,
    encoding: { name: 'utf-8', confidence: 1, declared: null, bom: false },
    direction: 'ltr',
    metadata: {
      title: { value: blocks[0]?.text ?? null, origin: 'inferred' },
      outlet: { value: 'Press TV', origin: 'found' },
      author: { value: null, origin: 'inferred' },
      publishedAt: { value: '2023-11-01', origin: 'inferred' },
      url: { value: null, origin: 'found' },
      language: { value: 'fr', origin: 'inferred' },
    },
    eventDates: [],
    duplicateOf: null,
    tags: [],
    warnings: [],
    blocks: blocks.map((block, index) => ({ ...block, id: `block-${String(index + 1)}` })),
  };
}
