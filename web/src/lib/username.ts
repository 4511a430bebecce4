// Username rules of the contract: 3–32 characters of a-z, 0-9 and _, a few names reserved.
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
const PATTERN = /^[a-z0-9_]+$/;
// Mirrors the server's list (shared/natter/validation.cpp); the server has the last word.
const RESERVED = new Set([
  'admin',
  'administrator',
  'api',
  'app',
  'auth',
  'help',
  'login',
  'logout',
  'me',
  'moderator',
  'natter',
  'null',
  'root',
  'settings',
  'setup',
  'signin',
  'signup',
  'staff',
  'support',
  'system',
  'undefined',
  'user',
  'users',
  'www',
]);

export function usernameProblem(raw: string): string | null {
  const name = raw.trim();
  if (name.length === 0) return 'Choose a username.';
  if (!PATTERN.test(name)) return 'Use only lower-case letters a–z, digits 0–9 and _.';
  if (name.length < USERNAME_MIN) return `At least ${USERNAME_MIN} characters.`;
  if (name.length > USERNAME_MAX) return `At most ${USERNAME_MAX} characters.`;
  if (RESERVED.has(name)) return 'That name is reserved.';
  return null;
}

/** What to suggest from a display name: lower-cased, spaces to _, other characters dropped. */
export function suggestUsername(displayName: string): string {
  return displayName
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\s+/g, '_')
    .replace(/[^a-z0-9_]/g, '')
    .slice(0, USERNAME_MAX);
}
