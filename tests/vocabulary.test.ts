import { describe, expect, it } from 'vitest';
import { EVENTS } from '../src/shared/api.ts';
import { tagSchema } from '../src/shared/article.ts';
import { checkTag, EVENT_NAMES } from '../src/shared/vocabulary.ts';

/*
 * The window checks tags and knows events through vocabulary.ts, without zod; the main process
 * through the schemas built from it. Both must say the same.
 */
describe('the contract without zod', () => {
  it('names every event the schemas describe, and no other', () => {
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(EVENTS).sort());
  });

  it.each([
    ['  Syria  ', { tag: 'Syria' }],
    ['Aïn al-Assad', { tag: 'Aïn al-Assad' }],
    ['   ', { error: 'a tag cannot be empty' }],
    ['x'.repeat(101), { error: 'a tag is at most 100 characters' }],
    ['evil\u202etag', { error: 'a tag cannot contain control characters' }],
    ['two\nlines', { error: 'a tag cannot contain control characters' }],
  ])('checks the tag %j as the schema does', (text, expected) => {
    expect(checkTag(text)).toEqual(expected);
    const parsed = tagSchema.safeParse(text);
    if ('tag' in expected) expect(parsed).toEqual({ success: true, data: expected.tag });
    else expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([expected.error]);
  });
});
