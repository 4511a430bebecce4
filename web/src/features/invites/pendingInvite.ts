// An invite the person opened before signing in. The development login returns through
// `?next=`, but an OAuth sign-in always lands on /app (the server picks that page): the code
// kept here brings them back to the invite from there.
const KEY = 'natter.pendingInvite';

export function rememberPendingInvite(code: string): void {
  try {
    sessionStorage.setItem(KEY, code);
  } catch {
    // Storage can be off (private mode); the ?next= path still works.
  }
}

export function takePendingInvite(): string | null {
  try {
    const code = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    return code;
  } catch {
    return null;
  }
}
