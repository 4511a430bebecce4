import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/queryKeys';
import type { Conversation, ConversationPreferences, Message, ReplyPreview } from '../api/types';
import {
  Connection,
  ConnectionLostError,
  RequestTimeoutError,
  ServerRejectedError,
  type ConnectionOptions,
  type ConnectionState,
} from './connection';
import {
  ClientEvent,
  ServerEvent,
  type ConversationNewData,
  type Frame,
  type MemberJoinedData,
  type MemberLeftData,
  type MessageNewData,
  type MessageUpdatedData,
  type ReceiptUpdatedData,
  type TypingData,
} from './events';
import {
  applyMessageToConversationList,
  applyMessageUpdate,
  applyReceipt,
  getWindow,
  highestSeq,
  insertMessages,
  markConversationRead,
  removeConversation,
  upsertConversation,
} from './messageCache';
import { ChangeCursors } from './changeCursors';
import { RetryLaterError, SendQueue, type OutboxItem, type OutboxStorage } from './sendQueue';
import { applyPreferences } from './preferencesCache';
import { PresenceStore, type PresenceFrame } from './presenceStore';
import { TypingStore } from './typingStore';
import { changesConversation } from '../lib/systemLines';

export interface RealtimeStatus {
  state: ConnectionState;
  /** Whether the connection was ever established in this session. */
  everOnline: boolean;
  /** When the connection came back after being lost (for a short "back online" notice). */
  restoredAt: number | null;
}

export interface RealtimeDeps {
  queryClient: QueryClient;
  myUserId: () => string | null;
  /** Fetch messages after a seq over REST, to fill a gap the socket left. */
  fetchAfter: (conversationId: string, afterSeq: number) => Promise<Message[]>;
  /** The changes of a conversation after a change number (GET .../changes). */
  fetchChanges?: (
    conversationId: string,
    after: number,
  ) => Promise<{ messages: Message[]; last_rev: number }>;
  /** Fallback for read receipts when the socket is down. */
  markReadRest?: (messageId: string) => Promise<void>;
  isDocumentVisible?: () => boolean;
  /** Keeps unsent messages across reloads. */
  outboxStorage?: OutboxStorage | null;
  connection: Omit<ConnectionOptions, 'onFrame' | 'onAuthenticated' | 'onStateChange'>;
}

type Listener = () => void;

/** Refusals that pass by themselves: the message waits and goes again, it has not failed. */
const TRANSIENT_CODES = new Set(['rate_limited', 'unavailable']);
const RETRY_TRANSIENT_MS = 2_000;

/** How long delivered acks are gathered before one frame per conversation goes out. */
const DELIVERED_COALESCE_MS = 250;

/**
 * The app's one realtime client. It owns the connection, keeps track of the rooms the UI has
 * open, re-joins them after a reconnect from the highest seq already cached, writes every event
 * into the query cache, and drains the send queue whenever the connection is up.
 */
export class RealtimeClient {
  readonly typing = new TypingStore();
  readonly presence = new PresenceStore((userIds) =>
    this.connection.request<{ presence?: PresenceFrame[]; hidden?: boolean }>(
      ClientEvent.PresenceWatch,
      { user_ids: userIds },
    ),
  );
  readonly outbox: SendQueue;
  private readonly connection: Connection;
  private readonly rooms = new Set<string>();
  private status: RealtimeStatus = { state: 'stopped', everOnline: false, restoredAt: null };
  private readonly listeners = new Set<Listener>();
  private readonly incomingListeners = new Set<(message: Message) => void>();
  private readonly readSent = new Map<string, number>();
  private readonly gapFills = new Set<string>();
  private authentications = 0;
  /** Rooms joined before their history was cached, so without after_seq. */
  private readonly joinedWithoutSeq = new Set<string>();
  private unsubscribeCache: (() => void) | null = null;
  private reading: string | null = null;
  private readonly unreadFetched = new Set<string>();
  /** Conversations this user was removed from (or left) during this session. */
  private removed: ReadonlySet<string> = new Set();
  /** Delivered acks waiting to go out (coalesced), and the highest one sent, per conversation. */
  private readonly deliveredDue = new Map<string, number>();
  private readonly deliveredSent = new Map<string, number>();
  private deliveredTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly changeCursors = new ChangeCursors();
  /** When each conversation's history was last asked for (its change cursor starts there). */
  private readonly historyFetchedAt = new Map<string, number>();

