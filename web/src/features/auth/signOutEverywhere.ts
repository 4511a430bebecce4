// Signing out in one tab signs out every tab of this browser (issue #17 item 9): a tab left
// signed in could still send as the user after they believed they had left.

import { clearSession } from '../../api/session';

const CHANNEL = 'natter-session';

/** The sign-in page's query parameter saying why the user is there. */
export const ENDED_PARAM = 'ended';
/** The server ended this sign-in (socket closed with 4003): logout elsewhere or revocation. */
export const ENDED_BY_SERVER = 'session';
/** The sign-in page's query parameter after this tab deleted the account. */
export const DELETED_PARAM = 'deleted';
const SIGNED_OUT = 'signed-out';

/** Drops what this tab keeps of the account: unsent messages and the offline copy. */
export function forgetLocalAccountData(): void {
  for (const storage of [sessionStorage, localStorage]) {
    for (const key of Object.keys(storage)) {
      if (key.startsWith('natter.')) storage.removeItem(key);
    }
  }
}

/** Tells the other tabs of this browser that the user signed out. */
export function announceSignOut(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(SIGNED_OUT);
  channel.close();
}

/** Calls `onSignedOut` when another tab signs out; returns the unsubscribe. */
export function onSignOutElsewhere(onSignedOut: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    if (event.data === SIGNED_OUT) onSignedOut();
  };
  return () => channel.close();
}

// Set while this tab signs out (or deletes the account) by itself: the server then closes our
// socket with 4003 too, and that must not read as "ended elsewhere". It also decides what the
// sign-in page says, whichever of the racing callers below starts the departure.
let signingOutHere: 'signing-out' | 'deleting-account' | null = null;

export function markSigningOutHere(why: 'signing-out' | 'deleting-account' = 'signing-out'): void {
  signingOutHere = why;
}

/** The deletion was refused: a 4003 from now on is the server's again. */
export function unmarkSigningOutHere(): void {
  signingOutHere = null;
}

function signInPageAfter(endedByServer: boolean): string {
  if (signingOutHere === 'deleting-account') return `/login?${DELETED_PARAM}=1`;
  if (endedByServer && !signingOutHere) return `/login?${ENDED_PARAM}=${ENDED_BY_SERVER}`;
  return '/login';
}

// What must finish before this tab leaves (the realtime socket's close handshake).
const beforeLeaving = new Set<() => Promise<void>>();

/** Registers work to finish before a sign-out loads the sign-in page; returns the removal. */
export function finishBeforeLeaving(task: () => Promise<void>): () => void {
  beforeLeaving.add(task);
  return () => beforeLeaving.delete(task);
}

let leaving: Promise<void> | null = null;

/**
 * Ends the session in this tab the way signing out does: forget the account's local data,
 * close the socket and wait for its close handshake, drop the token, and load the sign-in page
 * afresh so nothing of the old session stays in memory. `endedByServer` makes the sign-in page
 * say why. Several callers may race here (this tab's own sign-out, the other tabs' broadcast,
 * the server's 4003): they share one departure, so none navigates before the socket closed.
 */
export function leaveSignedOut(endedByServer = false): Promise<void> {
  leaving ??= (async () => {
    forgetLocalAccountData();
    await Promise.all([...beforeLeaving].map((task) => task()));
    clearSession();
    window.location.replace(signInPageAfter(endedByServer));
  })();
  return leaving;
}
