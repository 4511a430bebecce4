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

/** "Ben Chen" → "Ben": the preview line is short. */
function firstName(name: string): string {
  return name.split(/\s+/)[0] || name;
}
