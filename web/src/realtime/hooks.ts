import { useCallback, useContext, useEffect, useSyncExternalStore } from 'react';
import type { Message, ReplyPreview } from '../api/types';
import { RealtimeContext } from './context';
import type { RealtimeClient, RealtimeStatus } from './realtimeClient';
import type { Presence } from './presenceStore';
import type { OutboxItem } from './sendQueue';

function useClient(): RealtimeClient {
  const client = useContext(RealtimeContext);
  if (!client) throw new Error('RealtimeProvider is missing');
  return client;
}

export function useConnectionStatus(): RealtimeStatus {
  const client = useClient();
  return useSyncExternalStore(client.subscribe, client.getStatus);
}

/** Joins the conversation's room while the component is mounted. */
export function useRoom(conversationId: string | undefined): void {
  const client = useClient();
  useEffect(() => {
    if (!conversationId) return;
    client.joinRoom(conversationId);
    return () => client.leaveRoom(conversationId);
  }, [client, conversationId]);
}

/** True once this user was removed from (or left) the conversation during this session. */
export function useRemovedFrom(conversationId: string): boolean {
  const client = useClient();
  return useSyncExternalStore(client.subscribe, () => client.getRemoved().has(conversationId));
}

/** Calls `listener` with each message from someone else as it arrives live. */
export function useIncomingMessages(listener: (message: Message) => void): void {
  const client = useClient();
  useEffect(() => client.onIncomingMessage(listener), [client, listener]);
}

export function useTypingUsers(conversationId: string): readonly string[] {
  const client = useClient();
  return useSyncExternalStore(client.typing.subscribe, () => client.typing.get(conversationId));
}

/** Online / last seen of `userId` (null: not shown), watched while the component is mounted. */
export function usePresence(userId: string | null | undefined): Presence | null {
  const client = useClient();
  useEffect(() => (userId ? client.presence.want([userId]) : undefined), [client, userId]);
  const presence = useSyncExternalStore(client.presence.subscribe, () =>
    userId ? client.presence.get(userId) : null,
  );
  return presence;
}

/** Several people at once (a member list): one watch for all of them. */
export function usePresenceOf(userIds: readonly string[]): (userId: string) => Presence {
  const client = useClient();
  const key = [...userIds].sort().join(',');
  useEffect(() => client.presence.want(key ? key.split(',') : []), [client, key]);
  useSyncExternalStore(client.presence.subscribe, () => client.presence.version);
  return (userId) => client.presence.get(userId);
}

export function useOutbox(conversationId: string): readonly OutboxItem[] {
  const client = useClient();
  return useSyncExternalStore(client.outbox.subscribe, () => client.outbox.pending(conversationId));
}

export interface ChatCommands {
  /** Queues a message; `replyTo` quotes an earlier one of the conversation. */
  send: (bodyText: string, replyTo?: ReplyPreview | null) => void;
  retry: (clientMsgId: string) => void;
  discard: (clientMsgId: string) => void;
  setTyping: (typing: boolean) => void;
  markRead: (message: Message) => void;
  /** The user is at the newest message, looking: new messages are not counted unread. */
  setReading: (reading: boolean) => void;
}

export function useChatCommands(conversationId: string): ChatCommands {
  const client = useClient();
  return {
    send: useCallback(
      (bodyText: string, replyTo?: ReplyPreview | null) =>
        void client.sendMessage(conversationId, bodyText, replyTo ?? null),
      [client, conversationId],
    ),
    retry: useCallback((id: string) => client.outbox.retry(id), [client]),
    discard: useCallback((id: string) => client.outbox.discard(id), [client]),
    setTyping: useCallback(
      (typing: boolean) => client.setTyping(conversationId, typing),
      [client, conversationId],
    ),
    markRead: useCallback((message: Message) => client.markRead(message), [client]),
    setReading: useCallback(
      (reading: boolean) => client.setReading(conversationId, reading),
      [client, conversationId],
    ),
  };
}

export function useReconnectNow(): () => void {
  const client = useClient();
  return useCallback(() => client.reconnectNow(), [client]);
}
