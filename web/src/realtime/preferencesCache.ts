import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { queryKeys } from '../api/queryKeys';
import type { Conversation, ConversationPreferences } from '../api/types';
import { withPreferences } from '../lib/conversationPreferences';

/**
 * The caller's mute, pin or archive changed (their PATCH answered, or `conversation.preferences`
 * from another session of theirs): both cached copies of the conversation follow.
 */
export function applyPreferences(client: QueryClient, preferences: ConversationPreferences): void {
  const id = preferences.conversation_id;
  client.setQueryData<{ conversations: Conversation[] }>(queryKeys.conversations, (data) =>
    data
      ? {
          conversations: data.conversations.map((c) =>
            c.id === id ? withPreferences(c, preferences) : c,
          ),
        }
      : data,
  );
  client.setQueryData<Conversation>(queryKeys.conversation(id), (conversation) =>
    conversation ? withPreferences(conversation, preferences) : conversation,
  );
  replaceReadsInFlight(client, queryKeys.conversations);
  replaceReadsInFlight(client, queryKeys.conversation(id));
}

/**
 * A read already on its way may have been answered before this change: when it lands it would
 * replace the cache wholesale and undo the change (an archive on one device undone on another).
 * Such a read is cancelled and asked again; the change was committed before its event was sent,
 * so the new read sees it.
 */
function replaceReadsInFlight(client: QueryClient, queryKey: QueryKey): void {
  if (client.isFetching({ queryKey, exact: true }) === 0) return;
  void client.invalidateQueries({ queryKey, exact: true, refetchType: 'all' });
}
