import { z } from 'zod';

export { CITATION_NODE } from './vocabulary.ts';

/**
 * What a citation in the memo remembers of the passage it quotes. Beside the block id it
 * keeps the quoted text with a little context (the Hypothesis anchoring idea: quote,
 * prefix, suffix, position), so that a citation whose block changed after a re-parse can
 * be re-found, or shown as orphaned, but is never silently lost.
 */
export const citationAttrsSchema = z.object({
  articleId: z.string().min(1),
  blockId: z.string().min(1),
  /** 1-based position of the block in the article when the quote was taken. */
  blockPosition: z.number().int().positive(),
  quote: z.string(),
  prefix: z.string(),
  suffix: z.string(),
});
export type CitationAttrs = z.infer<typeof citationAttrsSchema>;
