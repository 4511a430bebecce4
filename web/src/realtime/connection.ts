import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import {
  CLOSE_SESSION_ENDED,
  CLOSE_UNAUTHORIZED,
  ClientEvent,
  parseFrame,
  ServerEvent,
  type Frame,
} from './events';

export type ConnectionState = 'connecting' | 'online' | 'offline' | 'stopped';

/** The part of the browser's WebSocket this module uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
}

const OPEN = 1;
const CLOSED = 3;

/** The request never got an answer because the connection went away; safe to try again. */
export class ConnectionLostError extends Error {
  constructor() {
    super('The connection was lost.');
    this.name = 'ConnectionLostError';
  }
}

/** The server answered a request with an error frame. */
export class ServerRejectedError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'ServerRejectedError';
    this.code = code;
  }
}

export class RequestTimeoutError extends Error {
  constructor() {
    super('The server did not answer in time.');
    this.name = 'RequestTimeoutError';
  }
}

export interface ConnectionOptions {
  url: string;
  /** The current access token, renewing it when there is none. Null ends the session. */
  getToken: () => Promise<string | null>;
  /** Called after the server rejected the token: renew it. Null ends the session. */
  renewToken: () => Promise<string | null>;
  onFrame: (frame: Frame) => void;
  /** Called after every successful authentication (first connect and each reconnect). */
  onAuthenticated: (data: unknown) => void;
  onStateChange: (state: ConnectionState) => void;
  /**
   * The server closed with 4003: the sign-in behind the socket is over (logout elsewhere,
   * refresh-token reuse, revocation). The connection has stopped and will not reconnect.
   */
  onSessionEnded?: () => void;
  createSocket?: (url: string) => SocketLike;
  backoff?: BackoffOptions;
  random?: () => number;
  heartbeatMs?: number;
  requestTimeoutMs?: number;
}

interface Pending {
  resolve: (data: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Owns the one WebSocket: authenticates with the first frame, answers requests by id, keeps the
 * line alive with pings, and reconnects with exponential backoff and jitter until stopped.
 */
export class Connection {
  private socket: SocketLike | null = null;
  private state: ConnectionState = 'stopped';
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private lastFrameAt = 0;
  private nextRequestId = 1;
  private readonly pending = new Map<string, Pending>();
  private authRejected = false;
  /** The token the open socket authenticated with, to tell whether a renewal is needed. */
  private socketToken: string | null = null;
  /** Id of the renewal `auth` frame in flight on the open socket, if any. */
  private renewalId: string | null = null;
  private readonly options: Required<
    Omit<ConnectionOptions, 'createSocket' | 'backoff' | 'random' | 'onSessionEnded'>
  > &
    Pick<ConnectionOptions, 'createSocket' | 'onSessionEnded'> & {
      backoff: BackoffOptions;
      random: () => number;
    };

  /** When the next reconnect attempt is due (ms since epoch), while offline. */
  nextRetryAt: number | null = null;

  constructor(options: ConnectionOptions) {
    this.options = {
      backoff: DEFAULT_BACKOFF,
      random: Math.random,
      // The server pings every 15 s; silence for 2.5 beats (25 s) means the line is dead.
      heartbeatMs: 10_000,
      requestTimeoutMs: 10_000,
      ...options,
    };
  }

  getState(): ConnectionState {
    return this.state;
  }

  start(): void {
    if (this.state !== 'stopped') return;
    this.attempt = 0;
    void this.open();
  }

  stop(): void {
    this.setState('stopped');
    clearTimeout(this.retryTimer);
    this.teardownSocket();
    this.failPending();
  }

  /**
   * Stops for good and resolves once the socket's close handshake is over (or after `capMs`).
   * Signing out waits on this before it loads the sign-in page: a page that navigates with its
   * socket still open tears the socket down without a close frame, so the server learns of it
   * only from the dead TCP connection, and Chromium's DevTools protocol (which the end-to-end
   * suite watches) never reports it closed at all.
   */
  stopAndWaitClosed(capMs = 1000): Promise<void> {
    const socket = this.socket;
    this.socket = null;
    this.setState('stopped');
    clearTimeout(this.retryTimer);
    this.stopHeartbeat();
    this.failPending();
    if (!socket || socket.readyState === CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, capMs);
      socket.onmessage = null;
      socket.onclose = () => {
        clearTimeout(timer);
        resolve();
      };
      socket.close(1000, 'signed out');
    });
  }

  /** Skip the remaining backoff and try now (the browser came back online, or the user asked). */
  reconnectNow(): void {
    if (this.state !== 'offline') return;
    clearTimeout(this.retryTimer);
    void this.open();
  }

  /**
   * The browser says the network is gone (navigator.onLine went false): drop the socket now
   * instead of waiting for a heartbeat to time out, so the UI says "offline" at once and
   * messages queue. Reconnecting resumes with backoff, and at once on `reconnectNow`.
   */
  dropNow(): void {
    if (this.state === 'stopped') return;
    if (this.socket) {
      this.socket.close(4000, 'offline');
      this.forceClosed();
    } else if (this.state !== 'offline') {
      this.scheduleReconnect();
    }
  }

  /** Sends a frame if authenticated; returns false when it could not be sent. */
  send(type: string, data: unknown): boolean {
    if (this.state !== 'online' || !this.socket || this.socket.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify({ type, data }));
    return true;
  }

