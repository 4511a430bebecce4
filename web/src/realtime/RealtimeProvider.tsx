import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { messagesApi } from '../api/endpoints';
import { getAccessToken, getSessionSnapshot, refreshAccessToken } from '../api/session';
import { finishBeforeLeaving, leaveSignedOut } from '../features/auth/signOutEverywhere';
import { keepOfflineCopy, restoreOfflineCopy } from '../offline/offlineCache';
import { RealtimeContext } from './context';
import { RealtimeClient } from './realtimeClient';
import { sessionOutboxStorage } from './sendQueue';

function socketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/v1/ws`;
}

/** Starts the realtime client for a signed-in user and stops it on sign-out. */
export function RealtimeProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const queryClient = useQueryClient();
  // Started without a network: open to what this browser had (before any query mounts).
  useState(() => {
    if (getSessionSnapshot().offline || !navigator.onLine) restoreOfflineCopy(queryClient, userId);
    return null;
  });
  useEffect(() => keepOfflineCopy(queryClient, userId), [queryClient, userId]);
  const [client] = useState(
    () =>
      new RealtimeClient({
        queryClient,
        myUserId: () => getSessionSnapshot().user?.id ?? null,
        fetchAfter: async (id, after) => (await messagesApi.after(id, after)).messages,
        fetchChanges: (id, after) => messagesApi.changes(id, after),
        markReadRest: (messageId) => messagesApi.markRead(messageId),
        isDocumentVisible: () => document.visibilityState === 'visible',
        outboxStorage: sessionOutboxStorage(userId),
        connection: {
          url: socketUrl(),
          getToken: async () => getAccessToken() ?? (await refreshAccessToken()),
          renewToken: () => refreshAccessToken(),
          // 4003: this sign-in is over (logout elsewhere, revocation): sign this tab out.
          onSessionEnded: () => void leaveSignedOut(true),
        },
      }),
  );

  // Signing out closes the socket cleanly before the page goes (signOutEverywhere.ts).
  useEffect(() => finishBeforeLeaving(() => client.stopAndWaitClosed()), [client]);

  useEffect(() => {
    client.start();
    const onOnline = () => client.reconnectNow();
    const onOffline = () => client.wentOffline();
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      client.stop();
    };
  }, [client, userId]);

  return <RealtimeContext.Provider value={client}>{children}</RealtimeContext.Provider>;
}
