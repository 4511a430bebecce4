import { describe, expect, it, vi } from 'vitest';
import type { Message } from '../api/types';
import {
  isHeldBehindFailure,
  nextToSend,
  RetryLaterError,
  SendQueue,
  type OutboxItem,
  type OutboxStorage,
} from './sendQueue';
import { makeMessage, settle } from './testing';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup() {
  let online = false;
  let counter = 0;
  const calls: Array<{ item: OutboxItem; done: ReturnType<typeof deferred<Message>> }> = [];
  const sent: Message[] = [];
  const queue = new SendQueue(
    {
      isOnline: () => online,
      send: (item) => {
        const done = deferred<Message>();
        calls.push({ item, done });
        return done.promise;
      },
    },
    (message) => sent.push(message),
    () => `cid-${++counter}`,
  );
  const ack = (index: number, seq: number) => {
    const call = calls[index]!;
    call.done.resolve(
      makeMessage(seq, { body_text: call.item.body_text, client_msg_id: call.item.client_msg_id }),
    );
  };
  return {
    queue,
    calls,
    sent,
    ack,
    goOnline: () => {
      online = true;
      return queue.flush();
    },
    goOffline: () => {
      online = false;
    },
  };
}

describe('SendQueue', () => {
  it('holds messages written offline and sends them in order when the connection returns', async () => {
    const { queue, calls, sent, ack, goOnline } = setup();
    queue.enqueue('c1', 'one');
    queue.enqueue('c2', 'two');
    queue.enqueue('c1', 'three');
    await settle();
    expect(calls).toHaveLength(0);
    expect(queue.pending('c1').map((i) => [i.body_text, i.status])).toEqual([
      ['one', 'queued'],
      ['three', 'queued'],
    ]);

    void goOnline();
    await settle();
    expect(calls.map((c) => c.item.body_text)).toEqual(['one']);
    ack(0, 1);
    await settle();
    expect(calls.map((c) => c.item.body_text)).toEqual(['one', 'two']);
    ack(1, 1);
    await settle();
    ack(2, 2);
    await settle();
    expect(sent.map((m) => m.body_text)).toEqual(['one', 'two', 'three']);
    expect(queue.all()).toEqual([]);
  });

  it('keeps an item queued with its client_msg_id when the connection drops mid-send', async () => {
    const { queue, calls, goOnline, goOffline } = setup();
    await goOnline();
    const item = queue.enqueue('c1', 'hello');
    await settle();
    goOffline();
    calls[0]!.done.reject(new RetryLaterError());
    await settle();
    expect(queue.pending('c1')[0]).toMatchObject({ status: 'queued', client_msg_id: 'cid-1' });

    void goOnline();
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.item.client_msg_id).toBe(item.client_msg_id);
  });

  it('never lets a later message overtake one that failed in the same conversation', async () => {
    const { queue, calls, ack, goOnline } = setup();
    await goOnline();
    queue.enqueue('c1', 'A');
    queue.enqueue('c1', 'B');
    queue.enqueue('c2', 'elsewhere');
    await settle();
    calls[0]!.done.reject(new Error('Forbidden'));
    await settle();
    // B waits behind A; another conversation is not held up.
    expect(calls.map((c) => c.item.body_text)).toEqual(['A', 'elsewhere']);
    ack(1, 1);
    await settle();
    expect(queue.pending('c1').map((i) => [i.body_text, i.status])).toEqual([
      ['A', 'failed'],
      ['B', 'queued'],
    ]);
    expect(isHeldBehindFailure(queue.all(), queue.pending('c1')[1]!)).toBe(true);

    // Retried, A goes first and B after it, with A's original client_msg_id.
    queue.retry('cid-1');
    await settle();
    expect(calls.map((c) => c.item.body_text)).toEqual(['A', 'elsewhere', 'A']);
    expect(calls[2]!.item.client_msg_id).toBe('cid-1');
    ack(2, 1);
    await settle();
    expect(calls.map((c) => c.item.body_text)).toEqual(['A', 'elsewhere', 'A', 'B']);
  });

  it('lets the later messages go once the failed one is deleted', async () => {
    const { queue, calls, goOnline } = setup();
    await goOnline();
    queue.enqueue('c1', 'A');
    queue.enqueue('c1', 'B');
    await settle();
    calls[0]!.done.reject(new Error('Forbidden'));
    await settle();
    expect(calls).toHaveLength(1);
    queue.discard('cid-1');
    void queue.flush();
    await settle();
    expect(calls.map((c) => c.item.body_text)).toEqual(['A', 'B']);
  });

  it('picks the oldest sendable item: nextToSend', () => {
    const item = (id: string, conversation_id: string, status: OutboxItem['status']) =>
      ({ client_msg_id: id, conversation_id, status }) as OutboxItem;
    expect(nextToSend([item('1', 'a', 'failed'), item('2', 'a', 'queued')])).toBeUndefined();
    expect(
      nextToSend([item('1', 'a', 'failed'), item('2', 'a', 'queued'), item('3', 'b', 'queued')])
        ?.client_msg_id,
    ).toBe('3');
    expect(nextToSend([item('1', 'a', 'sending'), item('2', 'a', 'queued')])).toBeUndefined();
  });

  it('tries again by itself after a transient refusal (rate limit)', async () => {
    vi.useFakeTimers();
    const { queue, calls, goOnline } = setup();
    await goOnline();
    queue.enqueue('c1', 'A');
    await settle();
    calls[0]!.done.reject(new RetryLaterError('rate_limited', 2000));
    await settle();
    expect(queue.pending('c1')[0]!.status).toBe('queued');
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(2);
    vi.useRealTimers();
  });

  it('drops an item when the server echo confirms it', async () => {
    const { queue } = setup();
    queue.enqueue('c1', 'hello');
    queue.confirm('cid-1');
    expect(queue.pending('c1')).toEqual([]);
  });

  it('gives subscribers a stable snapshot until something changes', () => {
    const { queue } = setup();
    const listener = vi.fn();
    queue.subscribe(listener);
    const before = queue.pending('c1');
    queue.enqueue('c2', 'elsewhere');
    expect(queue.pending('c1')).toBe(before);
    expect(listener).toHaveBeenCalled();
  });
});

describe('SendQueue storage', () => {
  it('keeps unsent messages across a reload and puts in-flight ones back in line', () => {
    let stored: OutboxItem[] = [];
    const storage: OutboxStorage = {
      load: () => stored,
      save: (items) => {
        stored = [...items];
      },
    };
    const transport = { isOnline: () => false, send: vi.fn() };
    const first = new SendQueue(
      transport,
      () => {},
      () => 'cid-1',
      undefined,
      storage,
    );
    first.enqueue('c1', 'written before the reload');
    stored = stored.map((item) => ({ ...item, status: 'sending' as const }));

    const second = new SendQueue(
      transport,
      () => {},
      () => 'cid-2',
      undefined,
      storage,
    );
    expect(second.pending('c1')).toEqual([
      expect.objectContaining({
        client_msg_id: 'cid-1',
        body_text: 'written before the reload',
        status: 'queued',
      }),
    ]);
    second.clear();
    expect(stored).toEqual([]);
  });
});
