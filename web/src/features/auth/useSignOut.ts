import { useCallback } from 'react';
import { authApi } from '../../api/endpoints';
import { clearSession } from '../../api/session';

/**
 * Revokes the refresh token, then loads /login afresh: a full page load drops every trace of the
 * account in memory (query cache, socket, timers) instead of tearing them down one by one.
 */
export function useSignOut(): () => Promise<void> {
  return useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // Signing out locally still matters when the server cannot be reached.
    }
    // Unsent messages belong to the account that wrote them.
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith('natter.outbox.')) sessionStorage.removeItem(key);
    }
    window.location.replace('/login');
    clearSession();
  }, []);
}
