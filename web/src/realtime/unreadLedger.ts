import type { QueryClient } from '@tanstack/react-query';
import type { Conversation, Message } from '../api/types';

/**
 * Why this exists: the conversation list comes from two sources that race. A REST snapshot
 * (`unread_count` as the server counted it up to its `last_message.seq`) and live socket
 * messages. A snapshot the server computed *before* a live message was published can land
 * *after* that message: overwriting the list with it dropped the live message from the badge
 * (issue #19: "74 unread" for 75). Adding the two instead would count a message twice when
 * the snapshot already includes it.
 *
 * So the unread count is derived from seq numbers, never accumulated:
 *   unread = server's count up to `snapshotSeq`
 *          + live messages from others, not seen on arrival, with seq > max(snapshotSeq, read)
 * Every input is keyed by seq, so the result is the same whatever order the snapshot, the
 * live messages, their replays and the read receipts arrive in.
 */
interface LiveMessage {
  message: Message;
  /** From someone else and not on screen when it came: the server counts it unread too. */
  countsUnread: boolean;
  /** Counts unread and names the viewer: the list's "@" count, kept apart from unread. */
  mentionsMe: boolean;
}

interface ConversationLedger {
  /** The newest seq the last snapshot covered (its `last_message.seq`, 0 when empty). */
  snapshotSeq: number;
  /** The server's `unread_count` for seqs up to `snapshotSeq`, lowered by later reads. */
  snapshotUnread: number;
  /** The server's `mention_count` for the same seqs, lowered by later reads. */
  snapshotMentions: number;
  readSeq: number;
  /** Live messages newer than the snapshot, by seq. */
  live: Map<number, LiveMessage>;
  /** Live messages came before the list had this conversation: no baseline yet. */
  awaitingList?: boolean;
}

const ledgers = new WeakMap<QueryClient, Map<string, ConversationLedger>>();

function ledgersOf(client: QueryClient): Map<string, ConversationLedger> {
  let byConversation = ledgers.get(client);
  if (!byConversation) {
    byConversation = new Map();
    ledgers.set(client, byConversation);
  }
  return byConversation;
}

/** The ledger of a conversation, started from what the list shows when none exists yet. */
function ledgerFor(client: QueryClient, shown: Conversation): ConversationLedger {
  const byConversation = ledgersOf(client);
  let ledger = byConversation.get(shown.id);
  if (!ledger || ledger.awaitingList) {
    const snapshotSeq = shown.last_message?.seq ?? 0;
    ledger = {
      snapshotSeq,
      snapshotUnread: shown.unread_count,
      snapshotMentions: shown.mention_count ?? 0,
      readSeq: shown.last_read_seq,
      live: newerThan(ledger?.live, snapshotSeq),
    };
    byConversation.set(shown.id, ledger);
  }
  return ledger;
}

function newerThan(live: Map<number, LiveMessage> | undefined, seq: number) {
  const newer = new Map<number, LiveMessage>();
  for (const [liveSeq, entry] of live ?? []) if (liveSeq > seq) newer.set(liveSeq, entry);
  return newer;
}

function unreadOf(ledger: ConversationLedger): number {
  const floor = Math.max(ledger.snapshotSeq, ledger.readSeq);
  let unread = ledger.snapshotUnread;
  for (const [seq, entry] of ledger.live) if (entry.countsUnread && seq > floor) unread += 1;
  return unread;
}

function mentionsOf(ledger: ConversationLedger): number {
  const floor = Math.max(ledger.snapshotSeq, ledger.readSeq);
  let mentions = ledger.snapshotMentions;
  for (const [seq, entry] of ledger.live) if (entry.mentionsMe && seq > floor) mentions += 1;
  return mentions;
}

function newestLive(ledger: ConversationLedger): Message | null {
  let newest: Message | null = null;
  for (const { message } of ledger.live.values()) {
    if (!newest || message.seq > newest.seq) newest = message;
  }
  return newest;
}

