import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { useMatch, useNavigate } from 'react-router';
import { queryKeys } from '../../api/queryKeys';
import type { Conversation, Message } from '../../api/types';
import { isMuted } from '../../lib/conversationPreferences';
import { displayName } from '../../lib/text';
import { useIncomingMessages } from '../../realtime';
import { useMe } from '../auth/useSession';
import { describeConversation } from '../conversations/useConversations';
import { playChime } from './chime';
import { notificationPermission, soundEnabled } from './notificationPreferences';
import { notificationText, shouldNotify } from './notificationRule';

function isAttentive(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/**
 * System notifications for messages that arrive while Natter is in a background tab or window,
 * and for mentions of the person anywhere but the conversation they are looking at.
 * One notification per conversation (its `tag`): a burst replaces, not stacks. Clicking one
 * brings the tab forward on that conversation.
 */
export function useMessageNotifications(): void {
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // A message can come twice (a replay after a reconnect or a join): one notification each.
  const notified = useRef(new Set<string>());
  const viewing = useMatch('/app/c/:conversationId')?.params.conversationId ?? null;

  const conversationOf = useCallback(
    (id: string): Conversation | undefined =>
      queryClient.getQueryData<Conversation>(queryKeys.conversation(id)) ??
      queryClient
        .getQueryData<{ conversations: Conversation[] }>(queryKeys.conversations)
        ?.conversations.find((c) => c.id === id),
    [queryClient],
  );

  const notify = useCallback(
    (message: Message) => {
      const conversation = conversationOf(message.conversation_id);
      const context = {
        myUserId: me.id,
        attentive: isAttentive(),
        viewingConversationId: viewing,
        muted: conversation ? isMuted(conversation) : false,
      };
      if (!shouldNotify(message, context) || notified.current.has(message.id)) return;
      notified.current.add(message.id);
      if (notificationPermission() !== 'granted') return;
      const sender = conversation?.members?.find((m) => m.user.id === message.sender_id)?.user;
      const { title, body } = notificationText(
        message,
        sender ? displayName(sender) : 'New message',
        conversation ? describeConversation(conversation, me.id).title : 'Natter',
        conversation?.type === 'group',
      );
      const notification = new Notification(title, {
        body,
        tag: message.conversation_id,
        icon: '/icon-192.png',
      });
      notification.onclick = () => {
        window.focus();
        void navigate(`/app/c/${message.conversation_id}`);
        notification.close();
      };
      if (soundEnabled()) playChime();
    },
    [conversationOf, me.id, navigate, viewing],
  );

  useIncomingMessages(notify);
}
