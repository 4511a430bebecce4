import type { User } from '../api/types';

export const MESSAGE_MAX = 4000;

export function displayName(user: Pick<User, 'display_name' | 'username'> | null | undefined) {
  if (!user) return 'Unknown user';
  return user.display_name?.trim() || (user.username ? `@${user.username}` : 'Unnamed');
}

export function initials(name: string): string {
  const words = name.replace(/^@/, '').trim().split(/\s+/).filter(Boolean);
  const letters =
    words.length > 1 ? [words[0]![0], words[1]![0]] : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}

/** A stable hue per id, so a person keeps their colour everywhere. */
export function hueFor(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % 360;
}
