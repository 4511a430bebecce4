import type { Message } from '../../api/types';
import { isSystemMessage } from '../../lib/systemLines';

export interface NotificationContext {
  myUserId: string | null;
  /** The tab is visible and its window has focus: the person is looking at Natter. */
  attentive: boolean;
  /** The conversation on screen, if any. */
  viewingConversationId?: string | null;
  /** The person muted this conversation (issue 18): no notification, no sound. */
  muted?: boolean;
}

/**
 * Whether a message just received deserves a system notification. Only while the person is
 * not looking at Natter (tab hidden or window in the background), as Slack and Telegram do;
 * while they look, the list's badges and the open timeline already tell them.
 */
export function shouldNotify(message: Message, context: NotificationContext): boolean {
  if (message.sender_id === context.myUserId) return false;
  // "Ana renamed the group" is a record, not someone talking to you.
  if (isSystemMessage(message)) return false;
  // Being named (`@me`) is meant to reach the person: it notifies even while Natter is in
  // front, unless they are looking at that very conversation, and even when it is muted (as
  // Slack and Telegram do).
  if (context.myUserId !== null && (message.mentions ?? []).includes(context.myUserId)) {
    return !(context.attentive && context.viewingConversationId === message.conversation_id);
  }
  if (context.muted) return false;
  return !context.attentive;
}

/** The notification's text: who and what, as a lock screen shows it. */
export function notificationText(
  message: Message,
  senderName: string,
  conversationTitle: string,
  isGroup: boolean,
): { title: string; body: string } {
  const oneLine = message.body_text.replace(/\s+/g, ' ').trim();
  const body = oneLine.length > 140 ? `${oneLine.slice(0, 139)}…` : oneLine;
  return isGroup
    ? { title: conversationTitle, body: `${senderName}: ${body}` }
    : { title: senderName, body };
}
