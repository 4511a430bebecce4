import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../api/queryKeys';
import type { Conversation, ConversationPreferences } from '../api/types';
import { applyPreferences } from './preferencesCache';

const group = (archived: boolean): Conversation => ({
  id: 'g1',
  type: 'group',
  title: 'Climbing',
  created_by: 'erin',
  created_at: '2026-11-26T09:00:00.000Z',
  last_message: null,
  unread_count: 0,
  last_read_seq: 0,
  archived,
  archived_at_seq: archived ? 0 : null,
});

const archivedNow: ConversationPreferences = {
  conversation_id: 'g1',
  muted: false,
  muted_until: null,
  pinned: false,
  archived: true,
  archived_at_seq: 0,
};

/** A list read the test answers by hand: first with what the server held before the change. */
function listAnsweredBy(answers: Array<() => Promise<{ conversations: Conversation[] }>>) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  let reads = 0;
  const observer = new QueryObserver(client, {
    queryKey: queryKeys.conversations,
    queryFn: () => answers[Math.min(reads++, answers.length - 1)]!(),
  });
  const unsubscribe = observer.subscribe(() => {});
  return { client, unsubscribe, reads: () => reads };
}

/** Waits (in event-loop turns, not time) until no read of the client is in flight. */
async function readsSettled(client: QueryClient): Promise<void> {
  do await new Promise((resolve) => setTimeout(resolve, 0));
  while (client.isFetching() > 0);
}

describe('applyPreferences', () => {
  it('is not undone by a list read that was answered before the change', async () => {
    let answerStale: (value: { conversations: Conversation[] }) => void = () => {};
    const stale = new Promise<{ conversations: Conversation[] }>((resolve) => {
      answerStale = resolve;
    });
    const { client, unsubscribe, reads } = listAnsweredBy([
      async () => ({ conversations: [group(false)] }),
      () => stale,
      async () => ({ conversations: [group(true)] }),
    ]);
    await readsSettled(client);
    void client.invalidateQueries({ queryKey: queryKeys.conversations }); // the refresh in flight

    applyPreferences(client, archivedNow); // the event from Erin's other device
    answerStale({ conversations: [group(false)] }); // the refresh, read before the archive
    await readsSettled(client);

    const list = client.getQueryData<{ conversations: Conversation[] }>(queryKeys.conversations);
    expect(list?.conversations[0]?.archived).toBe(true);
    expect(reads()).toBeGreaterThanOrEqual(3); // the stale read was asked again
    unsubscribe();
  });

  it('asks nothing again when no read is in flight', async () => {
    const { client, unsubscribe, reads } = listAnsweredBy([
      async () => ({ conversations: [group(false)] }),
    ]);
    await readsSettled(client);
    const before = reads();
    applyPreferences(client, archivedNow);
    expect(client.isFetching()).toBe(0);
    expect(reads()).toBe(before);
    expect(
      client.getQueryData<{ conversations: Conversation[] }>(queryKeys.conversations)
        ?.conversations[0]?.archived,
    ).toBe(true);
    unsubscribe();
  });
});
