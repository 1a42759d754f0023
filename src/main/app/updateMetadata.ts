import path from 'node:path';
import { articleSchema, type Article, type MetadataKey } from '../../shared/article.ts';
import { WorkbenchError } from '../../shared/errors.ts';
import { ARTICLE_FILE, type Library } from '../core/library/openLibrary.ts';
import { ValidatedJsonFile } from '../core/library/validatedJsonFile.ts';

/**
 * Sets one metadata field by hand, marking it as the analyst's. An empty value means "unknown"
 * (null), still set by the analyst, so a later re-parse does not bring the parser's guess back.
 *
 * The core has no metadata write yet, so this writes article.json with the library's own atomic,
 * validated writer and then refreshes the index row through `saveMemo` with the memo as it is,
 * the only public call that re-reads article.json into the index. That rewrites memo.json's
 * `updatedAt`; a `Library.updateMetadata` in the core should replace this. The caller must
 * serialise it with the article's other writes (see KeyedQueue).
 */
export async function updateMetadata(
  library: Library,
  id: string,
  key: MetadataKey,
  value: string | null,
): Promise<Article> {
  if (library.mode !== 'write')
    throw new WorkbenchError('LIBRARY_READ_ONLY', `The library at ${library.dir} is open read-only.`);
  const article = await library.readArticle(id);
  const trimmed = value?.trim() ?? '';
  const updated: Article = {
    ...article,
    metadata: { ...article.metadata, [key]: { value: trimmed === '' ? null : trimmed, origin: 'analyst' } },
  };
  await new ValidatedJsonFile(path.join(library.articleDir(id), ARTICLE_FILE), articleSchema).write(updated);
  const memo = await library.readMemo(id);
  await library.saveMemo(id, memo.doc);
  return updated;
}
