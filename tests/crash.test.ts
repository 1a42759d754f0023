import { describe, expect, it } from 'vitest';
import { runCrashTest } from '../scripts/crashTest.ts';

// A small run of `npm run test:crash` (500 kills), so that the unit suite guards durability too.
describe('the library under SIGKILL', () => {
  it('loses no acknowledged save and tears no file over 20 kills', { timeout: 300_000 }, async () => {
    const counts = await runCrashTest({ kills: 20, seed: 6 });
    expect(counts.violations).toEqual([]);
    expect(counts).toMatchObject({
      kills: 20,
      torn: 0,
      lost: 0,
      temporariesLeft: 0,
      unlisted: 0,
      repairs: 0,
    });
    expect(counts.opens).toBeGreaterThan(0);
    expect(counts.acknowledgedSaves).toBeGreaterThan(0);
  });
});
