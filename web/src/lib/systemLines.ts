import type { Message } from '../api/types';

/**
 * A system line records a change to a group ("Ana added Cara", docs/api.md, "Message"). It is
 * shown as a centred line, never as a bubble, and is not anybody's words: no reply, reaction,
 * edit or notification.
 */
export function isSystemMessage(message: Pick<Message, 'kind'>): boolean {
  return message.kind === 'system';
}

/**
 * Events that change what the conversation object says (title, description, members, roles):
 * a client refreshes the conversation when one arrives.
 */
export function changesConversation(message: Pick<Message, 'kind'>): boolean {
  return isSystemMessage(message);
}
