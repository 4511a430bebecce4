import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../api/queryKeys';
import type { Conversation } from '../api/types';
import { loadConversationList } from '../features/conversations/useConversations';
import { applyMessageToConversationList, markConversationRead } from './messageCache';
import { makeMessage } from './testing';

// Issue #19: the sidebar said "74 unread" for 75. The list's REST snapshot and live socket
// messages race; the count must come out the same whatever order they arrive in.

/** What the server's list says when its newest message is `lastSeq`. */
function snapshot(
  lastSeq: number,
  unread: number,
  readSeq: number,
): { conversations: Conversation[] } {
  return {
    conversations: [
      {
        id: 'c1',
        type: 'group',
        title: 'Hike',
        created_by: 'bob',
        created_at: '2026-11-26T09:00:00.000Z',
        last_message: lastSeq > 0 ? makeMessage(lastSeq) : null,
        unread_count: unread,
        last_read_seq: readSeq,
      },
    ],
  };
}

/** A list fetch whose answer the test releases when it likes, as a slow network would. */
function startListFetch(client: QueryClient) {
  let answer: (list: { conversations: Conversation[] }) => void = () => {};
  const answered = new Promise<{ conversations: Conversation[] }>((resolve) => (answer = resolve));
  const done = client.fetchQuery({
    queryKey: queryKeys.conversations,
    queryFn: () => loadConversationList(client, () => answered),
  });
  return {
    land: async (list: { conversations: Conversation[] }) => {
      answer(list);
      await done;
    },
  };
}

function live(client: QueryClient, seq: number, sender = 'bob') {
  applyMessageToConversationList(client, {
    message: makeMessage(seq, { sender_id: sender }),
    myUserId: 'alice',
    isViewing: false,
  });
}

function shown(client: QueryClient): Conversation {
  const data = client.getQueryData<{ conversations: Conversation[] }>(queryKeys.conversations);
  return data!.conversations[0]!;
}

describe('unread count: REST snapshot and live messages in any order', () => {
  it('counts a live message the snapshot, computed before it, does not include', async () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.conversations, snapshot(2, 0, 2));
    const refetch = startListFetch(client);
    live(client, 3); // published after the server computed the snapshot, arrives before it
    await refetch.land(snapshot(2, 0, 2));
    expect(shown(client).unread_count).toBe(1);
    expect(shown(client).last_message?.seq).toBe(3);
  });

  it('counts a live message once when the snapshot landing after it includes it', async () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.conversations, snapshot(2, 0, 2));
    const refetch = startListFetch(client);
    live(client, 3);
    await refetch.land(snapshot(3, 1, 2));
    expect(shown(client).unread_count).toBe(1);
  });

  it('counts a live message once when it arrives after a snapshot that includes it', async () => {
    const client = new QueryClient();
    await startListFetch(client).land(snapshot(3, 1, 2));
    live(client, 3);
    live(client, 3); // and once more, replayed after a reconnect
    expect(shown(client).unread_count).toBe(1);
    live(client, 4);
    expect(shown(client).unread_count).toBe(2);
  });

  it('counts live messages that came while the list was loading for the first time', async () => {
    const client = new QueryClient();
    const firstLoad = startListFetch(client);
    live(client, 3);
    live(client, 4);
    await firstLoad.land(snapshot(3, 1, 2));
    expect(shown(client).unread_count).toBe(2);
  });

  it('never counts own messages, and a read clears what it covers', async () => {
    const client = new QueryClient();
    await startListFetch(client).land(snapshot(2, 0, 2));
    live(client, 3);
    live(client, 4, 'alice');
    live(client, 5);
    expect(shown(client).unread_count).toBe(2);
    markConversationRead(client, 'c1', 4);
    expect(shown(client).unread_count).toBe(1);
    // A snapshot from before that read lands late: the read still holds.
    await startListFetch(client).land(snapshot(2, 0, 2));
    expect(shown(client).unread_count).toBe(1);
  });
});

describe('mention count: kept apart from unread, by the same seq rules', () => {
  const mention = (client: QueryClient, seq: number) =>
    applyMessageToConversationList(client, {
      message: makeMessage(seq, { mentions: ['alice'] }),
      myUserId: 'alice',
      isViewing: false,
    });

  it('counts live messages naming the viewer once each, and a read clears them', async () => {
    const client = new QueryClient();
    await startListFetch(client).land({
      conversations: [{ ...snapshot(2, 1, 1).conversations[0]!, mention_count: 1 }],
    });
    mention(client, 3);
    mention(client, 3); // replayed after a reconnect
    live(client, 4);
    expect(shown(client).unread_count).toBe(3);
    expect(shown(client).mention_count).toBe(2);
    markConversationRead(client, 'c1', 3);
    expect(shown(client).mention_count).toBe(0);
    expect(shown(client).unread_count).toBe(1);
  });

  it('does not count a mention the viewer is looking at', async () => {
    const client = new QueryClient();
    await startListFetch(client).land(snapshot(2, 0, 2));
    applyMessageToConversationList(client, {
      message: makeMessage(3, { mentions: ['alice'] }),
      myUserId: 'alice',
      isViewing: true,
    });
    expect(shown(client).mention_count).toBe(0);
  });
});
