import { useQuery } from '@tanstack/react-query';
import { usersApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';

/** Whether the signed-in user is an instance admin (GET /me's `is_admin`). */
export function useIsAdmin(): { isAdmin: boolean; isPending: boolean } {
  const me = useQuery({ queryKey: queryKeys.meAdmin, queryFn: usersApi.me, staleTime: 60_000 });
  return { isAdmin: me.data?.is_admin === true, isPending: me.isPending };
}
