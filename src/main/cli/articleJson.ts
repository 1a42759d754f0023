import type { Article, MetadataKey, Origin } from '../../shared/article.ts';

/** The article as `workbench show --json` prints it: flat metadata, their origins, and the blocks. */
export function articleJson(article: Article) {
  const meta = article.metadata;
  const origins = Object.fromEntries(
    (Object.keys(meta) as MetadataKey[]).map((key) => [key, meta[key].origin]),
  ) as Record<MetadataKey, Origin>;
  return {
    id: article.id,
    title: meta.title.value,
    outlet: meta.outlet.value,
    author: meta.author.value,
    language: meta.language.value,
    direction: article.direction,
    encoding: article.encoding,
    sha256: article.sha256,
    originalFileName: article.originalFileName,
    format: article.format,
    importedAt: article.importedAt,
    publishedAt: meta.publishedAt.value,
    url: meta.url.value,
    eventDates: article.eventDates,
    duplicateOf: article.duplicateOf,
    origins,
    warnings: article.warnings,
    blocks: article.blocks.map(({ id, kind, text, language, direction }) => ({
      id,
      kind,
      text,
      language,
      direction,
    })),
  };
}