/** The conversation as the ledger derives it: newest message, unread count, read watermark. */
function derive(conversation: Conversation, ledger: ConversationLedger): Conversation {
  const live = newestLive(ledger);
  const newer = live && live.seq > (conversation.last_message?.seq ?? 0);
  return {
    ...conversation,
    last_message: newer ? live : conversation.last_message,
    unread_count: unreadOf(ledger),
    mention_count: mentionsOf(ledger),
    last_read_seq: Math.max(conversation.last_read_seq, ledger.readSeq),
  };
}

/** A live message for a listed conversation: returns the conversation as it now reads. */
export function recordLiveMessage(
  client: QueryClient,
  shown: Conversation,
  message: Message,
  countsUnread: boolean,
  mentionsMe = false,
): Conversation {
  const ledger = ledgerFor(client, shown);
  if (message.seq > ledger.snapshotSeq && !ledger.live.has(message.seq)) {
    ledger.live.set(message.seq, { message, countsUnread, mentionsMe: countsUnread && mentionsMe });
  }
  return derive(shown, ledger);
}

/**
 * A live message for a conversation the list does not show (yet): the list is still loading,
 * or it is being refetched. Kept so the snapshot that lands next can count it if it is newer.
 */
export function recordUnlistedLiveMessage(
  client: QueryClient,
  message: Message,
  countsUnread: boolean,
  mentionsMe = false,
): void {
  const byConversation = ledgersOf(client);
  let ledger = byConversation.get(message.conversation_id);
  if (!ledger) {
    ledger = {
      snapshotSeq: 0,
      snapshotUnread: 0,
      snapshotMentions: 0,
      readSeq: 0,
      live: new Map(),
      awaitingList: true,
    };
    byConversation.set(message.conversation_id, ledger);
  }
  if (message.seq > ledger.snapshotSeq && !ledger.live.has(message.seq)) {
    ledger.live.set(message.seq, { message, countsUnread, mentionsMe: countsUnread && mentionsMe });
  }
}

/** The read watermark moved (our own `receipt.updated`): returns the conversation as it reads. */
export function recordRead(
  client: QueryClient,
  shown: Conversation,
  readSeq: number,
): Conversation {
  const ledger = ledgerFor(client, shown);
  ledger.readSeq = Math.max(ledger.readSeq, readSeq);
  lowerSnapshotUnreadToWatermark(ledger);
  return derive(shown, ledger);
}

/**
 * Read past the snapshot's newest: all it counted is read. Before it: at most what lies after
 * the watermark (the exact number, without own and hidden messages, only the server knows).
 */
function lowerSnapshotUnreadToWatermark(ledger: ConversationLedger): void {
  ledger.snapshotUnread =
    ledger.readSeq >= ledger.snapshotSeq
      ? 0
      : Math.min(ledger.snapshotUnread, ledger.snapshotSeq - ledger.readSeq);
  // Mentions are a subset of the unread ones.
  ledger.snapshotMentions = Math.min(ledger.snapshotMentions, ledger.snapshotUnread);
}

/**
 * A REST snapshot of the list arrived: it replaces what the server counted, and the live
 * messages it does not cover yet (newer than its `last_message`) are counted on top of it.
 */
export function reconcileSnapshot(
  client: QueryClient,
  snapshot: { conversations: Conversation[] },
): { conversations: Conversation[] } {
  const byConversation = ledgersOf(client);
  const conversations = snapshot.conversations.map((conversation) => {
    const previous = byConversation.get(conversation.id);
    const snapshotSeq = conversation.last_message?.seq ?? 0;
    const live = newerThan(previous?.live, snapshotSeq);
    const ledger: ConversationLedger = {
      snapshotSeq,
      snapshotUnread: conversation.unread_count,
      snapshotMentions: conversation.mention_count ?? 0,
      // The snapshot may predate a read we already heard of; watermarks only move up.
      readSeq: Math.max(conversation.last_read_seq, previous?.readSeq ?? 0),
      live,
    };
    if (ledger.readSeq > conversation.last_read_seq) lowerSnapshotUnreadToWatermark(ledger);
    byConversation.set(conversation.id, ledger);
    return derive(conversation, ledger);
  });
  return { conversations };
}

/** Forgets a conversation (left, removed): a later snapshot starts it afresh. */
export function forgetLedger(client: QueryClient, conversationId: string): void {
  ledgersOf(client).delete(conversationId);
}
