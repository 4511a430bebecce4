import type { ReactNode } from 'react';
import { LoadingState } from '../../components/StateView';
import { NotFound } from '../shell/NotFound';
import { useIsAdmin } from './useIsAdmin';

/** The admin console exists only for admins: everyone else sees the app's "not found". */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { isAdmin, isPending } = useIsAdmin();
  if (isPending) {
    return (
      <div className="page-center">
        <LoadingState label="Loading…" />
      </div>
    );
  }
  return isAdmin ? <>{children}</> : <NotFound />;
}
