import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { messagesApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import { mergeAuthors, mergeMessages, type MessageWindow } from '../../realtime';

const PAGE = 50;
/** The server's largest history page. */
const MAX_PAGE = 100;
/** Messages loaded before a jump target, so it does not sit at the very top. */
const CONTEXT = 10;

/**
 * A conversation's history as one ordered window in the query cache. The newest page loads
 * first; older pages are merged in as the user scrolls up. The realtime module appends live
 * messages to the same cache entry, so it never needs refetching (staleTime: Infinity).
 */
export function useMessageWindow(conversationId: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.messages(conversationId);
  const query = useQuery({
    queryKey: key,
    staleTime: Infinity,
    queryFn: async (): Promise<MessageWindow> => {
      const page = await messagesApi.before(conversationId, null, PAGE);
      const ascending = [...page.messages].reverse();
      const existing = queryClient.getQueryData<MessageWindow>(key);
      return {
        messages: existing ? mergeMessages(existing.messages, ascending) : ascending,
        authors: mergeAuthors(existing?.authors, page.users),
        // A short page is the whole history; seqs start at 1.
        hasOlder: existing
          ? existing.hasOlder
          : page.messages.length === PAGE && (ascending[0]?.seq ?? 1) > 1,
      };
    },
  });

  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<Error | null>(null);
  const busy = useRef(false);

  /** Loads older pages: one, or (with `untilSeq`) as many as it takes to hold that message and
   * a few before it, so a jump to an old message lands inside a contiguous history. */
  const loadOlder = useCallback(
    async (untilSeq?: number) => {
      if (busy.current) return;
      busy.current = true;
      setLoadingOlder(true);
      setOlderError(null);
      try {
        for (;;) {
          const current = queryClient.getQueryData<MessageWindow>(key);
          const first = current?.messages[0];
          if (!current || !current.hasOlder || !first) break;
          const wanted = untilSeq === undefined ? PAGE : first.seq - untilSeq + CONTEXT;
          const limit = Math.min(MAX_PAGE, Math.max(PAGE, wanted));
          const page = await messagesApi.before(conversationId, first.seq, limit);
          queryClient.setQueryData<MessageWindow>(key, (window) =>
            window
              ? {
                  messages: mergeMessages(window.messages, [...page.messages].reverse()),
                  authors: mergeAuthors(window.authors, page.users),
                  hasOlder: page.messages.length === limit && (page.messages.at(-1)?.seq ?? 1) > 1,
                }
              : window,
          );
          const reached = page.messages.at(-1)?.seq ?? 0;
          if (untilSeq === undefined || page.messages.length === 0) break;
          if (reached <= untilSeq - CONTEXT || reached <= 1) break;
        }
      } catch (error) {
        setOlderError(error instanceof Error ? error : new Error('Could not load older messages'));
      } finally {
        busy.current = false;
        setLoadingOlder(false);
      }
    },
    // key is derived from conversationId
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [conversationId, queryClient],
  );

  return { ...query, loadOlder, loadingOlder, olderError };
}
