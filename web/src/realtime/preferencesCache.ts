import type { QueryClient } from '@tanstack/react-query';
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
}
