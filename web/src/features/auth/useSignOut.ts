import { useCallback } from 'react';
import { authApi } from '../../api/endpoints';
import { announceSignOut, leaveSignedOut, markSigningOutHere } from './signOutEverywhere';

/**
 * Revokes the refresh token, tells the other tabs, then loads /login afresh: a full page load
 * drops every trace of the account in memory (query cache, socket, timers) instead of tearing
 * them down one by one.
 */
export function useSignOut(): () => Promise<void> {
  return useCallback(async () => {
    markSigningOutHere();
    try {
      await authApi.logout();
    } catch {
      // Signing out locally still matters when the server cannot be reached.
    }
    announceSignOut();
    await leaveSignedOut();
  }, []);
}
