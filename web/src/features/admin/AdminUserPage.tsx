import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { adminApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import { Avatar } from '../../components/Avatar';
import { ErrorState, LoadingState } from '../../components/StateView';
import { displayName } from '../../lib/text';
import { ReportCard } from './ReportCard';
import './admin.css';

/** `/admin/users/{id}`: the account, its reports, and suspend / unsuspend. */
export function AdminUserPage() {
  const { userId = '' } = useParams();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const page = useQuery({
    queryKey: queryKeys.adminUser(userId),
    queryFn: () => adminApi.user(userId),
  });
  const change = useMutation({
    mutationFn: (suspend: boolean) =>
      suspend ? adminApi.suspend(userId, note.trim()) : adminApi.unsuspend(userId, note.trim()),
    onSuccess: (updated) => {
      setNote('');
      queryClient.setQueryData(queryKeys.adminUser(userId), updated);
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
    },
  });
  if (page.isPending) return <LoadingState label="Loading the user…" />;
  if (page.isError) return <ErrorState message={errorMessage(page.error)} />;
  const { user, reports } = page.data;
  return (
    <main className="admin-page">
      <header className="admin-header">
        <h1>{displayName(user)}</h1>
        <Link to="/admin" className="btn btn-ghost btn-sm">
          Back to the console
        </Link>
      </header>
      <section className="admin-user" aria-label="Account">
        <Avatar id={user.id} name={displayName(user)} url={user.avatar_url} size={56} />
        <div>
          <p>{user.username ? `@${user.username}` : 'No username'}</p>
          <p className="muted small">
            {user.deleted ? 'Deleted account' : user.suspended ? 'Suspended' : 'Active'}
            {user.is_admin && ' · Instance admin'}
          </p>
        </div>
      </section>
      {!user.deleted && (
        <section className="admin-user-actions" aria-label="Suspension">
          <label htmlFor="admin-user-note">Note (kept in the audit log)</label>
          <textarea
            id="admin-user-note"
            className="input"
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {change.isError && (
            <p className="alert alert-error" role="alert">
              {errorMessage(change.error)}
            </p>
          )}
          {user.suspended ? (
            <button
              type="button"
              className="btn btn-primary btn-sm"
              disabled={change.isPending}
              onClick={() => change.mutate(false)}
            >
              Unsuspend
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-danger btn-sm"
              disabled={change.isPending}
              onClick={() => change.mutate(true)}
            >
              Suspend
            </button>
          )}
        </section>
      )}
      <h2 className="admin-subtitle">Reports about {displayName(user)}</h2>
      {reports.length === 0 ? (
        <p className="muted">No reports.</p>
      ) : (
        <div className="report-list">
          {reports.map((report) => (
            <ReportCard key={report.id} report={report} />
          ))}
        </div>
      )}
    </main>
  );
}
