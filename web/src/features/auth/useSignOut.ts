import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { authApi } from '../../api/endpoints';
import { clearSession } from '../../api/session';

export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // Signing out locally still matters when the server cannot be reached.
    }
    clearSession();
    queryClient.clear();
    // Unsent messages belong to the account that wrote them.
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith('natter.outbox.')) sessionStorage.removeItem(key);
    }
    navigate('/login', { replace: true });
  }, [navigate, queryClient]);
}
