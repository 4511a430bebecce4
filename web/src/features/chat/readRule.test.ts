import { describe, expect, it } from 'vitest';
import { isOnScreen, nextReadSeq } from './readRule';

const msgs = (spec: string) =>
  [...spec].map((who, i) => ({ seq: i + 1, sender_id: who === 'm' ? 'me' : 'bob' }));

describe('nextReadSeq', () => {
  it('moves only as far as the messages actually seen, without jumping a gap', () => {
    const messages = msgs('bbbbbb');
    expect(nextReadSeq(messages, 1, new Set([2, 3]), 'me')).toBe(3);
    expect(nextReadSeq(messages, 1, new Set([2, 3, 5, 6]), 'me')).toBe(3);
    expect(nextReadSeq(messages, 3, new Set([2, 3]), 'me')).toBeNull();
  });
  it('counts the user’s own messages as seen', () => {
    expect(nextReadSeq(msgs('bmmb'), 0, new Set([1]), 'me')).toBe(3);
    expect(nextReadSeq(msgs('bmmb'), 0, new Set([1, 4]), 'me')).toBe(4);
  });
  it('does not move for 60 unread when 18 were on screen', () => {
    const messages = msgs('b'.repeat(60));
    const seen = new Set(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(nextReadSeq(messages, 0, seen, 'me')).toBe(18);
  });
});

describe('isOnScreen', () => {
  const entry = (ratio: number, height: number, rootHeight = 600) => ({
    isIntersecting: ratio > 0,
    intersectionRatio: ratio,
    intersectionRect: { height },
    rootBounds: { height: rootHeight },
  });
  it('needs most of a message inside the viewport', () => {
    expect(isOnScreen(entry(1, 40))).toBe(true);
    expect(isOnScreen(entry(0.3, 12))).toBe(false);
    expect(isOnScreen(entry(0, 0))).toBe(false);
  });
  it('takes a message taller than the viewport as seen when it fills most of it', () => {
    expect(isOnScreen(entry(0.4, 500))).toBe(true);
  });
});
