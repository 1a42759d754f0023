import path from 'node:path';

/** The repository's root folder. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/** A path inside ../shared, which sits beside the repository on every developer's machine and in CI. */
export function sharedPath(...parts: string[]): string {
  return path.resolve(REPO_ROOT, '..', 'shared', ...parts);
}

/** A path inside the third-party test corpus (../shared/corpus); test data only, never shipped. */
export function corpusPath(...parts: string[]): string {
  return sharedPath('corpus', ...parts);
}

/** The seed article every part of the app is checked against. */
export const SEED_FIXTURE = sharedPath('fixtures', 'press-tv-fr-al-omar-al-tanf.txt');

/**
 * The seed's blocks as an analyst reads the page: navigation crumb, headline, two photo
 * captions, eleven paragraphs, the "A lire:" related link, three more paragraphs, the share
 * line and the source line. The line of non-breaking spaces before "Partager" makes no block.
 */
export const SEED_KINDS = [
  'crumb',
  'headline',
  'caption',
  'caption',
  ...Array<string>(11).fill('paragraph'),
  'related',
  ...Array<string>(3).fill('paragraph'),
  'share',
  'source',
];
