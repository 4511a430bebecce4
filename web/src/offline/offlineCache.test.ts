import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../api/queryKeys';
import { makeMessage } from '../realtime/testing';
import { keepOfflineCopy, restoreOfflineCopy } from './offlineCache';

afterEach(() => {
  localStorage.clear();
  vi.useRealTimers();
});

const conversation = { id: 'c1', type: 'group', title: 'Hike' };

describe('offline copy', () => {
  it('restores the list, the chat and its messages, marked as old as they are', () => {
    vi.useFakeTimers();
    const online = new QueryClient();
    const stop = keepOfflineCopy(online, 'u1');
    online.setQueryData(queryKeys.conversations, { conversations: [conversation] });
    online.setQueryData(queryKeys.conversation('c1'), conversation);
    online.setQueryData(queryKeys.messages('c1'), { messages: [makeMessage(1)], hasOlder: false });
    vi.advanceTimersByTime(500);
    stop();

    const offline = new QueryClient();
    expect(restoreOfflineCopy(offline, 'u1')).toBe(true);
    expect(offline.getQueryData(queryKeys.conversations)).toEqual({
      conversations: [conversation],
    });
    expect(offline.getQueryData(queryKeys.messages('c1'))).toMatchObject({
      messages: [{ seq: 1 }],
    });
    expect(offline.getQueryState(queryKeys.conversations)?.dataUpdatedAt).toBeLessThanOrEqual(
      Date.now(),
    );
    expect(restoreOfflineCopy(new QueryClient(), 'someone else')).toBe(false);
  });

  it('a page that has loaded only part of its data does not erase what was saved', () => {
    vi.useFakeTimers();
    const first = new QueryClient();
    const stopFirst = keepOfflineCopy(first, 'u1');
    first.setQueryData(queryKeys.conversations, { conversations: [conversation] });
    first.setQueryData(queryKeys.messages('c1'), { messages: [makeMessage(1)], hasOlder: false });
    stopFirst();

    const reloaded = new QueryClient();
    const stopSecond = keepOfflineCopy(reloaded, 'u1');
    reloaded.setQueryData(queryKeys.blocks, { users: [] });
    vi.advanceTimersByTime(500);
    stopSecond();

    const offline = new QueryClient();
    restoreOfflineCopy(offline, 'u1');
    expect(offline.getQueryData(queryKeys.conversations)).toEqual({
      conversations: [conversation],
    });
    expect(offline.getQueryData(queryKeys.messages('c1'))).toBeDefined();
  });
});
