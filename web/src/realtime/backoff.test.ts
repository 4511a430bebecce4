import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

const options = { baseMs: 500, maxMs: 30_000 };

describe('backoffDelay', () => {
  it('doubles the cap with each attempt', () => {
    const caps = [0, 1, 2, 3, 4].map((attempt) => backoffDelay(attempt, options, () => 1));
    expect(caps).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('never exceeds the maximum, however many attempts failed', () => {
    expect(backoffDelay(10, options, () => 1)).toBe(30_000);
    expect(backoffDelay(1000, options, () => 1)).toBe(30_000);
  });

  it('draws a jittered delay between half the cap and the cap', () => {
    expect(backoffDelay(3, options, () => 0)).toBe(2000);
    expect(backoffDelay(3, options, () => 0.5)).toBe(3000);
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(4, options);
      expect(delay).toBeGreaterThanOrEqual(4000);
      expect(delay).toBeLessThanOrEqual(8000);
    }
  });

  it('spreads clients apart instead of retrying in lockstep', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5, options)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
