import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../api/queryKeys';
import type { Message } from '../api/types';
import type { MessageWindow } from './messageCache';
import { RealtimeClient } from './realtimeClient';
import { connect, FakeSocket, makeMessage, settle } from './testing';

function setup() {
  const queryClient = new QueryClient();
  const fetchChanges = vi.fn(async () => ({ messages: [] as Message[], last_rev: 0 }));
  const client = new RealtimeClient({
    queryClient,
    myUserId: () => 'alice',
    fetchAfter: async () => [],
    fetchChanges,
    connection: {
      url: 'ws://test/api/v1/ws',
      getToken: async () => 'token-1',
      renewToken: async () => 'token-2',
      createSocket: (url) => new FakeSocket(url),
      backoff: { baseMs: 1000, maxMs: 16_000 },
      random: () => 1,
    },
  });
  return { client, queryClient, fetchChanges };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.instances = [];
});
afterEach(() => vi.useRealTimers());

// docs/protocol.md, "Catching up after a reconnect": a room re-joined after a reconnect asks
// for the changes made while away with the cursor it holds, not for the history again.
describe('change cursor', () => {
  it('starts at the history, follows acked live updates, and is sent on re-join', async () => {
    const { client, queryClient } = setup();
    client.start();
    queryClient.setQueryData(queryKeys.conversations, {
      conversations: [{ id: 'c1', last_message: makeMessage(3), last_rev: 5, unread_count: 0 }],
    });
    queryClient.setQueryData<MessageWindow>(queryKeys.messages('c1'), {
      messages: [makeMessage(1), makeMessage(2, { rev: 5 }), makeMessage(3)],
      hasOlder: false,
    });
    const first = await connect();
    client.joinRoom('c1');
    const join = first.framesOfType('room.join')[0]!;
    expect(join.data).toEqual({ conversation_id: 'c1', after_seq: 3, changes_after: 5 });
    // An update before the ack is applied but moves nothing; after it, updates move the cursor.
    first.serverSend({
      type: 'message.updated',
      data: { message: makeMessage(2, { body_text: 'edited', rev: 9 }) },
    });
    first.serverSend({
      type: 'ack',
      id: join.id,
      data: { conversation_id: 'c1', last_seq: 3, last_rev: 6 },
    });
    await settle();
    first.serverSend({
      type: 'message.updated',
      data: { message: makeMessage(1, { deleted: true, body_text: '', rev: 7 }) },
    });

    first.serverClose();
    await vi.advanceTimersByTimeAsync(1000);
    const second = await connect();
    expect(second.framesOfType('room.join').map((f) => f.data)).toEqual([
      { conversation_id: 'c1', after_seq: 3, changes_after: 7 },
    ]);
    const window = queryClient.getQueryData<MessageWindow>(queryKeys.messages('c1'));
    expect(window?.messages.map((m) => m.body_text)).toEqual(['', 'edited', 'message 3']);
    client.stop();
  });

  it('reads the rest over REST when a join replayed as many changes as one join may', async () => {
    const { client, queryClient, fetchChanges } = setup();
    client.start();
    queryClient.setQueryData(queryKeys.conversations, {
      conversations: [{ id: 'c1', last_message: makeMessage(1), last_rev: 0, unread_count: 0 }],
    });
    queryClient.setQueryData<MessageWindow>(queryKeys.messages('c1'), {
      messages: [makeMessage(1)],
      hasOlder: false,
    });
    fetchChanges.mockResolvedValueOnce({
      messages: [makeMessage(1, { body_text: 'final', rev: 2_500 })],
      last_rev: 2_500,
    });
    const socket = await connect();
    client.joinRoom('c1');
    const join = socket.framesOfType('room.join')[0]!;
    for (let rev = 1; rev <= 2_000; rev++) {
      socket.serverSend({
        type: 'message.updated',
        data: { message: makeMessage(1, { body_text: `v${rev}`, rev }) },
      });
    }
    socket.serverSend({
      type: 'ack',
      id: join.id,
      data: { conversation_id: 'c1', last_seq: 1, last_rev: 2_000 },
    });
    await settle();
    expect(fetchChanges).toHaveBeenCalledWith('c1', 2_000);
    const window = queryClient.getQueryData<MessageWindow>(queryKeys.messages('c1'));
    expect(window?.messages[0]?.body_text).toBe('final');
    client.stop();
  });
});
