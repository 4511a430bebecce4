import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/queryKeys';
import type { Conversation } from '../api/types';
import type { MessageWindow } from '../realtime/messageCache';

// An offline copy of what the user last saw, per user in localStorage: the conversation list,
// each conversation and the newest messages of each history. It is read back only when the app
// starts without a network (issue #17 item 7); online, the server is asked as always. Signing
// out removes it (every `natter.` key).

const KEEP_MESSAGES = 50;
const SAVE_EVERY_MS = 500;

interface Snapshot {
  savedAt: number;
  conversations?: { conversations: Conversation[] };
  details: Record<string, Conversation>;
  windows: Record<string, MessageWindow>;
}

const storageKey = (userId: string) => `natter.cache.${userId}`;

function snapshotOf(client: QueryClient): Snapshot {
  const snapshot: Snapshot = { savedAt: Date.now(), details: {}, windows: {} };
  snapshot.conversations = client.getQueryData(queryKeys.conversations);
  for (const query of client.getQueryCache().findAll()) {
    const [kind, id] = query.queryKey as [unknown, unknown];
    if (typeof id !== 'string' || query.state.data === undefined) continue;
    if (kind === 'conversation') snapshot.details[id] = query.state.data as Conversation;
    if (kind === 'messages') {
      const window = query.state.data as MessageWindow;
      const newest = window.messages.slice(-KEEP_MESSAGES);
      snapshot.windows[id] = {
        ...window,
        messages: newest,
        hasOlder: window.hasOlder || newest.length < window.messages.length,
      };
    }
  }
  return snapshot;
}

function readSnapshot(userId: string): Snapshot | null {
  try {
    const raw = localStorage.getItem(storageKey(userId));
    return raw ? (JSON.parse(raw) as Snapshot) : null;
  } catch {
    return null;
  }
}

/**
 * What the cache holds now laid over the stored copy: a page that has loaded only part of
 * its data yet (just after a reload) must not erase what an earlier page saved.
 */
function mergedSnapshot(previous: Snapshot | null, current: Snapshot): Snapshot {
  return {
    savedAt: current.savedAt,
    conversations: current.conversations ?? previous?.conversations,
    details: { ...(previous?.details ?? {}), ...current.details },
    windows: { ...(previous?.windows ?? {}), ...current.windows },
  };
}

/** Keeps the offline copy current as the cache changes; returns the unsubscribe. */
export function keepOfflineCopy(client: QueryClient, userId: string): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    try {
      const merged = mergedSnapshot(readSnapshot(userId), snapshotOf(client));
      localStorage.setItem(storageKey(userId), JSON.stringify(merged));
    } catch {
      // Full or disabled storage: no offline copy, the app still works online.
    }
  };
  const unsubscribe = client.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'success') {
      timer ??= setTimeout(save, SAVE_EVERY_MS);
    }
  });
  // A reload or a closed tab must not lose the last second of changes.
  const flush = () => {
    if (timer !== undefined) save();
  };
  window.addEventListener('pagehide', flush);
  return () => {
    unsubscribe();
    window.removeEventListener('pagehide', flush);
    flush();
  };
}

/**
 * Puts the offline copy into the cache, marked as old as it is, so that every query still
 * asks the server once it can. Returns whether there was a copy.
 */
export function restoreOfflineCopy(client: QueryClient, userId: string): boolean {
  const snapshot = readSnapshot(userId);
  if (!snapshot) return false;
  const updatedAt = snapshot.savedAt;
  if (snapshot.conversations && !client.getQueryData(queryKeys.conversations)) {
    client.setQueryData(queryKeys.conversations, snapshot.conversations, { updatedAt });
  }
  for (const [id, conversation] of Object.entries(snapshot.details)) {
    if (!client.getQueryData(queryKeys.conversation(id))) {
      client.setQueryData(queryKeys.conversation(id), conversation, { updatedAt });
    }
  }
  for (const [id, window] of Object.entries(snapshot.windows)) {
    if (!client.getQueryData(queryKeys.messages(id))) {
      client.setQueryData(queryKeys.messages(id), window, { updatedAt });
    }
  }
  return true;
}
