import { createHash } from 'node:crypto';
import { SCHEMA_VERSION, type Article } from '../src/shared/article.ts';

/** A minimal valid article whose only block is `text`, and its original bytes, for library tests. */
export function makeArticle(text: string): { article: Article; original: Uint8Array } {
  const original = new TextEncoder().encode(text);
  const sha256 = createHash('sha256').update(original).digest('hex');
  const article: Article = {
    schemaVersion: SCHEMA_VERSION,
    id: sha256.slice(0, 12),
    format: 'txt',
    originalFileName: 'a.txt',
    originalPath: 'original.txt',
    byteLength: original.byteLength,
    sha256,
    textSha256: sha256,
    importedAt: new Date().toISOString(),
    parserVersion: 1,
    encoding: { name: 'utf-8', confidence: 1, declared: null, bom: false },
    direction: 'ltr',
    metadata: {
      title: { value: text, origin: 'inferred' },
      outlet: { value: null, origin: 'inferred' },
      author: { value: null, origin: 'found' },
      publishedAt: { value: null, origin: 'inferred' },
      url: { value: null, origin: 'found' },
      language: { value: 'en', origin: 'inferred' },
    },
    eventDates: [],
    duplicateOf: null,
    tags: [],
    warnings: [],
    blocks: [{ id: 'b1', kind: 'headline', text, language: 'en', direction: 'ltr' }],
  };
  return { article, original };
}
