import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { conversationsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import type { Conversation, User } from '../../api/types';
import { compareForList } from '../../lib/conversationPreferences';
import { displayName } from '../../lib/text';
import { reconcileSnapshot } from '../../realtime';

export function useConversations() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.conversations,
    queryFn: () => loadConversationList(queryClient),
    select: (data) => [...data.conversations].sort((a, b) => compareForList(a, b, activityOf)),
  });
}

/**
 * Fetches the list and reconciles it with the live messages already received: the snapshot may
 * be older than messages that came over the socket while it was on its way (issue #19).
 */
export async function loadConversationList(
  client: QueryClient,
  fetchList: () => Promise<{ conversations: Conversation[] }> = conversationsApi.list,
): Promise<{ conversations: Conversation[] }> {
  return reconcileSnapshot(client, await fetchList());
}

export function useConversation(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: queryKeys.conversation(id ?? ''),
    queryFn: () => conversationsApi.get(id!),
    enabled: Boolean(id) && enabled,
  });
}

export function activityOf(conversation: Conversation): string {
  return conversation.last_message?.created_at ?? conversation.created_at;
}

export interface ConversationDisplay {
  title: string;
  avatarId: string;
  avatarUrl: string | null;
  /** The other person in a DM. */
  peer: User | null;
}

/** Title and picture: a group's title, or the other person of a DM. */
export function describeConversation(
  conversation: Conversation,
  myId: string,
  members = conversation.members,
): ConversationDisplay {
  if (conversation.type === 'group') {
    return {
      title: conversation.title?.trim() || 'Untitled group',
      avatarId: conversation.id,
      avatarUrl: conversation.avatar_url ?? null,
      peer: null,
    };
  }
  const peer = members?.find((m) => m.user.id !== myId)?.user ?? null;
  return {
    title: peer ? displayName(peer) : (conversation.title ?? 'Direct message'),
    avatarId: peer?.id ?? conversation.id,
    avatarUrl: peer?.avatar_url ?? null,
    peer,
  };
}

/** Like describeConversation, fetching the members when the list left them out of a DM. */
export function useConversationDisplay(conversation: Conversation, myId: string) {
  const needsMembers = conversation.type === 'dm' && !conversation.members;
  const detail = useConversation(conversation.id, needsMembers);
  return describeConversation(conversation, myId, conversation.members ?? detail.data?.members);
}
