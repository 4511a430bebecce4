/** Where to go after signing in: the saved deep link if it is one of ours, else the app. */
export function safeNext(raw: string | null, fallback = '/app'): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/login')) {
    return fallback;
  }
  return raw;
}
