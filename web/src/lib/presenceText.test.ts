import { describe, expect, it } from 'vitest';
import { presenceText } from './presenceText';

const now = new Date('2026-12-01T12:00:00Z');

describe('presenceText', () => {
  it('says online, or how long ago they were seen', () => {
    expect(presenceText({ online: true, last_seen_at: null }, now)).toBe('online');
    expect(presenceText({ online: false, last_seen_at: '2026-12-01T11:59:40Z' }, now)).toBe(
      'last seen just now',
    );
    expect(presenceText({ online: false, last_seen_at: '2026-12-01T11:55:00Z' }, now)).toBe(
      'last seen 5 min ago',
    );
  });
  it('says nothing when hidden or never seen', () => {
    expect(presenceText({ online: null, last_seen_at: null }, now)).toBeNull();
    expect(presenceText({ online: false, last_seen_at: null }, now)).toBeNull();
    expect(presenceText(null, now)).toBeNull();
  });
});
