import { describe, expect, it } from 'vitest';
import type { Conversation } from '../api/types';
import { compareForList, isArchived, isMuted, muteUntil } from './conversationPreferences';

const now = new Date('2026-12-01T12:00:00Z');
const conversation = (over: Partial<Conversation>): Conversation =>
  ({
    id: 'c',
    type: 'dm',
    title: null,
    created_by: 'me',
    created_at: '2026-12-01T10:00:00Z',
    last_message: null,
    unread_count: 0,
    last_read_seq: 0,
    ...over,
  }) as Conversation;
const lastSeq = (seq: number) =>
  ({ seq, created_at: '2026-12-01T11:00:00Z' }) as Conversation['last_message'];

describe('conversation preferences', () => {
  it('treats a mute whose end has passed as over', () => {
    expect(isMuted(conversation({ muted: true, muted_until: null }), now)).toBe(true);
    expect(isMuted(conversation({ muted: true, muted_until: '2026-12-01T13:00:00Z' }), now)).toBe(
      true,
    );
    expect(isMuted(conversation({ muted: true, muted_until: '2026-12-01T11:59:00Z' }), now)).toBe(
      false,
    );
  });
  it('keeps an archived chat out of the list until a newer message, unless muted', () => {
    const archived = { archived: true, archived_at_seq: 5 };
    expect(isArchived(conversation({ ...archived, last_message: lastSeq(5) }), now)).toBe(true);
    expect(isArchived(conversation({ ...archived, last_message: lastSeq(6) }), now)).toBe(false);
    expect(
      isArchived(conversation({ ...archived, last_message: lastSeq(6), muted: true }), now),
    ).toBe(true);
  });
  it('puts pinned chats first, then the most recent', () => {
    const at = (c: Conversation) => c.created_at;
    const old = conversation({ id: 'old', created_at: '2026-01-01T00:00:00Z', pinned: true });
    const recent = conversation({ id: 'new', created_at: '2026-12-01T00:00:00Z' });
    expect([recent, old].sort((a, b) => compareForList(a, b, at)).map((c) => c.id)).toEqual([
      'old',
      'new',
    ]);
  });
  it('words "until I turn it back on" as forever and hours as a time', () => {
    expect(muteUntil(null, now)).toBe('forever');
    expect(muteUntil(8, now)).toBe('2026-12-01T20:00:00.000Z');
  });
});
