import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { moderationApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';

export function useBlocks() {
  return useQuery({ queryKey: queryKeys.blocks, queryFn: moderationApi.blocks });
}

export function useBlockToggle(username: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (block: boolean) =>
      block ? moderationApi.block(username) : moderationApi.unblock(username),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.blocks });
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversations });
    },
  });
}
