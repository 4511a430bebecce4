import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { usersApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';

export function useDebouncedValue<T>(value: T, ms = 250): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function useUserSearch(rawQuery: string) {
  const q = useDebouncedValue(rawQuery.trim().replace(/^@/, ''));
  const query = useQuery({
    queryKey: queryKeys.userSearch(q),
    queryFn: ({ signal }) => usersApi.search(q, 20, signal),
    enabled: q.length >= 1,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
  return { ...query, users: q.length >= 1 ? (query.data?.users ?? []) : [], q };
}
