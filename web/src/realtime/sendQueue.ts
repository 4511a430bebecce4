import type { Message, ReplyPreview } from '../api/types';

export type OutboxStatus = 'queued' | 'sending' | 'failed';

export interface OutboxItem {
  client_msg_id: string;
  conversation_id: string;
  body_text: string;
  created_at: string;
  status: OutboxStatus;
  error: string | null;
  /** The message this one answers: its id goes to the server as `reply_to_id`, the preview is
   * what the waiting bubble quotes. Absent from items stored before replies existed. */
  reply_to?: ReplyPreview | null;
}

/** Thrown by a transport when the message may not have reached the server: send it again later. */
export class RetryLaterError extends Error {
  /** Try again after this long even if nothing else triggers a flush (rate limits). */
  readonly afterMs: number | null;
  constructor(message = 'Not connected', afterMs: number | null = null) {
    super(message);
    this.name = 'RetryLaterError';
    this.afterMs = afterMs;
  }
}

/**
 * The next item to send: the oldest queued one whose conversation has nothing older still
 * unsent. A message never overtakes an earlier one of the same conversation, so one that
 * failed holds the later ones back until it is retried or deleted; other conversations go on.
 */
export function nextToSend(items: readonly OutboxItem[]): OutboxItem | undefined {
  const blocked = new Set<string>();
  for (const item of items) {
    if (blocked.has(item.conversation_id)) continue;
    if (item.status === 'queued') return item;
    blocked.add(item.conversation_id);
  }
  return undefined;
}

/** Whether an item waits behind an earlier one of its conversation that failed. */
export function isHeldBehindFailure(items: readonly OutboxItem[], item: OutboxItem): boolean {
  for (const other of items) {
    if (other === item || other.client_msg_id === item.client_msg_id) return false;
    if (other.conversation_id === item.conversation_id && other.status === 'failed') return true;
  }
  return false;
}

export interface SendTransport {
  isOnline(): boolean;
  /** Resolves with the stored message; RetryLaterError means "offline, keep it queued". */
  send(item: OutboxItem): Promise<Message>;
}

/** Where unsent messages are kept so that a reload does not lose them (sessionStorage in the app). */
export interface OutboxStorage {
  load(): OutboxItem[];
  save(items: readonly OutboxItem[]): void;
}

type Listener = () => void;
const EMPTY: readonly OutboxItem[] = Object.freeze([]);

/**
 * Messages the user sent that the server has not confirmed yet. Items go out one at a time in
 * the order they were written, so a conversation never shows them reordered. Every item keeps
 * its client_msg_id across retries, which the server uses to store it once however often it
 * arrives.
 */
export class SendQueue {
  private items: OutboxItem[] = [];
  private readonly snapshots = new Map<string, readonly OutboxItem[]>();
  private readonly listeners = new Set<Listener>();
  private flushing = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly transport: SendTransport,
    private readonly onSent: (message: Message) => void,
    private readonly newId: () => string = () => crypto.randomUUID(),
    private readonly now: () => Date = () => new Date(),
    private readonly storage: OutboxStorage | null = null,
  ) {
    // Whatever was in flight when the page went away goes back in line; the server keeps one
    // copy per client_msg_id however often it arrives.
    const restored = storage?.load() ?? [];
    if (restored.length > 0) {
      this.items = restored.map((item) =>
        item.status === 'sending' ? { ...item, status: 'queued' } : item,
      );
      this.publish();
    }
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Unconfirmed messages of one conversation, oldest first; the same array until it changes. */
  pending(conversationId: string): readonly OutboxItem[] {
    return this.snapshots.get(conversationId) ?? EMPTY;
  }

  all(): readonly OutboxItem[] {
    return this.items;
  }

  enqueue(
    conversationId: string,
    bodyText: string,
    replyTo: ReplyPreview | null = null,
  ): OutboxItem {
    const item: OutboxItem = {
      client_msg_id: this.newId(),
      conversation_id: conversationId,
      body_text: bodyText,
      created_at: this.now().toISOString(),
      status: 'queued',
      error: null,
      reply_to: replyTo,
    };
    this.items = [...this.items, item];
    this.publish();
    void this.flush();
    return item;
  }

  /** Puts a failed message back in line; it keeps its place and its client_msg_id. */
  retry(clientMsgId: string): void {
    this.update(clientMsgId, { status: 'queued', error: null });
    void this.flush();
  }

  discard(clientMsgId: string): void {
    this.items = this.items.filter((i) => i.client_msg_id !== clientMsgId);
    this.publish();
  }

  /** The server's echo of one of our messages arrived (possibly before the ack). */
  confirm(clientMsgId: string): void {
    const item = this.items.find((i) => i.client_msg_id === clientMsgId);
    if (!item || item.status === 'sending') return; // the ack handler removes sending items
    this.discard(clientMsgId);
  }

  /** Sends every queued item in order while the transport is online. */
  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.transport.isOnline()) {
        const next = nextToSend(this.items);
        if (!next) break;
        this.update(next.client_msg_id, { status: 'sending' });
        try {
          const message = await this.transport.send(next);
          this.items = this.items.filter((i) => i.client_msg_id !== next.client_msg_id);
          this.onSent(message);
          this.publish();
        } catch (error) {
          if (error instanceof RetryLaterError) {
            this.update(next.client_msg_id, { status: 'queued' });
            if (error.afterMs !== null) {
              clearTimeout(this.retryTimer);
              this.retryTimer = setTimeout(() => void this.flush(), error.afterMs);
            }
            break;
          }
          this.update(next.client_msg_id, {
            status: 'failed',
            error: error instanceof Error ? error.message : 'Not sent',
          });
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Forgets everything, also what was stored (signing out). */
  clear(): void {
    clearTimeout(this.retryTimer);
    this.items = [];
    this.publish();
  }

  private update(clientMsgId: string, patch: Partial<OutboxItem>): void {
    this.items = this.items.map((i) => (i.client_msg_id === clientMsgId ? { ...i, ...patch } : i));
    this.publish();
  }

  private publish(): void {
    this.storage?.save(this.items);
    const grouped = new Map<string, OutboxItem[]>();
    for (const item of this.items) {
      const list = grouped.get(item.conversation_id) ?? [];
      list.push(item);
      grouped.set(item.conversation_id, list);
    }
    for (const id of this.snapshots.keys()) if (!grouped.has(id)) this.snapshots.set(id, EMPTY);
    for (const [id, list] of grouped) {
      const previous = this.snapshots.get(id);
      const same =
        previous !== undefined &&
        previous.length === list.length &&
        previous.every((item, index) => item === list[index]);
      if (!same) this.snapshots.set(id, list);
    }
    for (const listener of this.listeners) listener();
  }
}

/** Keeps a user's unsent messages in sessionStorage: per tab, gone when the tab closes. */
export function sessionOutboxStorage(userId: string): OutboxStorage | null {
  if (typeof sessionStorage === 'undefined') return null;
  const key = `natter.outbox.${userId}`;
  return {
    load() {
      try {
        const raw = sessionStorage.getItem(key);
        const parsed: unknown = raw ? JSON.parse(raw) : [];
        return Array.isArray(parsed) ? (parsed as OutboxItem[]) : [];
      } catch {
        return [];
      }
    },
    save(items) {
      try {
        if (items.length === 0) sessionStorage.removeItem(key);
        else sessionStorage.setItem(key, JSON.stringify(items));
      } catch {
        // Storage full or disabled: the queue still works for this page's lifetime.
      }
    },
  };
}
