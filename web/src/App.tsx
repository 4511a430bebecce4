import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiError } from './api/client';
import { refreshAccessToken } from './api/session';
import { leaveSignedOut, onSignOutElsewhere } from './features/auth/signOutEverywhere';
import { AdminPage } from './features/admin/AdminPage';
import { AdminUserPage } from './features/admin/AdminUserPage';
import { RequireAdmin } from './features/admin/RequireAdmin';
import { ChatPage } from './features/chat/ChatPage';
import { InvitePage } from './features/invites/InvitePage';
import { LoginPage } from './features/auth/LoginPage';
import { RequireSession } from './features/auth/RequireSession';
import { SetupUsernamePage } from './features/auth/SetupUsernamePage';
import { AppShell } from './features/shell/AppShell';
import { NotFound } from './features/shell/NotFound';
import { Welcome } from './features/shell/Welcome';
import { ProfilePage } from './features/users/ProfilePage';

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // 4xx answers will not change by asking again.
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  useEffect(() => {
    // Restore the session from the refresh cookie, if there is one.
    void refreshAccessToken();
  }, []);
  useEffect(
    () =>
      onSignOutElsewhere(() => {
        // Another tab signed out: the refresh token is revoked; end this tab's session too,
        // which stops its socket, and start afresh at the sign-in page.
        void leaveSignedOut();
      }),
    [],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route path="/" element={<Navigate to="/app" replace />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/invite/:code" element={<InvitePage />} />
          <Route
            path="/admin"
            element={
              <RequireSession>
                <RequireAdmin>
                  <AdminPage />
                </RequireAdmin>
              </RequireSession>
            }
          />
          <Route
            path="/admin/users/:userId"
            element={
              <RequireSession>
                <RequireAdmin>
                  <AdminUserPage />
                </RequireAdmin>
              </RequireSession>
            }
          />
          <Route
            path="/setup-username"
            element={
              <RequireSession requireUsername={false}>
                <SetupUsernamePage />
              </RequireSession>
            }
          />
          <Route
            element={
              <RequireSession>
                <AppShell />
              </RequireSession>
            }
          >
            <Route path="/app" element={<Welcome />} />
            <Route path="/app/c/:conversationId" element={<ChatPage />} />
            <Route path="/u/:username" element={<ProfilePage />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
