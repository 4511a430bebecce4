import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../api/queryKeys';
import type { Conversation } from '../api/types';
import {
  applyMessageToConversationList,
  applyReceipt,
  insertMessages,
  mergeMessages,
  type MessageWindow,
} from './messageCache';
import { makeMessage } from './testing';

describe('mergeMessages', () => {
  it('orders by seq whatever order messages arrive in', () => {
    const merged = mergeMessages(
      [makeMessage(2)],
      [makeMessage(5), makeMessage(1), makeMessage(3)],
    );
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 5]);
  });

  it('keeps a message once when it arrives twice', () => {
    const merged = mergeMessages(
      [makeMessage(1), makeMessage(2)],
      [makeMessage(2), makeMessage(2), makeMessage(3)],
    );
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('returns the same array when nothing is new, so React does not re-render', () => {
    const existing = [makeMessage(1)];
    expect(mergeMessages(existing, [makeMessage(1)])).toBe(existing);
  });
});

describe('insertMessages', () => {
  it('reports a gap when the socket skips past the cached window', () => {
    const client = new QueryClient();
    client.setQueryData<MessageWindow>(queryKeys.messages('c1'), {
      messages: [makeMessage(1), makeMessage(2)],
      hasOlder: false,
    });
    expect(insertMessages(client, 'c1', [makeMessage(3)]).gapAfter).toBeNull();
    expect(insertMessages(client, 'c1', [makeMessage(6)]).gapAfter).toBe(3);
  });

  it('does not create a window for a conversation nobody opened', () => {
    const client = new QueryClient();
    insertMessages(client, 'c1', [makeMessage(1)]);
    expect(client.getQueryData(queryKeys.messages('c1'))).toBeUndefined();
  });
});

describe('conversation list', () => {
  const conversation = (id: string, unread = 0): Conversation => ({
    id,
    type: 'group',
    title: id,
    created_by: 'alice',
    created_at: '2026-11-26T09:00:00.000Z',
    last_message: null,
    unread_count: unread,
    last_read_seq: 0,
  });

  it('moves the conversation to the top and counts unread messages from others', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.conversations, {
      conversations: [conversation('c0'), conversation('c1')],
    });
    applyMessageToConversationList(client, {
      message: makeMessage(1),
      myUserId: 'alice',
      isViewing: false,
    });
    // The same event again (a replay after reconnect) does not count twice.
    applyMessageToConversationList(client, {
      message: makeMessage(1),
      myUserId: 'alice',
      isViewing: false,
    });
    const data = client.getQueryData<{ conversations: Conversation[] }>(queryKeys.conversations);
    expect(data?.conversations.map((c) => c.id)).toEqual(['c1', 'c0']);
    expect(data?.conversations[0]?.unread_count).toBe(1);
    expect(data?.conversations[0]?.last_message?.seq).toBe(1);
  });

  it('keeps receipt watermarks from moving backwards', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.receipts('c1'), {
      receipts: [{ user_id: 'bob', delivered_seq: 5, read_seq: 4 }],
    });
    applyReceipt(client, 'c1', { user_id: 'bob', delivered_seq: 3, read_seq: 6 });
    expect(client.getQueryData(queryKeys.receipts('c1'))).toEqual({
      receipts: [{ user_id: 'bob', delivered_seq: 5, read_seq: 6 }],
    });
  });
});
