import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { LoadingState } from '../../components/StateView';
import { useSession } from './useSession';

/** Gatekeeper for signed-in routes; keeps the deep link so sign-in can return to it. */
export function RequireSession({
  children,
  requireUsername = true,
}: {
  children: ReactNode;
  requireUsername?: boolean;
}) {
  const { status, user } = useSession();
  const location = useLocation();
  const next = encodeURIComponent(location.pathname + location.search);
  if (status === 'loading') {
    return (
      <div className="page-center">
        <LoadingState label="Signing you in…" />
      </div>
    );
  }
  if (status === 'anonymous' || !user) return <Navigate to={`/login?next=${next}`} replace />;
  if (requireUsername && !user.username) {
    return <Navigate to={`/setup-username?next=${next}`} replace />;
  }
  return <>{children}</>;
}
