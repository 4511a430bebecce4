import { describe, expect, it } from 'vitest';
import { matchesQuery } from './matchesQuery';

describe('matchesQuery', () => {
  it('matches any part of the title, ignoring case and accents', () => {
    expect(matchesQuery('Zoë Martin', 'zoe')).toBe(true);
    expect(matchesQuery('Weekend hike', 'HIKE')).toBe(true);
    expect(matchesQuery('Weekend hike', '')).toBe(true);
    expect(matchesQuery('Weekend hike', 'bike')).toBe(false);
  });
});
