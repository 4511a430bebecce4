import type { Presence } from '../realtime';
import { formatListTime, formatTime } from './time';

/**
 * "online", "last seen 5 min ago", "last seen today at 14:05", "last seen Mon"; null when
 * there is nothing to say (hidden, or never seen).
 */
export function presenceText(presence: Presence | null, now: Date = new Date()): string | null {
  if (!presence || presence.online === null) return null;
  if (presence.online) return 'online';
  if (!presence.last_seen_at) return null;
  const minutes = Math.floor((now.getTime() - new Date(presence.last_seen_at).getTime()) / 60_000);
  if (minutes < 1) return 'last seen just now';
  if (minutes < 60) return `last seen ${minutes} min ago`;
  const seen = new Date(presence.last_seen_at);
  if (seen.toDateString() === now.toDateString())
    return `last seen today at ${formatTime(presence.last_seen_at)}`;
  return `last seen ${formatListTime(presence.last_seen_at, now)}`;
}