  /** Sends a request frame and resolves with the ack's data. */
  request<T>(type: string, data: unknown): Promise<T> {
    if (this.state !== 'online' || !this.socket || this.socket.readyState !== OPEN) {
      return Promise.reject(new ConnectionLostError());
    }
    const id = `r${this.nextRequestId++}`;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RequestTimeoutError());
      }, this.options.requestTimeoutMs);
      this.pending.set(id, { resolve: resolve as (d: unknown) => void, reject, timer });
      this.socket!.send(JSON.stringify({ type, id, data }));
    });
  }

  private async open(): Promise<void> {
    this.setState('connecting');
    this.nextRetryAt = null;
    const token = this.authRejected
      ? await this.options.renewToken()
      : await this.options.getToken();
    if (this.state !== 'connecting') return; // stopped meanwhile
    if (!token) {
      // No session, or the server could not be reached to renew it: try again later.
      this.scheduleReconnect();
      return;
    }
    let socket: SocketLike;
    try {
      socket = this.options.createSocket
        ? this.options.createSocket(this.options.url)
        : (new WebSocket(this.options.url) as SocketLike);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.socketToken = token;
    this.renewalId = null;
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: ClientEvent.Auth, data: { token } }));
    };
    socket.onmessage = (event) => {
      if (socket !== this.socket) return;
      this.lastFrameAt = Date.now();
      const frame = parseFrame(event.data);
      if (frame) this.handleFrame(frame);
    };
    socket.onerror = () => {
      // A close event always follows; reconnecting is handled there.
    };
    socket.onclose = (event) => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.stopHeartbeat();
      this.failPending();
      if (this.state === 'stopped') return;
      if (event.code === CLOSE_SESSION_ENDED) {
        // Reconnecting cannot help: the refresh token died with the sign-in.
        this.setState('stopped');
        clearTimeout(this.retryTimer);
        this.options.onSessionEnded?.();
        return;
      }
      if (event.code === CLOSE_UNAUTHORIZED) this.authRejected = true;
      this.scheduleReconnect();
    };
  }

  private handleFrame(frame: Frame): void {
    switch (frame.type) {
      case ServerEvent.AuthOk:
        if (this.state === 'online') {
          // A renewal on the live socket: nothing to rejoin or replay, sends kept flowing.
          if (frame.id === this.renewalId) this.renewalId = null;
          return;
        }
        this.attempt = 0;
        this.authRejected = false;
        this.setState('online');
        this.startHeartbeat();
        this.options.onAuthenticated(frame.data);
        return;
      case ServerEvent.Ack:
      case ServerEvent.Error: {
        const pending = frame.id ? this.pending.get(frame.id) : undefined;
        if (pending && frame.id) {
          this.pending.delete(frame.id);
          clearTimeout(pending.timer);
          if (frame.type === ServerEvent.Ack) pending.resolve(frame.data);
          else
            pending.reject(
              new ServerRejectedError(
                frame.error?.code ?? 'error',
                frame.error?.message ?? 'Rejected',
              ),
            );
          return;
        }
        if (frame.type === ServerEvent.Error && frame.id && frame.id === this.renewalId) {
          // The server kept the old token: it closes with 4001 at expiry, and the reconnect
          // after that renews over REST as usual.
          this.renewalId = null;
          return;
        }
        if (frame.type === ServerEvent.Error && this.state === 'connecting') {
          // An error before auth.ok is the server refusing our token.
          this.authRejected = true;
        }
        this.options.onFrame(frame);
        return;
      }
      case ServerEvent.Pong:
        return;
      case ServerEvent.AuthExpiring:
        void this.renewOnSocket();
        return;
      default:
        this.options.onFrame(frame);
    }
  }

  /**
   * The socket's token is about to expire: send a fresh one on the same socket. No reconnect,
   * so joined rooms, delivery state and the order of queued sends are untouched.
   */
  private async renewOnSocket(): Promise<void> {
    const socket = this.socket;
    if (!socket || this.renewalId) return;
    // The session may already have renewed on its own timer; only refresh when it has not.
    const current = await this.options.getToken();
    const token =
      current && current !== this.socketToken ? current : await this.options.renewToken();
    if (!token || socket !== this.socket || this.state !== 'online') return;
    if (socket.readyState !== OPEN) return;
    this.renewalId = `renew${this.nextRequestId++}`;
    this.socketToken = token;
    socket.send(JSON.stringify({ type: ClientEvent.Auth, id: this.renewalId, data: { token } }));
  }

  private scheduleReconnect(): void {
    this.setState('offline');
    clearTimeout(this.retryTimer);
    const delay = backoffDelay(this.attempt, this.options.backoff, this.options.random);
    this.attempt += 1;
    this.nextRetryAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => void this.open(), delay);
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    this.lastFrameAt = Date.now();
    this.heartbeatTimer = setInterval(() => {
      const silentFor = Date.now() - this.lastFrameAt;
      if (silentFor > this.options.heartbeatMs * 2.5) {
        // The line is dead without a close event (sleeping laptop, dropped NAT entry).
        this.socket?.close(4000, 'heartbeat timeout');
        this.forceClosed();
        return;
      }
      this.send(ClientEvent.Ping, {});
    }, this.options.heartbeatMs);
  }

  private forceClosed(): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    socket.onclose = null;
    socket.onmessage = null;
    this.stopHeartbeat();
    this.failPending();
    this.scheduleReconnect();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
  }

  private teardownSocket(): void {
    this.stopHeartbeat();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.close(1000, 'bye');
    }
  }

  private failPending(): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new ConnectionLostError());
      this.pending.delete(id);
    }
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onStateChange(state);
  }
}
