import type { Conversation } from '../../api/types';
import { isSystemMessage } from '../../lib/systemLines';
import { displayName } from '../../lib/text';

/**
 * The list's one-line summary of a conversation: in a group it names who wrote ("Ben: on my
 * way"), as Telegram and WhatsApp do; in a DM only "You: " for my own, since the title already
 * names the other person.
 */
export function conversationPreview(conversation: Conversation, myId: string): string {
  const last = conversation.last_message;
  if (!last) return conversation.type === 'group' ? 'Group created' : 'No messages yet';
  const text = last.body_text.replace(/\s+/g, ' ');
  // "Ana added Cara" already says who: no "You: " or sender prefix.
  if (isSystemMessage(last)) return text;
  if (last.sender_id === myId) return `You: ${text}`;
  if (conversation.type !== 'group') return text;
  const sender = conversation.members?.find((m) => m.user.id === last.sender_id)?.user;
  return sender ? `${firstName(displayName(sender))}: ${text}` : text;
}

/**
 * The list's line while people type (issue 18): "typing…" in a DM, "Ben is typing…" or
 * "Ben and Cara are typing…" in a group; null when nobody does.
 */
export function typingLine(
  conversation: Conversation,
  typingUserIds: readonly string[],
): string | null {
  if (typingUserIds.length === 0) return null;
  if (conversation.type !== 'group') return 'typing…';
  const names = typingUserIds.map((id) => {
    const user = conversation.members?.find((m) => m.user.id === id)?.user;
    return user ? firstName(displayName(user)) : 'Someone';
  });
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}

/** "Ben Chen" → "Ben": the preview line is short. */
function firstName(name: string): string {
  return name.split(/\s+/)[0] || name;
}
