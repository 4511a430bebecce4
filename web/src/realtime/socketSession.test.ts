// The socket lives no longer than its sign-in (docs/protocol.md): renewal on `auth.expiring`
// without reconnecting, sign-out on 4003, refresh and reconnect on 4001.
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../api/queryKeys';
import type { Message } from '../api/types';
import type { MessageWindow } from './messageCache';
import { RealtimeClient } from './realtimeClient';
import { connect, FakeSocket, makeMessage, settle } from './testing';

/** `current` is what the session holds in memory; a refresh makes the next `renewed-N`. */
function setup() {
  const queryClient = new QueryClient();
  queryClient.setQueryData<MessageWindow>(queryKeys.messages('c1'), {
    messages: [makeMessage(1)],
    hasOlder: false,
  });
  const tokens = { current: 'token-1', refreshes: 0 };
  const getToken = vi.fn(async () => tokens.current);
  const renewToken = vi.fn(async () => {
    tokens.refreshes += 1;
    tokens.current = `renewed-${tokens.refreshes}`;
    return tokens.current;
  });
  const onSessionEnded = vi.fn();
  const client = new RealtimeClient({
    queryClient,
    myUserId: () => 'alice',
    fetchAfter: async () => [] as Message[],
    connection: {
      url: 'ws://test/api/v1/ws',
      getToken,
      renewToken,
      onSessionEnded,
      createSocket: (url) => new FakeSocket(url),
      backoff: { baseMs: 1000, maxMs: 16_000 },
      random: () => 1,
    },
  });
  return { queryClient, client, tokens, renewToken, onSessionEnded };
}

async function connectAndSettle(): Promise<FakeSocket> {
  const socket = await connect();
  await settle();
  return socket;
}

const expiring = { type: 'auth.expiring', data: { expires_at: '2026-12-01T12:00:00.000Z' } };

function bodies(socket: FakeSocket): string[] {
  return socket
    .framesOfType('message.send')
    .map((f) => (f.data as { body_text: string }).body_text);
}

function stored(seq: number, item: { body_text: string; client_msg_id: string }): Message {
  return makeMessage(seq, {
    sender_id: 'alice',
    body_text: item.body_text,
    client_msg_id: item.client_msg_id,
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.instances = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('auth.expiring', () => {
  it('refreshes the token and re-authenticates on the same socket, rejoining nothing', async () => {
    const { client, renewToken } = setup();
    client.start();
    const socket = await connectAndSettle();
    client.joinRoom('c1');
    await settle();
    const joinsBefore = socket.framesOfType('room.join').length;

    socket.serverSend(expiring);
    await settle();
    expect(renewToken).toHaveBeenCalledTimes(1);
    const renewal = socket.framesOfType('auth').at(-1)!;
    expect(renewal).toMatchObject({ data: { token: 'renewed-1' } });
    expect(renewal.id).toBeTruthy();

    socket.serverSend({ type: 'auth.ok', id: renewal.id, data: { user: { id: 'alice' } } });
    await settle();
    expect(FakeSocket.instances).toHaveLength(1);
    expect(client.getStatus().state).toBe('online');
    expect(socket.framesOfType('room.join')).toHaveLength(joinsBefore);
    client.stop();
  });

  it('uses a token the session already renewed instead of refreshing again', async () => {
    const { client, tokens, renewToken } = setup();
    client.start();
    const socket = await connectAndSettle();
    tokens.current = 'renewed-by-the-session-timer';
    socket.serverSend(expiring);
    await settle();
    expect(renewToken).not.toHaveBeenCalled();
    expect(socket.framesOfType('auth').at(-1)).toMatchObject({
      data: { token: 'renewed-by-the-session-timer' },
    });
    client.stop();
  });

  it('keeps queued sends flowing in order across the renewal, each once', async () => {
    const { client, queryClient } = setup();
    client.start();
    const socket = await connectAndSettle();
    client.joinRoom('c1');
    const a = client.sendMessage('c1', 'before');
    await settle();
    socket.serverSend(expiring);
    const b = client.sendMessage('c1', 'during');
    await settle();
    const renewal = socket.framesOfType('auth').at(-1)!;
    // The renewal went out while "before" still waited for its ack; "during" waits its turn.
    expect(bodies(socket)).toEqual(['before']);

    socket.serverSend({ type: 'message.new', data: { message: stored(2, a) } });
    socket.serverSend({
      type: 'ack',
      id: socket.framesOfType('message.send')[0]!.id,
      data: { message: stored(2, a) },
    });
    socket.serverSend({ type: 'auth.ok', id: renewal.id, data: { user: { id: 'alice' } } });
    await settle();
    expect(bodies(socket)).toEqual(['before', 'during']);
    const second = socket.framesOfType('message.send')[1]!;
    socket.serverSend({ type: 'ack', id: second.id, data: { message: stored(3, b) } });
    socket.serverSend({ type: 'message.new', data: { message: stored(3, b) } });
    await settle();

    expect(FakeSocket.instances).toHaveLength(1);
    expect(client.outbox.pending('c1')).toEqual([]);
    expect(
      queryClient
        .getQueryData<MessageWindow>(queryKeys.messages('c1'))
        ?.messages.map((m) => m.body_text),
    ).toEqual(['message 1', 'before', 'during']);
    client.stop();
  });

  it('stays online when the server refuses the renewal, then reconnects after 4001', async () => {
    const { client, renewToken } = setup();
    client.start();
    const socket = await connectAndSettle();
    client.joinRoom('c1');
    socket.serverSend(expiring);
    await settle();
    const renewal = socket.framesOfType('auth').at(-1)!;
    socket.serverSend({
      type: 'error',
      id: renewal.id,
      error: { code: 'unauthorized', message: 'bad token' },
    });
    await settle();
    expect(client.getStatus().state).toBe('online');

    socket.serverClose(4001);
    await vi.advanceTimersByTimeAsync(1000);
    expect(renewToken).toHaveBeenCalledTimes(2);
    const next = await connectAndSettle();
    expect(next.sent[0]).toEqual({ type: 'auth', data: { token: 'renewed-2' } });
    expect(next.framesOfType('room.join').at(-1)?.data).toMatchObject({
      conversation_id: 'c1',
      after_seq: 1,
    });
    client.stop();
  });
});

describe('close 4003', () => {
  it('ends the session once and never reconnects or resends', async () => {
    const { client, onSessionEnded } = setup();
    client.start();
    const socket = await connectAndSettle();
    client.sendMessage('c1', 'unacked');
    await settle();
    socket.serverClose(4003);
    await settle();
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
    expect(client.getStatus().state).toBe('stopped');

    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
  });
});

describe('signing out', () => {
  it('closes the socket with a close handshake and resolves only once it is closed', async () => {
    const { client } = setup();
    client.start();
    const socket = await connectAndSettle();
    let closed = false;
    const done = client.stopAndWaitClosed().then(() => (closed = true));
    await settle();
    // The page must not go yet: the server has not answered the close frame.
    expect(socket.readyState).toBe(3);
    expect(closed).toBe(false);
    socket.onclose?.(new CloseEvent('close', { code: 1000 }));
    await done;
    expect(client.getStatus().state).toBe('stopped');
    // Stopped for good: no reconnect, even after the backoff.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('does not wait on a socket the server already closed', async () => {
    const { client } = setup();
    client.start();
    const socket = await connectAndSettle();
    socket.serverClose(4003);
    await settle();
    await client.stopAndWaitClosed();
    expect(client.getStatus().state).toBe('stopped');
  });
});
