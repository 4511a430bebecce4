import type { Conversation, ConversationPreferences } from '../api/types';

/** Muted now: a mute with an end in the past is over, whatever the last snapshot said. */
export function isMuted(conversation: Conversation, now: Date = new Date()): boolean {
  if (!conversation.muted) return false;
  if (!conversation.muted_until) return true;
  return new Date(conversation.muted_until).getTime() > now.getTime();
}

/**
 * Out of the list (docs/api.md, "Conversation"): archived, and nothing newer arrived since,
 * unless muted. Applied here too, so a message that arrives live brings it back at once.
 */
export function isArchived(conversation: Conversation, now: Date = new Date()): boolean {
  if (!conversation.archived || conversation.archived_at_seq == null) return false;
  if (isMuted(conversation, now)) return true;
  return (conversation.last_message?.seq ?? 0) <= conversation.archived_at_seq;
}

/** The list's order: pinned first (as the server orders them), then by latest activity. */
export function compareForList(
  a: Conversation,
  b: Conversation,
  activityOf: (c: Conversation) => string,
): number {
  if (Boolean(a.pinned) !== Boolean(b.pinned)) return a.pinned ? -1 : 1;
  return activityOf(b).localeCompare(activityOf(a));
}

/** The choices a menu offers, as the server's `muted_until`. */
export const MUTE_CHOICES = [
  { label: 'Mute for 1 hour', hours: 1 },
  { label: 'Mute for 8 hours', hours: 8 },
  { label: 'Mute until I turn it back on', hours: null },
] as const;

export function muteUntil(hours: number | null, now: Date = new Date()): string {
  return hours === null ? 'forever' : new Date(now.getTime() + hours * 3_600_000).toISOString();
}

/** A conversation with the caller's preferences as the server now says they are. */
export function withPreferences(
  conversation: Conversation,
  preferences: ConversationPreferences,
): Conversation {
  return {
    ...conversation,
    muted: preferences.muted,
    muted_until: preferences.muted_until,
    pinned: preferences.pinned,
    archived: preferences.archived,
    archived_at_seq: preferences.archived_at_seq,
  };
}
