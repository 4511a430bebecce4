import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/queryKeys';
import type { Conversation, Message, Receipt, User } from '../api/types';
import {
  forgetLedger,
  recordLiveMessage,
  recordRead,
  recordUnlistedLiveMessage,
} from './unreadLedger';

/** What the cache holds for one conversation's history: a contiguous run of messages. */
export interface MessageWindow {
  /** Ordered by seq, ascending, no two with the same id or seq. */
  messages: Message[];
  /** False once the server said there is nothing before the first message. */
  hasOlder: boolean;
  /** The senders the history pages named, by id: who wrote what, also after they left. */
  authors?: Record<string, User>;
}

/** Adds a page's `users` to what is known of the authors. */
export function mergeAuthors(
  known: Record<string, User> | undefined,
  users: readonly User[] | undefined,
): Record<string, User> {
  const merged = { ...(known ?? {}) };
  for (const user of users ?? []) merged[user.id] = user;
  return merged;
}

/** The copy to keep of two copies of one message: the one with the higher rev (edits,
 * deletions and reactions raise it), the one already held when they are equal. */
export function newerCopy(held: Message, incoming: Message): Message {
  return (incoming.rev ?? 0) > (held.rev ?? 0) ? incoming : held;
}

/**
 * Merges messages into an ordered list: the same message arriving twice (REST page, socket
 * replay after a reconnect, the ack of our own send) is kept once, in its newest state (highest
 * rev), and the result is in seq order whatever order the pieces came in.
 */
