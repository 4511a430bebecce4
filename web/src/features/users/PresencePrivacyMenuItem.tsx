import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { privacyApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import { Icon } from '../../components/Icon';

/**
 * The account menu's presence privacy switch (issue 18): shown, others see when you are online
 * and when you were last seen; hidden, they do not, and you do not see theirs.
 */
export function PresencePrivacyMenuItem() {
  const queryClient = useQueryClient();
  const privacy = useQuery({ queryKey: queryKeys.privacy, queryFn: privacyApi.get });
  const change = useMutation({
    mutationFn: (hide: boolean) => privacyApi.set(hide),
    onSuccess: (data) => queryClient.setQueryData(queryKeys.privacy, data),
  });
  const shown = !(privacy.data?.hide_presence ?? false);
  return (
    <button
      type="button"
      role="menuitemcheckbox"
      aria-checked={shown}
      className="menu-item"
      disabled={!privacy.data || change.isPending}
      title="When off, nobody sees when you are online or were last seen, and you do not see theirs."
      onClick={() => change.mutate(shown)}
    >
      <Icon name="users" size={18} /> Show when I'm online{shown ? ': on' : ': off'}
    </button>
  );
}
