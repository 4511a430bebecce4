// Who is typing where. Entries expire on their own, so a lost "stop" cannot leave a ghost.
const TYPING_TTL_MS = 6_000;
const EMPTY: readonly string[] = Object.freeze([]);

type Listener = () => void;

export class TypingStore {
  private readonly timers = new Map<string, Map<string, ReturnType<typeof setTimeout>>>();
  private readonly snapshots = new Map<string, readonly string[]>();
  private readonly listeners = new Set<Listener>();

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** User ids typing in a conversation; the same array until it changes. */
  get(conversationId: string): readonly string[] {
    return this.snapshots.get(conversationId) ?? EMPTY;
  }

  start(conversationId: string, userId: string): void {
    const users = this.timers.get(conversationId) ?? new Map();
    this.timers.set(conversationId, users);
    clearTimeout(users.get(userId));
    users.set(
      userId,
      setTimeout(() => this.stop(conversationId, userId), TYPING_TTL_MS),
    );
    this.publish(conversationId);
  }

  stop(conversationId: string, userId: string): void {
    const users = this.timers.get(conversationId);
    if (!users?.has(userId)) return;
    clearTimeout(users.get(userId));
    users.delete(userId);
    this.publish(conversationId);
  }

  clear(): void {
    for (const users of this.timers.values()) for (const t of users.values()) clearTimeout(t);
    this.timers.clear();
    this.snapshots.clear();
    for (const listener of this.listeners) listener();
  }

  private publish(conversationId: string): void {
    const users = this.timers.get(conversationId);
    this.snapshots.set(conversationId, users && users.size > 0 ? [...users.keys()] : EMPTY);
    for (const listener of this.listeners) listener();
  }
}
