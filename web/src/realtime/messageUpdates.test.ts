import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../api/queryKeys';
import type { Conversation, Message } from '../api/types';
import { applyMessageUpdate, mergeMessages, type MessageWindow } from './messageCache';
import { makeMessage } from './testing';

function changed(seq: number, rev: number, body: string): Message {
  return { ...makeMessage(seq), rev, body_text: body, edited_at: '2026-12-01T10:00:00.000Z' };
}

function windowOf(client: QueryClient): Message[] {
  return client.getQueryData<MessageWindow>(queryKeys.messages('c1'))?.messages ?? [];
}

describe('message.updated in the cache (keep the copy with the highest rev)', () => {
  it('replaces the held message with a newer copy', () => {
    const client = new QueryClient();
    client.setQueryData<MessageWindow>(queryKeys.messages('c1'), {
      messages: [makeMessage(1), makeMessage(2)],
      hasOlder: false,
    });
    applyMessageUpdate(client, changed(2, 5, 'edited'));
    expect(windowOf(client).map((m) => m.body_text)).toEqual([makeMessage(1).body_text, 'edited']);
  });

  it('drops a stale update that arrives after a newer one', () => {
    const client = new QueryClient();
    client.setQueryData<MessageWindow>(queryKeys.messages('c1'), {
      messages: [makeMessage(1)],
      hasOlder: false,
    });
    applyMessageUpdate(client, changed(1, 7, 'second edit'));
    applyMessageUpdate(client, changed(1, 4, 'first edit'));
    expect(windowOf(client)[0]!.body_text).toBe('second edit');
  });

  it('keeps a newer copy when an older message.new or history page comes after it', () => {
    const newer = changed(3, 9, 'deleted later');
    const merged = mergeMessages([makeMessage(2), newer], [makeMessage(3)]);
    expect(merged[1]).toBe(newer);
    expect(mergeMessages([makeMessage(3)], [newer])[0]).toBe(newer);
  });

  it('updates the conversation list when the changed message is the last one', () => {
    const client = new QueryClient();
    const last = makeMessage(4);
    client.setQueryData<{ conversations: Conversation[] }>(queryKeys.conversations, {
      conversations: [
        {
          id: 'c1',
          type: 'group',
          title: 'g',
          created_by: 'u',
          created_at: last.created_at,
          last_message: last,
          unread_count: 0,
          last_read_seq: 4,
        },
      ],
    });
    applyMessageUpdate(client, { ...last, rev: 2, deleted: true, body_text: '' });
    const list = client.getQueryData<{ conversations: Conversation[] }>(queryKeys.conversations);
    expect(list?.conversations[0]?.last_message?.deleted).toBe(true);
  });

  it('leaves alone a message the window does not hold', () => {
    const client = new QueryClient();
    const held = [makeMessage(1)];
    client.setQueryData<MessageWindow>(queryKeys.messages('c1'), {
      messages: held,
      hasOlder: true,
    });
    applyMessageUpdate(client, changed(9, 3, 'elsewhere'));
    expect(windowOf(client)).toBe(held);
  });
});
