import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { searchApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';

const PAGE = 20;
const DEBOUNCE_MS = 250;

/** The server's search, asked once the typing pauses; pages continue from the last result. */
export function useMessageSearch(q: string, conversationId: string | null) {
  const [settled, setSettled] = useState(q);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(q), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q]);
  const term = settled.trim();
  const query = useInfiniteQuery({
    queryKey: queryKeys.messageSearch(term, conversationId),
    enabled: term.length > 0,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      searchApi.messages(term, { conversationId, before: pageParam, limit: PAGE }, signal),
    getNextPageParam: (last) =>
      last.results.length === PAGE ? (last.results.at(-1)?.message.id ?? null) : null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const results = query.data?.pages.flatMap((page) => page.results) ?? [];
  return { ...query, term, results, typing: settled !== q };
}