  constructor(private readonly deps: RealtimeDeps) {
    this.connection = new Connection({
      ...deps.connection,
      onFrame: (frame) => this.handleFrame(frame),
      onAuthenticated: () => this.handleAuthenticated(),
      onStateChange: (state) => this.handleStateChange(state),
    });
    this.outbox = new SendQueue(
      {
        isOnline: () => this.connection.getState() === 'online',
        send: (item) => this.sendOverSocket(item),
      },
      (message) => this.acceptMessages(message.conversation_id, [message]),
      undefined,
      undefined,
      deps.outboxStorage ?? null,
    );
  }

  dispose(): void {
    this.stop();
  }

  // ----- lifecycle and status -----

  start(): void {
    this.watchHistoryLoads();
    this.connection.start();
  }

  private watchHistoryLoads(): void {
    if (this.unsubscribeCache) return;
    // A message can arrive between the history fetch being answered and its result reaching the
    // cache, and would be lost (there was no window to put it in). Joining again with after_seq
    // once the history is cached makes the server replay anything newer.
    this.unsubscribeCache = this.deps.queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated') return;
      const [kind, id] = event.query.queryKey as [unknown, unknown];
      if (event.action.type === 'fetch' && kind === 'messages' && typeof id === 'string') {
        this.historyFetchedAt.set(id, Date.now());
      }
      if (event.action.type !== 'success') return;
      if (kind === 'conversations') this.fetchUnreadOnce();
      if (kind !== 'messages' || typeof id !== 'string') return;
      this.changeCursors.seed(id, this.historyLastRev(id));
      if (this.rooms.has(id) && this.joinedWithoutSeq.has(id)) this.sendJoin(id);
      // The newest page of history is in hand: everything up to its last message reached us.
      const top = highestSeq(getWindow(this.deps.queryClient, id));
      if (top !== null) this.noteDelivered(id, top);
    });
  }

  /** Closes the socket with a close handshake and waits for it (signing out), then stops. */
  async stopAndWaitClosed(): Promise<void> {
    await this.connection.stopAndWaitClosed();
    this.stop();
  }

  stop(): void {
    this.unsubscribeCache?.();
    this.unsubscribeCache = null;
    this.joinedWithoutSeq.clear();
    this.changeCursors.clear();
    this.historyFetchedAt.clear();
    this.connection.stop();
    clearTimeout(this.deliveredTimer);
    this.deliveredTimer = undefined;
    this.deliveredDue.clear();
    this.deliveredSent.clear();
    this.authentications = 0;
    this.rooms.clear();
    this.unreadFetched.clear();
    this.removed = new Set();
    this.readSent.clear();
    this.typing.clear();
    this.status = { state: 'stopped', everOnline: false, restoredAt: null };
    this.emit();
  }

  reconnectNow(): void {
    this.connection.reconnectNow();
  }

  /** The browser went offline: say so now and queue, rather than wait for a timeout. */
  wentOffline(): void {
    this.connection.dropNow();
  }

  /** Others' messages as they arrive over the socket (notifications), never history pages. */
  onIncomingMessage = (listener: (message: Message) => void): (() => void) => {
    this.incomingListeners.add(listener);
    return () => this.incomingListeners.delete(listener);
  };

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getStatus = (): RealtimeStatus => this.status;

  getRemoved = (): ReadonlySet<string> => this.removed;

  /**
   * This user is no longer a member: the open chat says so and keeps what it shows (and the
   * draft), the sidebar drops it. Its cached history goes when nobody shows it any more.
   */
  private noteRemoved(conversationId: string): void {
    if (this.removed.has(conversationId)) return;
    this.removed = new Set([...this.removed, conversationId]);
    const client = this.deps.queryClient;
    client.setQueryData<{ conversations: Conversation[] }>(queryKeys.conversations, (data) =>
      data ? { conversations: data.conversations.filter((c) => c.id !== conversationId) } : data,
    );
    if (!this.rooms.has(conversationId)) removeConversation(client, conversationId);
    this.emit();
  }

  // ----- commands the UI uses (through hooks) -----

  joinRoom(conversationId: string): void {
    this.rooms.add(conversationId);
    this.sendJoin(conversationId);
  }

  leaveRoom(conversationId: string): void {
    this.joinedWithoutSeq.delete(conversationId);
    if (!this.rooms.delete(conversationId)) return;
    this.connection.send(ClientEvent.RoomLeave, { conversation_id: conversationId });
  }

  sendMessage(
    conversationId: string,
    bodyText: string,
    replyTo: ReplyPreview | null = null,
  ): OutboxItem {
    return this.outbox.enqueue(conversationId, bodyText, replyTo);
  }

  setTyping(conversationId: string, typing: boolean): void {
    this.connection.send(typing ? ClientEvent.TypingStart : ClientEvent.TypingStop, {
      conversation_id: conversationId,
    });
  }

  /** Which conversation the user is reading at its newest message, if any. */
  setReading(conversationId: string, reading: boolean): void {
    if (reading) this.reading = conversationId;
    else if (this.reading === conversationId) this.reading = null;
  }

  /** Moves the caller's read watermark forward to this message. */
  markRead(message: Message): void {
    const sent = this.readSent.get(message.conversation_id) ?? 0;
    if (message.seq <= sent) return;
    this.readSent.set(message.conversation_id, message.seq);
    markConversationRead(this.deps.queryClient, message.conversation_id, message.seq);
    const viaSocket = this.connection.send(ClientEvent.ReceiptRead, {
      conversation_id: message.conversation_id,
      seq: message.seq,
    });
    if (!viaSocket && this.deps.markReadRest) {
      this.deps.markReadRest(message.id).catch(() => {
        // Try again with the next message seen; the watermark never moves backwards anyway.
        this.readSent.set(message.conversation_id, sent);
      });
    }
  }

  /**
   * Says "this client has the conversation's messages up to seq" (receipt.delivered). The
   * server moves the delivered watermark only on these, so "Delivered" means a client of the
   * recipient really holds the message. Coalesced: one frame per conversation every 250 ms
   * with the highest seq; kept while offline and sent after the next authentication.
   */
  private noteDelivered(conversationId: string, seq: number): void {
    const known = Math.max(
      this.deliveredSent.get(conversationId) ?? 0,
      this.deliveredDue.get(conversationId) ?? 0,
    );
    if (seq <= known) return;
    this.deliveredDue.set(conversationId, seq);
    this.deliveredTimer ??= setTimeout(() => this.flushDelivered(), DELIVERED_COALESCE_MS);
  }

  private flushDelivered(): void {
    this.deliveredTimer = undefined;
    for (const [conversationId, seq] of this.deliveredDue) {
      const sent = this.connection.send(ClientEvent.ReceiptDelivered, {
        conversation_id: conversationId,
        seq,
      });
      if (!sent) return; // offline: the rest go out after the next auth.ok
      this.deliveredDue.delete(conversationId);
      this.deliveredSent.set(conversationId, seq);
    }
  }

  // ----- internals -----

  private sendJoin(conversationId: string): void {
    const after = highestSeq(getWindow(this.deps.queryClient, conversationId));
    const data: { conversation_id: string; after_seq?: number; changes_after?: number } = {
      conversation_id: conversationId,
    };
    if (after !== null) data.after_seq = after;
    // With the history held, catch up the changes to it too (docs/protocol.md).
    const cursor = after !== null ? this.changeCursors.get(conversationId) : undefined;
    if (cursor !== undefined) data.changes_after = cursor;
    if (this.connection.getState() !== 'online') return; // the next auth.ok joins again
    this.changeCursors.joinSent(conversationId);
    this.connection
      .request<{ last_rev?: number }>(ClientEvent.RoomJoin, data)
      .then((ack) => this.joinAcknowledged(conversationId, ack, cursor !== undefined))
      .catch(() => {
        // Dropped or refused: the next authentication joins again from the same cursors.
      });
    if (after === null) this.joinedWithoutSeq.add(conversationId);
    else this.joinedWithoutSeq.delete(conversationId);
  }

  /** The server sends at most this many changes per join; more are read over REST. */
  private static readonly CHANGES_PER_JOIN = 2_000;

  private joinAcknowledged(
    conversationId: string,
    ack: { last_rev?: number } | undefined,
    askedForChanges: boolean,
  ): void {
    const lastRev = typeof ack?.last_rev === 'number' ? ack.last_rev : undefined;
    const replayed = this.changeCursors.joinAcked(conversationId, lastRev);
    if (askedForChanges && lastRev !== undefined && replayed >= RealtimeClient.CHANGES_PER_JOIN) {
      void this.fetchRemainingChanges(conversationId, lastRev);
    }
  }

  /** More changes than one join replays: the rest come from GET .../changes, page by page. */
  private async fetchRemainingChanges(conversationId: string, after: number): Promise<void> {
    const fetchChanges = this.deps.fetchChanges;
    if (!fetchChanges) return;
    try {
      let cursor = after;
      for (;;) {
        const page = await fetchChanges(conversationId, cursor);
        for (const message of page.messages) applyMessageUpdate(this.deps.queryClient, message);
        this.changeCursors.joinAcked(conversationId, page.last_rev);
        if (page.messages.length === 0 || page.last_rev <= cursor) return;
        cursor = page.last_rev;
      }
    } catch {
      // The next reconnect asks again from the cursor, which moved only as far as applied.
    }
  }

  /**
   * Where a freshly loaded history's change cursor starts. The page is one consistent read: every
   * change up to the highest `rev` among its messages is in it. So is every change up to a
   * `last_rev` that the list or the conversation brought before the history was asked for (a
   * later one could name a change the history missed). The higher of the two, erring low.
   */
  private historyLastRev(conversationId: string): number | undefined {
    const client = this.deps.queryClient;
    const window = getWindow(client, conversationId);
    if (!window) return undefined;
    let rev = window.messages.reduce((highest, m) => Math.max(highest, m.rev ?? 0), 0);
    const askedAt = this.historyFetchedAt.get(conversationId);
    if (askedAt === undefined) return rev;
    const listState = client.getQueryState<{ conversations: Conversation[] }>(
      queryKeys.conversations,
    );
    const detailState = client.getQueryState<Conversation>(queryKeys.conversation(conversationId));
    const listed = listState?.data?.conversations.find((c) => c.id === conversationId);
    for (const [known, at] of [
      [listed?.last_rev, listState?.dataUpdatedAt],
      [detailState?.data?.last_rev, detailState?.dataUpdatedAt],
    ] as const) {
      if (typeof known === 'number' && at !== undefined && at <= askedAt)
        rev = Math.max(rev, known);
    }
    return rev;
  }

  private async sendOverSocket(item: OutboxItem): Promise<Message> {
    if (this.connection.getState() !== 'online') throw new RetryLaterError();
    try {
      const ack = await this.connection.request<{ message?: Message } & Partial<Message>>(
        ClientEvent.MessageSend,
        {
          conversation_id: item.conversation_id,
          body_text: item.body_text,
          client_msg_id: item.client_msg_id,
          ...(item.reply_to ? { reply_to_id: item.reply_to.id } : {}),
        },
      );
      // The contract says "acked with the stored message": accept it bare or wrapped.
      const message = ack.message ?? (ack as Message);
      if (!message || typeof message.seq !== 'number') throw new Error('Malformed acknowledgement');
      return message;
    } catch (error) {
      if (error instanceof ConnectionLostError) throw new RetryLaterError();
      if (error instanceof RequestTimeoutError) {
        // No answer is not a refusal: the line is probably dead. Reconnect and resend with the
        // same client_msg_id (the server stores it once).
        this.connection.dropNow();
        throw new RetryLaterError();
      }
      if (error instanceof ServerRejectedError && error.code === 'not_found') {
        // Removed while away (the event was missed): say so where the user is typing.
        this.noteRemoved(item.conversation_id);
      }
      if (error instanceof ServerRejectedError && TRANSIENT_CODES.has(error.code)) {
        throw new RetryLaterError(error.message, RETRY_TRANSIENT_MS);
      }
      throw error;
    }
  }

  private handleStateChange(state: ConnectionState): void {
    const previous = this.status;
    const restored = state === 'online' && previous.everOnline && previous.state !== 'online';
    this.status = {
      state,
      everOnline: previous.everOnline || state === 'online',
      restoredAt: restored ? Date.now() : previous.restoredAt,
    };
    if (state !== 'online') {
      // Nobody is reliably typing across a disconnect.
      this.typing.clear();
      this.changeCursors.disconnected();
      this.presence.disconnected();
    }
    this.emit();
  }

  private handleAuthenticated(): void {
    for (const id of this.rooms) this.sendJoin(id);
    this.presence.connected();
    this.connection.send(ClientEvent.TypingSubscribe, { all: true });
    this.authentications += 1;
    if (this.authentications > 1) this.catchUpAfterReconnect();
    if (this.deliveredDue.size > 0) this.flushDelivered();
    this.fetchUnreadOnce();
    void this.outbox.flush();
  }

  private catchUpAfterReconnect(): void {
    const client = this.deps.queryClient;
    // Messages of conversations that are not open reach every socket live, but not while the
    // socket was gone: ask for a replay of what each listed conversation missed, so that they
    // arrive (and are acknowledged as delivered) as if they had come live.
    const listed = client.getQueryData<{ conversations: Conversation[] }>(queryKeys.conversations);
    for (const conversation of listed?.conversations ?? []) {
      if (this.rooms.has(conversation.id)) continue; // joined with after_seq already
      const known = Math.max(
        conversation.last_message?.seq ?? 0,
        highestSeq(getWindow(client, conversation.id)) ?? 0,
      );
      void this.replayMissed(conversation.id, known);
    }
    // What happened in other conversations while we were away: refresh the list, and drop
    // cached histories of rooms we are not in, which would otherwise have holes.
    void client.invalidateQueries({ queryKey: queryKeys.conversations });
    for (const query of client.getQueryCache().findAll({ queryKey: ['messages'] })) {
      const id = query.queryKey[1];
      if (typeof id === 'string' && !this.rooms.has(id)) {
        client.removeQueries({ queryKey: query.queryKey, exact: true });
        this.changeCursors.forget(id);
      }
    }
    for (const id of this.rooms) {
      void client.invalidateQueries({ queryKey: queryKeys.receipts(id) });
    }
  }

  /**
   * Messages that arrived while the app was closed reach it only as the list's preview. Once
   * per session, each conversation with unread messages replays them from the read watermark,
   * so they are really received here (and acknowledged as delivered) before being opened.
   */
  private fetchUnreadOnce(): void {
    if (this.connection.getState() !== 'online') return;
    const listed = this.deps.queryClient.getQueryData<{ conversations: Conversation[] }>(
      queryKeys.conversations,
    );
    for (const conversation of listed?.conversations ?? []) {
      if (conversation.unread_count <= 0 || this.unreadFetched.has(conversation.id)) continue;
      if (this.rooms.has(conversation.id)) continue; // its room replays it already
      this.unreadFetched.add(conversation.id);
      void this.replayMissed(conversation.id, conversation.last_read_seq);
    }
  }

  /** Joins a room just long enough for the server to replay what came after `afterSeq`. */
  private async replayMissed(conversationId: string, afterSeq: number): Promise<void> {
    try {
      await this.connection.request(ClientEvent.RoomJoin, {
        conversation_id: conversationId,
        after_seq: afterSeq,
      });
    } catch {
      return; // gone again, or no longer a member: the next reconnect tries again
    }
    if (!this.rooms.has(conversationId)) {
      this.connection.send(ClientEvent.RoomLeave, { conversation_id: conversationId });
    }
  }

  private handleFrame(frame: Frame): void {
    const client = this.deps.queryClient;
    switch (frame.type) {
      case ServerEvent.MessageNew: {
        const { message } = frame.data as MessageNewData;
        if (!message) return;
        this.acceptMessages(message.conversation_id, [message]);
        if (message.client_msg_id && message.sender_id === this.deps.myUserId()) {
          this.outbox.confirm(message.client_msg_id);
        }
        if (message.sender_id !== this.deps.myUserId()) {
          this.typing.stop(message.conversation_id, message.sender_id);
          for (const listener of this.incomingListeners) listener(message);
        }
        return;
      }
      case ServerEvent.MessageUpdated: {
        const { message } = frame.data as MessageUpdatedData;
        if (!message) return;
        applyMessageUpdate(client, message);
        this.changeCursors.update(message.conversation_id, message.rev);
        return;
      }
      case ServerEvent.Typing: {
        const data = frame.data as TypingData;
        if (data.user_id === this.deps.myUserId()) return;
        if (data.state === 'start') this.typing.start(data.conversation_id, data.user_id);
        else this.typing.stop(data.conversation_id, data.user_id);
        return;
      }
      case ServerEvent.ReceiptUpdated: {
        const data = frame.data as ReceiptUpdatedData;
        applyReceipt(client, data.conversation_id, data);
        if (data.user_id === this.deps.myUserId() && typeof data.read_seq === 'number') {
          markConversationRead(client, data.conversation_id, data.read_seq);
        }
        return;
      }
      case ServerEvent.MemberJoined: {
        const data = frame.data as MemberJoinedData;
        void client.invalidateQueries({ queryKey: queryKeys.conversation(data.conversation_id) });
        void client.invalidateQueries({ queryKey: queryKeys.receipts(data.conversation_id) });
        return;
      }
      case ServerEvent.MemberLeft: {
        const data = frame.data as MemberLeftData;
        if (data.user_id === this.deps.myUserId()) {
          this.noteRemoved(data.conversation_id);
        } else {
          void client.invalidateQueries({ queryKey: queryKeys.conversation(data.conversation_id) });
        }
        return;
      }
      case ServerEvent.ConversationNew: {
        const data = frame.data as ConversationNewData;
        if (data.conversation && this.removed.has(data.conversation.id)) {
          // Added back: a member again.
          const rest = new Set(this.removed);
          rest.delete(data.conversation.id);
          this.removed = rest;
          void client.invalidateQueries({ queryKey: queryKeys.conversation(data.conversation.id) });
          this.emit();
        }
        if (data.conversation) upsertConversation(client, data.conversation);
        void client.invalidateQueries({ queryKey: queryKeys.conversations });
        return;
      }
      case ServerEvent.Presence: {
        const data = frame.data as PresenceFrame | undefined;
        if (data?.user_id) this.presence.apply(data);
        return;
      }
      case ServerEvent.PresencePrivacy: {
        const data = frame.data as { hidden?: boolean } | undefined;
        this.presence.privacyChanged(Boolean(data?.hidden));
        return;
      }
      case ServerEvent.ConversationPreferences: {
        const data = frame.data as ConversationPreferences | undefined;
        if (data?.conversation_id) applyPreferences(client, data);
        return;
      }
      default:
        return;
    }
  }

  /** Writes messages into the cache and the conversation list, filling any seq gap by REST. */
  private acceptMessages(conversationId: string, messages: Message[]): void {
    const client = this.deps.queryClient;
    const { gapAfter } = insertMessages(client, conversationId, messages);
    if (gapAfter !== null) void this.fillGap(conversationId, gapAfter);
    const myId = this.deps.myUserId();
    const fromOthers = messages.filter((m) => m.sender_id !== myId);
    if (fromOthers.length > 0) {
      this.noteDelivered(conversationId, Math.max(...fromOthers.map((m) => m.seq)));
    }
    const visible = this.deps.isDocumentVisible?.() ?? true;
    for (const message of messages) {
      const { known } = applyMessageToConversationList(client, {
        message,
        myUserId: this.deps.myUserId(),
        // Open is not enough: scrolled far up, or in a background window, it is unread.
        isViewing: this.reading === conversationId && visible,
      });
      if (!known) void client.invalidateQueries({ queryKey: queryKeys.conversations });
    }
    // A system line means the title, description or members changed (docs/protocol.md).
    if (messages.some(changesConversation)) {
      void client.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
      void client.invalidateQueries({ queryKey: queryKeys.conversations });
    }
  }

  private async fillGap(conversationId: string, afterSeq: number): Promise<void> {
    if (this.gapFills.has(conversationId)) return;
    this.gapFills.add(conversationId);
    try {
      const missing = await this.deps.fetchAfter(conversationId, afterSeq);
      insertMessages(this.deps.queryClient, conversationId, missing);
    } catch {
      // The next reconnect's room.join with after_seq catches up instead.
    } finally {
      this.gapFills.delete(conversationId);
    }
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
