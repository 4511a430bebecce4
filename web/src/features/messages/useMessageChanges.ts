import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { messagesApi } from '../../api/endpoints';
import { applyMessageUpdate } from '../../realtime';

/** Edits, deletions and reactions of messages. The socket's `message.updated` brings every
 * change to every tab; an edit's answer is applied at once so the editor closes on the new
 * text without waiting for it. */
export function useMessageChanges() {
  const client = useQueryClient();
  return useMemo(
    () => ({
      edit: async (messageId: string, text: string) => {
        applyMessageUpdate(client, await messagesApi.edit(messageId, text));
      },
      remove: (messageId: string) => messagesApi.remove(messageId),
      react: (messageId: string, emoji: string, add: boolean) =>
        messagesApi.react(messageId, emoji, add),
    }),
    [client],
  );
}
