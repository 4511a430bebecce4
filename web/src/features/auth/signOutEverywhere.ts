// Signing out in one tab signs out every tab of this browser (issue #17 item 9): a tab left
// signed in could still send as the user after they believed they had left.

const CHANNEL = 'natter-session';
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
