// Presence (issue 18): who is online, and when others were last seen, for the people the UI
// shows (the DM header, a group's member list). Components ask for ids; the store watches the
// union of them over the socket (`presence.watch`), again after every reconnect.

/** `online` null: unknown (they hide it, or the server told us nothing). */
export interface Presence {
  online: boolean | null;
  last_seen_at: string | null;
}

export interface PresenceFrame {
  user_id: string;
  online: boolean | null;
  last_seen_at: string | null;
}

type Listener = () => void;
type Watch = (userIds: string[]) => Promise<{ presence?: PresenceFrame[]; hidden?: boolean }>;

const UNKNOWN: Presence = Object.freeze({ online: null, last_seen_at: null });

export class PresenceStore {
  private readonly counts = new Map<string, number>();
  private readonly states = new Map<string, Presence>();
  private readonly listeners = new Set<Listener>();
  private scheduled = false;
  private online = false;
  /** The user hides their own presence: then they see nobody's (as in Telegram). */
  hiddenByMe = false;
  /** Grows with every change, for hooks that read many people at once. */
  version = 0;

  constructor(private readonly watch: Watch) {}

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get(userId: string): Presence {
    return this.states.get(userId) ?? UNKNOWN;
  }

  /** A component shows these people; returns the release. */
  want(userIds: readonly string[]): () => void {
    for (const id of userIds) this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    this.schedule();
    return () => {
      for (const id of userIds) {
        const left = (this.counts.get(id) ?? 1) - 1;
        if (left > 0) this.counts.set(id, left);
        else this.counts.delete(id);
      }
      this.schedule();
    };
  }

  /** The socket is (again) authenticated: watch what is wanted. */
  connected(): void {
    this.online = true;
    this.schedule();
  }

  disconnected(): void {
    this.online = false;
  }

  /** `presence` from the server. */
  apply(frame: PresenceFrame): void {
    this.states.set(frame.user_id, { online: frame.online, last_seen_at: frame.last_seen_at });
    this.emit();
  }

  /** `presence.privacy`: the user changed their own setting (maybe in another tab). */
  privacyChanged(hidden: boolean): void {
    this.hiddenByMe = hidden;
    if (hidden) this.states.clear();
    this.emit();
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || !this.online) return;
    this.scheduled = true;
    // One watch for all the components that mount in the same tick.
    queueMicrotask(() => {
      this.scheduled = false;
      void this.send();
    });
  }

  private async send(): Promise<void> {
    const ids = [...this.counts.keys()].slice(0, 500);
    try {
      const answer = await this.watch(ids);
      this.hiddenByMe = Boolean(answer.hidden);
      const seen = new Set<string>();
      for (const frame of answer.presence ?? []) {
        seen.add(frame.user_id);
        this.states.set(frame.user_id, {
          online: frame.online,
          last_seen_at: frame.last_seen_at,
        });
      }
      // Those the answer left out are unknown now (hidden, or not ours to see).
      for (const id of ids) if (!seen.has(id)) this.states.delete(id);
      this.emit();
    } catch {
      // Offline: the next authentication watches again.
    }
  }

  private emit(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
