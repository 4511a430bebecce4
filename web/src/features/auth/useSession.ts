import { useSyncExternalStore } from 'react';
import { getSessionSnapshot, subscribeSession, type SessionSnapshot } from '../../api/session';

export function useSession(): SessionSnapshot {
  return useSyncExternalStore(subscribeSession, getSessionSnapshot);
}

/** The signed-in user; only for components rendered inside RequireSession. */
export function useMe() {
  const { user } = useSession();
  if (!user) throw new Error('useMe used outside a signed-in route');
  return user;
}
