import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../api/queryKeys';
import type { Message } from '../api/types';
import type { MessageWindow } from './messageCache';
import { RealtimeClient } from './realtimeClient';
import { connect, FakeSocket, makeMessage, settle } from './testing';

function setup(options: { fetchAfter?: (id: string, after: number) => Promise<Message[]> } = {}) {
  const queryClient = new QueryClient();
  const renewToken = vi.fn(async () => 'renewed-token');
  const fetchAfter = vi.fn(options.fetchAfter ?? (async () => [] as Message[]));
  const client = new RealtimeClient({
    queryClient,
    myUserId: () => 'alice',
    fetchAfter,
    connection: {
      url: 'ws://test/api/v1/ws',
      getToken: async () => 'token-1',
      renewToken,
      createSocket: (url) => new FakeSocket(url),
      backoff: { baseMs: 1000, maxMs: 16_000 },
      random: () => 1, // the upper bound of each jittered delay, so timings are exact
    },
  });
  return { queryClient, client, renewToken, fetchAfter };
}

function windowOf(queryClient: QueryClient, id = 'c1') {
  return queryClient.getQueryData<MessageWindow>(queryKeys.messages(id));
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.instances = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RealtimeClient connection', () => {
  it('authenticates with the first frame and reports online', async () => {
    const { client } = setup();
    client.start();
    const socket = await connect();
    expect(socket.sent[0]).toEqual({ type: 'auth', data: { token: 'token-1' } });
    expect(client.getStatus()).toMatchObject({ state: 'online', everOnline: true });
    client.stop();
  });

  it('reconnects with growing delays and resets them once connected again', async () => {
    const { client } = setup();
    client.start();
    await connect();

    FakeSocket.latest().serverClose();
    expect(client.getStatus().state).toBe('offline');
    // Attempt 1 after 1 s (cap 1 s with random=1).
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeSocket.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.instances).toHaveLength(2);

    // That attempt fails too: the next waits 2 s, then 4 s.
    FakeSocket.latest().serverClose();
    await vi.advanceTimersByTimeAsync(1999);
    expect(FakeSocket.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.instances).toHaveLength(3);
    FakeSocket.latest().serverClose();
    await vi.advanceTimersByTimeAsync(3999);
    expect(FakeSocket.instances).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.instances).toHaveLength(4);

    await connect();
    expect(client.getStatus().state).toBe('online');
    expect(client.getStatus().restoredAt).not.toBeNull();

    // Back to the first delay after a successful connection.
    FakeSocket.latest().serverClose();
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeSocket.instances).toHaveLength(5);
    client.stop();
  });

  it('renews the token when the server closes with 4001', async () => {
    const { client, renewToken } = setup();
    client.start();
    await settle();
    FakeSocket.latest().serverOpen();
    FakeSocket.latest().serverClose(4001);
    await vi.advanceTimersByTimeAsync(1000);
    expect(renewToken).toHaveBeenCalledTimes(1);
    FakeSocket.latest().serverOpen();
    expect(FakeSocket.latest().sent[0]).toEqual({ type: 'auth', data: { token: 'renewed-token' } });
    client.stop();
  });
});

