import type { SearchHitInfo, SearchMatchInfo } from '../../../../shared/api.ts';

/**
 * Where to open a hit chosen as a whole (Enter, a click on its title): at its first match in the
 * text, notes or memo; a title match alone opens the article at its top.
 */
export function bestMatch(hit: SearchHitInfo): SearchMatchInfo | null {
  return hit.matches.find((match) => match.field !== 'title') ?? hit.matches[0] ?? null;
}
