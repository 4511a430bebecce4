import { describe, expect, it } from 'vitest';
import type { Conversation, User } from '../../api/types';
import { conversationPreview, typingLine } from './conversationPreview';

const user = (id: string, display_name: string): User =>
  ({ id, display_name, username: id, avatar_url: null }) as User;

const conversation = (over: Partial<Conversation>): Conversation =>
  ({
    id: 'c1',
    type: 'group',
    title: 'Hike',
    created_by: 'me',
    created_at: '2026-12-01T10:00:00Z',
    members: [
      { user: user('me', 'Me Myself'), role: 'admin', joined_at: '', joined_seq: 0 },
      { user: user('ben', 'Ben Chen'), role: 'member', joined_at: '', joined_seq: 0 },
    ],
    last_message: null,
    unread_count: 0,
    last_read_seq: 0,
    ...over,
  }) as Conversation;

const message = (sender_id: string, body_text: string) => ({
  id: 'm',
  conversation_id: 'c1',
  seq: 1,
  sender_id,
  body_text,
  created_at: '2026-12-01T10:00:00Z',
  client_msg_id: null,
});

describe('conversationPreview', () => {
  it('names the sender in a group', () => {
    expect(
      conversationPreview(conversation({ last_message: message('ben', 'on my\nway') }), 'me'),
    ).toBe('Ben: on my way');
  });
  it('says "You" for my own', () => {
    expect(conversationPreview(conversation({ last_message: message('me', 'hi') }), 'me')).toBe(
      'You: hi',
    );
  });
  it('names nobody in a DM: the title is the person', () => {
    expect(
      conversationPreview(conversation({ type: 'dm', last_message: message('ben', 'hi') }), 'me'),
    ).toBe('hi');
  });
  it('falls back to the text when the sender left the group', () => {
    expect(conversationPreview(conversation({ last_message: message('gone', 'bye') }), 'me')).toBe(
      'bye',
    );
  });
  it('describes an empty conversation', () => {
    expect(conversationPreview(conversation({}), 'me')).toBe('Group created');
    expect(conversationPreview(conversation({ type: 'dm' }), 'me')).toBe('No messages yet');
  });
  it('shows a system line as it is, without a sender', () => {
    const line = { ...message('me', 'Me Myself added Ben Chen'), kind: 'system' as const };
    expect(conversationPreview(conversation({ last_message: line }), 'me')).toBe(
      'Me Myself added Ben Chen',
    );
  });
  it('says who is typing instead of the last message', () => {
    const group = conversation({});
    expect(typingLine(group, [])).toBeNull();
    expect(typingLine(group, ['ben'])).toBe('Ben is typing…');
    expect(typingLine(group, ['ben', 'x'])).toBe('Ben and Someone are typing…');
    expect(typingLine(conversation({ type: 'dm' }), ['ben'])).toBe('typing…');
  });
});
