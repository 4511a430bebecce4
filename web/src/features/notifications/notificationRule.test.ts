import { describe, expect, it } from 'vitest';
import type { Message } from '../../api/types';
import { badgeLabel } from './faviconBadge';
import { notificationText, shouldNotify } from './notificationRule';

const message = (over: Partial<Message> = {}): Message => ({
  id: 'm1',
  conversation_id: 'c1',
  seq: 1,
  sender_id: 'bob',
  body_text: 'On my way',
  created_at: '2026-12-01T10:00:00Z',
  client_msg_id: null,
  ...over,
});

describe('shouldNotify', () => {
  it('notifies about others while Natter is in the background', () => {
    expect(shouldNotify(message(), { myUserId: 'alice', attentive: false })).toBe(true);
  });
  it('stays quiet while the person is looking at Natter', () => {
    expect(shouldNotify(message(), { myUserId: 'alice', attentive: true })).toBe(false);
  });
  it('never notifies about my own messages (sent from another tab or device)', () => {
    expect(
      shouldNotify(message({ sender_id: 'alice' }), { myUserId: 'alice', attentive: false }),
    ).toBe(false);
  });
  it('never notifies about a muted conversation', () => {
    expect(shouldNotify(message(), { myUserId: 'alice', attentive: false, muted: true })).toBe(
      false,
    );
  });
  it('never notifies about a system line ("Bob renamed the group")', () => {
    const line = message({
      kind: 'system',
      body_text: 'Bob renamed the group to “Porto”',
      system: { event: 'renamed', actor_id: 'bob', user_id: null, title: 'Porto' },
    });
    expect(shouldNotify(line, { myUserId: 'alice', attentive: false })).toBe(false);
  });
});

describe('shouldNotify: mentions', () => {
  const mention = message({ mentions: ['alice'] });
  it('notifies about a mention while Natter is in front, on another conversation', () => {
    expect(
      shouldNotify(mention, { myUserId: 'alice', attentive: true, viewingConversationId: 'c2' }),
    ).toBe(true);
    expect(shouldNotify(mention, { myUserId: 'alice', attentive: true })).toBe(true);
  });
  it('notifies about a mention in a muted conversation, as Slack and Telegram do', () => {
    expect(shouldNotify(mention, { myUserId: 'alice', attentive: false, muted: true })).toBe(true);
  });
  it('stays quiet about a mention in the conversation being looked at', () => {
    expect(
      shouldNotify(mention, { myUserId: 'alice', attentive: true, viewingConversationId: 'c1' }),
    ).toBe(false);
  });
  it('does not treat a mention of someone else as one of mine', () => {
    expect(
      shouldNotify(message({ mentions: ['carol'] }), { myUserId: 'alice', attentive: true }),
    ).toBe(false);
  });
});

describe('notificationText', () => {
  it('names the group and the sender in a group', () => {
    expect(notificationText(message(), 'Bob', 'Weekend hike', true)).toEqual({
      title: 'Weekend hike',
      body: 'Bob: On my way',
    });
  });
  it('names the person in a DM', () => {
    expect(notificationText(message(), 'Bob', 'Bob', false)).toEqual({
      title: 'Bob',
      body: 'On my way',
    });
  });
  it('keeps long messages to one short line', () => {
    const { body } = notificationText(message({ body_text: 'a\n'.repeat(200) }), 'B', 'B', false);
    expect(body.length).toBe(140);
    expect(body.endsWith('…')).toBe(true);
    expect(body).not.toContain('\n');
  });
});

describe('badgeLabel', () => {
  it('caps at 99+', () => {
    expect(badgeLabel(7)).toBe('7');
    expect(badgeLabel(99)).toBe('99');
    expect(badgeLabel(100)).toBe('99+');
  });
});