describe('RealtimeClient rooms', () => {
  it('re-joins open rooms after a reconnect from the highest cached seq', async () => {
    const { client, queryClient } = setup();
    queryClient.setQueryData<MessageWindow>(queryKeys.messages('c1'), {
      messages: [makeMessage(1), makeMessage(2), makeMessage(3)],
      hasOlder: false,
    });
    client.start();
    const first = await connect();
    client.joinRoom('c1');
    client.joinRoom('c2');
    expect(first.framesOfType('room.join').map((f) => f.data)).toEqual([
      { conversation_id: 'c1', after_seq: 3 },
      { conversation_id: 'c2' },
    ]);

    // More arrives before the connection drops.
    first.serverSend({ type: 'message.new', data: { message: makeMessage(4) } });
    client.leaveRoom('c2');
    first.serverClose();
    await vi.advanceTimersByTimeAsync(1000);
    const second = await connect();

    expect(second.framesOfType('room.join').map((f) => f.data)).toEqual([
      { conversation_id: 'c1', after_seq: 4, changes_after: 0 },
    ]);
    client.stop();
  });

  it('keeps replayed and out-of-order messages once, in seq order', async () => {
    const { client, queryClient } = setup();
    queryClient.setQueryData<MessageWindow>(queryKeys.messages('c1'), {
      messages: [makeMessage(1), makeMessage(2)],
      hasOlder: false,
    });
    client.start();
    const socket = await connect();
    client.joinRoom('c1');
    for (const seq of [4, 3, 3, 2, 5, 4]) {
      socket.serverSend({ type: 'message.new', data: { message: makeMessage(seq) } });
    }
    await settle();
    expect(windowOf(queryClient)?.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    client.stop();
  });

  it('fetches the missing range over REST when the socket skips seqs', async () => {
    const { client, queryClient, fetchAfter } = setup({
      fetchAfter: async () => [makeMessage(3), makeMessage(4)],
    });
    queryClient.setQueryData<MessageWindow>(queryKeys.messages('c1'), {
      messages: [makeMessage(1), makeMessage(2)],
      hasOlder: false,
    });
    client.start();
    const socket = await connect();
    socket.serverSend({ type: 'message.new', data: { message: makeMessage(5) } });
    await settle();
    expect(fetchAfter).toHaveBeenCalledWith('c1', 2);
    expect(windowOf(queryClient)?.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    client.stop();
  });

  it('shows who is typing and forgets them when their message arrives', async () => {
    const { client } = setup();
    client.start();
    const socket = await connect();
    socket.serverSend({
      type: 'typing',
      data: { conversation_id: 'c1', user_id: 'bob', state: 'start' },
    });
    expect(client.typing.get('c1')).toEqual(['bob']);
    socket.serverSend({ type: 'message.new', data: { message: makeMessage(1) } });
    expect(client.typing.get('c1')).toEqual([]);
    client.stop();
  });
});

describe('RealtimeClient sending', () => {
  it('queues messages while offline and sends them in order after reconnecting, once', async () => {
    const { client, queryClient } = setup();
    queryClient.setQueryData<MessageWindow>(queryKeys.messages('c1'), {
      messages: [makeMessage(1)],
      hasOlder: false,
    });
    client.start();
    const first = await connect();
    client.joinRoom('c1');
    first.serverClose();

    const a = client.sendMessage('c1', 'first');
    const b = client.sendMessage('c1', 'second');
    expect(client.outbox.pending('c1').map((i) => i.status)).toEqual(['queued', 'queued']);

    await vi.advanceTimersByTimeAsync(1000);
    const second = await connect();
    await settle();
    // One at a time, in order: only the first is on the wire until it is acknowledged.
    let sends = second.framesOfType('message.send');
    expect(sends.map((f) => (f.data as { body_text: string }).body_text)).toEqual(['first']);
    const stored = (seq: number, item: typeof a): Message =>
      makeMessage(seq, {
        sender_id: 'alice',
        body_text: item.body_text,
        client_msg_id: item.client_msg_id,
      });
    // The echo may come before the ack; both carry the same message.
    second.serverSend({ type: 'message.new', data: { message: stored(2, a) } });
    second.serverSend({ type: 'ack', id: sends[0]!.id, data: { message: stored(2, a) } });
    await settle();
    sends = second.framesOfType('message.send');
    expect(sends).toHaveLength(2);
    expect(sends[1]!.data).toMatchObject({ body_text: 'second', client_msg_id: b.client_msg_id });
    second.serverSend({ type: 'ack', id: sends[1]!.id, data: { message: stored(3, b) } });
    await settle();

    expect(client.outbox.pending('c1')).toEqual([]);
    expect(windowOf(queryClient)?.messages.map((m) => m.body_text)).toEqual([
      'message 1',
      'first',
      'second',
    ]);
    client.stop();
  });

  it('resends with the same client_msg_id when the connection drops before the ack', async () => {
    const { client } = setup();
    client.start();
    const first = await connect();
    const item = client.sendMessage('c1', 'hello');
    await settle();
    expect(first.framesOfType('message.send')).toHaveLength(1);
    first.serverClose();
    await settle();
    expect(client.outbox.pending('c1')[0]?.status).toBe('queued');

    await vi.advanceTimersByTimeAsync(1000);
    const second = await connect();
    await settle();
    expect(second.framesOfType('message.send')[0]?.data).toMatchObject({
      client_msg_id: item.client_msg_id,
    });
    client.stop();
  });

  it('marks a message the server rejects as failed, and retries it on request', async () => {
    const { client } = setup();
    client.start();
    const socket = await connect();
    const item = client.sendMessage('c1', 'x'.repeat(5000));
    await settle();
    const send = socket.framesOfType('message.send')[0]!;
    socket.serverSend({
      type: 'error',
      id: send.id,
      error: { code: 'validation_failed', message: 'Too long' },
    });
    await settle();
    expect(client.outbox.pending('c1')[0]).toMatchObject({ status: 'failed', error: 'Too long' });

    client.outbox.retry(item.client_msg_id);
    await settle();
    expect(socket.framesOfType('message.send')).toHaveLength(2);
    expect(socket.framesOfType('message.send')[1]?.data).toMatchObject({
      client_msg_id: item.client_msg_id,
    });
    client.stop();
  });
});

describe('RealtimeClient offline', () => {
  it('keeps a message queued, not failed, when the server does not answer in time', async () => {
    const { client } = setup();
    client.start();
    const socket = await connect();
    const item = client.sendMessage('c1', 'into the void');
    await settle();
    expect(socket.framesOfType('message.send')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(client.outbox.pending('c1')[0]).toMatchObject({ status: 'queued', error: null });
    expect(client.getStatus().state).toBe('offline');
    // Reconnected, it goes again with the same client_msg_id.
    await vi.advanceTimersByTimeAsync(1000);
    const next = await connect();
    await settle();
    expect(next.framesOfType('message.send')[0]?.data).toMatchObject({
      client_msg_id: item.client_msg_id,
    });
    client.stop();
  });

  it('goes offline at once when the browser says the network is gone', async () => {
    const { client } = setup();
    client.start();
    await connect();
    expect(client.getStatus().state).toBe('online');
    client.wentOffline();
    expect(client.getStatus().state).toBe('offline');
    client.sendMessage('c1', 'later');
    expect(client.outbox.pending('c1')[0]?.status).toBe('queued');
    client.stop();
  });
});

describe('RealtimeClient history race', () => {
  it('joins again with after_seq once the history of a room joined without it is cached', async () => {
    const { client, queryClient } = setup();
    client.start();
    const socket = await connect();
    client.joinRoom('c1');
    expect(socket.framesOfType('room.join').map((f) => f.data)).toEqual([
      { conversation_id: 'c1' },
    ]);
    await queryClient.fetchQuery({
      queryKey: queryKeys.messages('c1'),
      queryFn: async (): Promise<MessageWindow> => ({
        messages: [makeMessage(1), makeMessage(2)],
        hasOlder: false,
      }),
    });
    expect(socket.framesOfType('room.join').map((f) => f.data)).toEqual([
      { conversation_id: 'c1' },
      // With the history held, the changes made since it was read come too (changeCursors.ts).
      { conversation_id: 'c1', after_seq: 2, changes_after: 0 },
    ]);
    client.dispose();
  });
});

describe('RealtimeClient delivered receipts', () => {
  it('acks what reached it, coalesced to one frame per conversation with the highest seq', async () => {
    const { client } = setup();
    client.start();
    const socket = await connect();
    socket.serverSend({ type: 'message.new', data: { message: makeMessage(1) } });
    socket.serverSend({ type: 'message.new', data: { message: makeMessage(2) } });
    socket.serverSend({
      type: 'message.new',
      data: { message: makeMessage(1, { conversation_id: 'c2' }) },
    });
    expect(socket.framesOfType('receipt.delivered')).toEqual([]);
    await vi.advanceTimersByTimeAsync(250);
    expect(socket.framesOfType('receipt.delivered').map((f) => f.data)).toEqual([
      { conversation_id: 'c1', seq: 2 },
      { conversation_id: 'c2', seq: 1 },
    ]);
    // Its own messages are not acked (the server counts them for the sender anyway).
    socket.serverSend({
      type: 'message.new',
      data: { message: makeMessage(3, { sender_id: 'alice' }) },
    });
    await vi.advanceTimersByTimeAsync(250);
    expect(socket.framesOfType('receipt.delivered')).toHaveLength(2);
    client.stop();
  });

  it('holds acks while offline and sends them after the next authentication', async () => {
    const { client } = setup();
    client.start();
    const first = await connect();
    first.serverSend({ type: 'message.new', data: { message: makeMessage(4) } });
    first.serverClose();
    await vi.advanceTimersByTimeAsync(250);
    expect(first.framesOfType('receipt.delivered')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    const second = await connect();
    expect(second.framesOfType('receipt.delivered').map((f) => f.data)).toEqual([
      { conversation_id: 'c1', seq: 4 },
    ]);
    client.stop();
  });
});

describe('RealtimeClient catch-up of conversations that are not open', () => {
  it('asks for a replay of what each listed conversation missed while disconnected', async () => {
    const { client, queryClient } = setup();
    queryClient.setQueryData(queryKeys.conversations, {
      conversations: [{ id: 'c2', last_message: makeMessage(7, { conversation_id: 'c2' }) }],
    });
    client.start();
    const first = await connect();
    first.serverClose();
    await vi.advanceTimersByTimeAsync(1000);
    const second = await connect();
    const join = second.framesOfType('room.join')[0]!;
    expect(join.data).toEqual({ conversation_id: 'c2', after_seq: 7 });
    // The replay arrives as message.new (and is acknowledged as delivered); then it leaves.
    second.serverSend({
      type: 'message.new',
      data: { message: makeMessage(8, { conversation_id: 'c2' }) },
    });
    second.serverSend({ type: 'ack', id: join.id, data: { conversation_id: 'c2', last_seq: 8 } });
    await settle();
    expect(second.framesOfType('room.leave').map((f) => f.data)).toEqual([
      { conversation_id: 'c2' },
    ]);
    await vi.advanceTimersByTimeAsync(250);
    expect(second.framesOfType('receipt.delivered').map((f) => f.data)).toEqual([
      { conversation_id: 'c2', seq: 8 },
    ]);
    client.stop();
  });
});

describe('RealtimeClient unread from while the app was closed', () => {
  it('replays unread messages of listed conversations once, so they count as delivered', async () => {
    const { client, queryClient } = setup();
    client.start();
    const socket = await connect();
    queryClient.setQueryData(queryKeys.conversations, {
      conversations: [
        { id: 'c3', unread_count: 2, last_read_seq: 4, last_message: makeMessage(6) },
        { id: 'c4', unread_count: 0, last_read_seq: 9, last_message: makeMessage(9) },
      ],
    });
    await queryClient.fetchQuery({
      queryKey: queryKeys.conversations,
      queryFn: async () => queryClient.getQueryData(queryKeys.conversations),
      staleTime: 0,
    });
    const joins = socket.framesOfType('room.join');
    expect(joins.map((f) => f.data)).toEqual([{ conversation_id: 'c3', after_seq: 4 }]);
    await queryClient.refetchQueries({ queryKey: queryKeys.conversations });
    expect(socket.framesOfType('room.join')).toHaveLength(1);
    client.stop();
  });
});