export function mergeMessages(
  existing: readonly Message[],
  incoming: readonly Message[],
): Message[] {
  if (incoming.length === 0) return existing as Message[];
  const bySeq = new Map<number, Message>();
  const seenIds = new Set<string>();
  for (const message of existing) {
    bySeq.set(message.seq, message);
    seenIds.add(message.id);
  }
  let changed = false;
  for (const message of incoming) {
    if (seenIds.has(message.id)) {
      const held = bySeq.get(message.seq);
      if (held && held.id === message.id && newerCopy(held, message) !== held) {
        bySeq.set(message.seq, message);
        changed = true;
      }
      continue;
    }
    seenIds.add(message.id);
    bySeq.set(message.seq, message);
    changed = true;
  }
  if (!changed) return existing as Message[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export function highestSeq(window: MessageWindow | undefined): number | null {
  const last = window?.messages[window.messages.length - 1];
  return last ? last.seq : null;
}

export function getWindow(client: QueryClient, conversationId: string): MessageWindow | undefined {
  return client.getQueryData<MessageWindow>(queryKeys.messages(conversationId));
}

/**
 * Writes messages into a conversation's cached window. Returns the seq gap it found, if any: the
 * cached window ends at `from` but the new messages start after `from + 1`, so the caller must
 * fetch what lies between.
 */
export function insertMessages(
  client: QueryClient,
  conversationId: string,
  messages: readonly Message[],
): { gapAfter: number | null } {
  let gapAfter: number | null = null;
  client.setQueryData<MessageWindow>(queryKeys.messages(conversationId), (window) => {
    // No window yet means nobody has opened this conversation: its first fetch will load it.
    if (!window) return window;
    const top = highestSeq(window);
    const lowestIncoming = Math.min(...messages.map((m) => m.seq));
    if (top !== null && lowestIncoming > top + 1) gapAfter = top;
    const merged = mergeMessages(window.messages, messages);
    return merged === window.messages ? window : { ...window, messages: merged };
  });
  return { gapAfter };
}

export interface ConversationUpdate {
  message: Message;
  myUserId: string | null;
  /** The user is looking at this conversation, so it does not become unread. */
  isViewing: boolean;
}

/**
 * Moves a conversation to the top of the list with its new last message and unread count. The
 * count is derived from seqs (see unreadLedger.ts), so a message seen twice, or one the list's
 * REST snapshot already counted, is counted once whatever order they arrive in.
 */
export function applyMessageToConversationList(
  client: QueryClient,
  { message, myUserId, isViewing }: ConversationUpdate,
): { known: boolean } {
  let known = false;
  const fromMe = message.sender_id === myUserId;
  const countsUnread = !fromMe && !isViewing;
  const mentionsMe = myUserId !== null && (message.mentions ?? []).includes(myUserId);
  client.setQueryData<{ conversations: Conversation[] }>(queryKeys.conversations, (data) => {
    const index = data?.conversations.findIndex((c) => c.id === message.conversation_id) ?? -1;
    if (!data || index < 0) {
      recordUnlistedLiveMessage(client, message, countsUnread, mentionsMe);
      return data;
    }
    known = true;
    const current = data.conversations[index]!;
    const derived = recordLiveMessage(client, current, message, countsUnread, mentionsMe);
    const isNewest = derived.last_message !== current.last_message;
    if (
      !isNewest &&
      derived.unread_count === current.unread_count &&
      derived.mention_count === current.mention_count
    ) {
      return data;
    }
    const updated: Conversation = {
      ...derived,
      last_read_seq:
        fromMe && isNewest ? Math.max(derived.last_read_seq, message.seq) : derived.last_read_seq,
    };
    const rest = data.conversations.filter((_, i) => i !== index);
    return { conversations: isNewest ? [updated, ...rest] : withAt(rest, index, updated) };
  });
  return { known };
}

function withAt<T>(items: readonly T[], index: number, item: T): T[] {
  return [...items.slice(0, index), item, ...items.slice(index)];
}

export function markConversationRead(client: QueryClient, conversationId: string, seq: number) {
  client.setQueryData<{ conversations: Conversation[] }>(queryKeys.conversations, (data) => {
    if (!data) return data;
    // No shortcut on the shown last_read_seq: our own send moves it for the separator, but the
    // server's watermark (and so the unread count) moves only by reads.
    return {
      conversations: data.conversations.map((c) => {
        if (c.id !== conversationId) return c;
        const read = recordRead(client, c, seq);
        const same =
          read.unread_count === c.unread_count &&
          read.mention_count === c.mention_count &&
          read.last_read_seq === c.last_read_seq;
        return same ? c : read;
      }),
    };
  });
}

export function applyReceipt(client: QueryClient, conversationId: string, receipt: Receipt): void {
  client.setQueryData<{ receipts: Receipt[] }>(queryKeys.receipts(conversationId), (data) => {
    if (!data) return data;
    const others = data.receipts.filter((r) => r.user_id !== receipt.user_id);
    const previous = data.receipts.find((r) => r.user_id === receipt.user_id);
    // Watermarks never move backwards, even if events arrive out of order.
    const merged: Receipt = {
      user_id: receipt.user_id,
      delivered_seq: Math.max(previous?.delivered_seq ?? 0, receipt.delivered_seq ?? 0),
      read_seq: Math.max(previous?.read_seq ?? 0, receipt.read_seq ?? 0),
      // A re-join moves it up (and the watermarks with it); it is never guessed.
      joined_seq: receipt.joined_seq ?? previous?.joined_seq,
    };
    return { receipts: [...others, merged] };
  });
}

export function upsertConversation(client: QueryClient, conversation: Conversation): void {
  client.setQueryData<{ conversations: Conversation[] }>(queryKeys.conversations, (data) => {
    if (!data) return data;
    if (data.conversations.some((c) => c.id === conversation.id)) return data;
    return { conversations: [conversation, ...data.conversations] };
  });
}

export function removeConversation(client: QueryClient, conversationId: string): void {
  client.setQueryData<{ conversations: Conversation[] }>(queryKeys.conversations, (data) =>
    data ? { conversations: data.conversations.filter((c) => c.id !== conversationId) } : data,
  );
  forgetLedger(client, conversationId);
  client.removeQueries({ queryKey: queryKeys.conversation(conversationId) });
  client.removeQueries({ queryKey: queryKeys.messages(conversationId) });
}

/**
 * A changed message (`message.updated`): replaces the cached copy when it is newer (higher rev),
 * in the conversation's window and as the list's last message. A message the window does not
 * hold is left alone: history pages bring it in its current state when it is loaded.
 */
export function applyMessageUpdate(client: QueryClient, message: Message): void {
  client.setQueryData<MessageWindow>(queryKeys.messages(message.conversation_id), (window) => {
    if (!window) return window;
    const index = window.messages.findIndex((m) => m.id === message.id);
    if (index < 0) return window;
    const held = window.messages[index]!;
    if (newerCopy(held, message) === held) return window;
    const messages = window.messages.slice();
    messages[index] = message;
    return { ...window, messages };
  });
  client.setQueryData<{ conversations: Conversation[] }>(queryKeys.conversations, (data) => {
    if (!data) return data;
    let changed = false;
    const conversations = data.conversations.map((c) => {
      const last = c.last_message;
      if (!last || last.id !== message.id || newerCopy(last, message) === last) return c;
      changed = true;
      return { ...c, last_message: message };
    });
    return changed ? { conversations } : data;
  });
}
