import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/client';
import { adminApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import type { AuditEntry } from '../../api/types';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateView';
import { formatFull } from '../../lib/time';

const ACTIONS: Record<string, string> = {
  dismiss_report: 'dismissed a report',
  delete_message: 'deleted a message',
  suspend_user: 'suspended',
  unsuspend_user: 'lifted the suspension of',
  grant_admin: 'made an admin:',
  revoke_admin: 'removed as admin:',
};

function sentence(entry: AuditEntry): string {
  const action = ACTIONS[entry.action] ?? entry.action;
  const target = entry.target_user ? ` @${entry.target_user.username}` : '';
  return `${entry.actor.username} ${action}${target}`;
}

/** Every admin action, newest first: who did what to whom, when, and why. */
export function AuditLog() {
  const audit = useQuery({ queryKey: queryKeys.adminAudit, queryFn: adminApi.audit });
  if (audit.isPending) return <LoadingState label="Loading the audit log…" />;
  if (audit.isError) {
    return <ErrorState message={errorMessage(audit.error)} onRetry={() => void audit.refetch()} />;
  }
  if (audit.data.entries.length === 0) return <EmptyState title="No admin actions yet" />;
  return (
    <table className="audit-table">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">Note</th>
        </tr>
      </thead>
      <tbody>
        {audit.data.entries.map((entry) => (
          <tr key={entry.id}>
            <td>
              <time dateTime={entry.created_at}>{formatFull(entry.created_at)}</time>
            </td>
            <td>{sentence(entry)}</td>
            <td>{entry.note ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
