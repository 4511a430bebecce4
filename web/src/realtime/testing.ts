// Test helpers shared by the realtime unit tests (not part of the app bundle: only tests import it).
import type { Message } from '../api/types';
import type { SocketLike } from './connection';

export class FakeSocket implements SocketLike {
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: Array<{ type: string; id?: string; data?: unknown }> = [];
  onopen: ((event: Event) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }

  static latest(): FakeSocket {
    const socket = FakeSocket.instances[FakeSocket.instances.length - 1];
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as { type: string; id?: string; data?: unknown });
  }

  close(): void {
    this.readyState = 3;
  }

  // --- driven by the test, as the server would ---
  serverOpen(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  serverSend(frame: object): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }

  serverClose(code = 1006): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code }));
  }

  framesOfType(type: string) {
    return this.sent.filter((f) => f.type === type);
  }
}

export function makeMessage(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: `m-${overrides.conversation_id ?? 'c1'}-${seq}`,
    conversation_id: 'c1',
    seq,
    sender_id: 'bob',
    body_text: `message ${seq}`,
    created_at: new Date(Date.UTC(2026, 10, 26, 9, 0, seq)).toISOString(),
    client_msg_id: null,
    ...overrides,
  };
}

/** Lets pending promise callbacks run (token lookups, awaited sends). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** Opens the newest fake socket and authenticates it, as the server would on first connect. */
export async function connect(): Promise<FakeSocket> {
  await settle();
  const socket = FakeSocket.latest();
  socket.serverOpen();
  socket.serverSend({ type: 'auth.ok', data: { user: { id: 'alice' } } });
  return socket;
}
