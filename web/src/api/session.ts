import type { TokenResponse, User } from './types';

// The access token lives only in memory. The refresh token is an HttpOnly cookie scoped to
// /api/v1/auth that this code never sees; renewing goes through POST /api/v1/auth/refresh.

export type SessionStatus = 'loading' | 'authenticated' | 'anonymous';

export interface SessionSnapshot {
  status: SessionStatus;
  user: User | null;
  /** Signed in from this browser's memory of the user: the server could not be reached. */
  offline?: boolean;
}

type Listener = () => void;

const REFRESH_PATH = '/api/v1/auth/refresh';
// Renew this long before the access token's lifetime ends (at most half of it).
const RENEW_MARGIN_MS = 60_000;

let accessToken: string | null = null;
let snapshot: SessionSnapshot = { status: 'loading', user: null };
let inflightRefresh: Promise<string | null> | null = null;
let renewTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<Listener>();

function emit(next: SessionSnapshot): void {
  snapshot = next;
  for (const listener of listeners) listener();
}

// The last signed-in user (never a token), so that the app opens offline to what it had.
const REMEMBERED_USER = 'natter.user';

function rememberUser(user: User | null): void {
  try {
    if (user) localStorage.setItem(REMEMBERED_USER, JSON.stringify(user));
    else localStorage.removeItem(REMEMBERED_USER);
  } catch {
    // Without storage the app simply does not open offline.
  }
}

function rememberedUser(): User | null {
  try {
    const raw = localStorage.getItem(REMEMBERED_USER);
    const user = raw ? (JSON.parse(raw) as User) : null;
    return user && typeof user.id === 'string' ? user : null;
  } catch {
    return null;
  }
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSessionSnapshot(): SessionSnapshot {
  return snapshot;
}

export function getAccessToken(): string | null {
  return accessToken;
}

export function setCurrentUser(user: User): void {
  rememberUser(user);
  emit({ status: 'authenticated', user });
}

/** Stores the tokens of a sign-in or refresh answer and schedules the next silent renewal. */
export function acceptTokens(tokens: TokenResponse): void {
  accessToken = tokens.access_token;
  clearTimeout(renewTimer);
  // A minute early, or halfway for a shorter token (as the server's `auth.expiring`).
  const lifetimeMs = tokens.expires_in * 1000;
  const renewInMs = lifetimeMs - Math.min(RENEW_MARGIN_MS, lifetimeMs / 2);
  renewTimer = setTimeout(() => void refreshAccessToken(), renewInMs);
  rememberUser(tokens.user);
  emit({ status: 'authenticated', user: tokens.user });
}

export function clearSession(): void {
  accessToken = null;
  clearTimeout(renewTimer);
  rememberUser(null);
  emit({ status: 'anonymous', user: null });
}

async function doRefresh(): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch(REFRESH_PATH, {
      method: 'POST',
      credentials: 'include',
      headers: { Accept: 'application/json' },
    });
  } catch {
    // Network failure: keep whatever session we believe in; the caller retries later. At
    // start-up, open offline as the user this browser last had (the server decides once it
    // can be reached: a revoked session then ends with a 401).
    if (snapshot.status === 'loading') {
      const remembered = rememberedUser();
      emit(
        remembered
          ? { status: 'authenticated', user: remembered, offline: true }
          : { status: 'anonymous', user: null },
      );
    }
    return null;
  }
  if (!response.ok) {
    if (response.status === 401 || response.status === 403) {
      clearSession();
    } else if (snapshot.status === 'loading') {
      // The server answered but could not renew (restarting, 5xx): not a sign-out.
      const remembered = rememberedUser();
      if (remembered) emit({ status: 'authenticated', user: remembered, offline: true });
      else clearSession();
    }
    return null;
  }
  const tokens = (await response.json()) as TokenResponse;
  acceptTokens(tokens);
  return tokens.access_token;
}

/**
 * Renews the access token with the refresh cookie. Concurrent callers share one request, and
 * tabs of the same browser take turns (a rotated refresh token presented twice would revoke the
 * whole token family on the server).
 */
export function refreshAccessToken(): Promise<string | null> {
  if (inflightRefresh) return inflightRefresh;
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const run = locks ? locks.request('natter-refresh', () => doRefresh()) : doRefresh();
  inflightRefresh = run.finally(() => {
    inflightRefresh = null;
  });
  return inflightRefresh;
}
