import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { adminApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateView';
import { AuditLog } from './AuditLog';
import { ReportCard } from './ReportCard';
import './admin.css';

type Tab = 'open' | 'resolved' | 'audit';
const TABS: { id: Tab; label: string }[] = [
  { id: 'open', label: 'Open reports' },
  { id: 'resolved', label: 'Resolved' },
  { id: 'audit', label: 'Audit log' },
];

function Reports({ status }: { status: 'open' | 'resolved' }) {
  const reports = useQuery({
    queryKey: queryKeys.adminReports(status),
    queryFn: () => adminApi.reports(status),
  });
  if (reports.isPending) return <LoadingState label="Loading reports…" />;
  if (reports.isError) {
    return (
      <ErrorState message={errorMessage(reports.error)} onRetry={() => void reports.refetch()} />
    );
  }
  if (reports.data.reports.length === 0) {
    return (
      <EmptyState title={status === 'open' ? 'No open reports' : 'Nothing resolved yet'}>
        <p>{status === 'open' ? 'Reports people file show up here.' : ''}</p>
      </EmptyState>
    );
  }
  return (
    <div className="report-list">
      {reports.data.reports.map((report) => (
        <ReportCard key={report.id} report={report} />
      ))}
    </div>
  );
}

function FindUser() {
  const navigate = useNavigate();
  const [username, setUsername] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const page = await adminApi.userByName(username.trim().replace(/^@/, ''));
      navigate(`/admin/users/${page.user.id}`);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };
  return (
    <form className="admin-find" onSubmit={(e) => void submit(e)}>
      <label htmlFor="admin-find-user">Find a user</label>
      <input
        id="admin-find-user"
        className="input"
        placeholder="username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <button type="submit" className="btn btn-outline btn-sm" disabled={!username.trim()}>
        Open
      </button>
      {error && (
        <span className="alert alert-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

/** `/admin`: the report queue (open first), resolved reports, and the audit log. */
export function AdminPage() {
  const [tab, setTab] = useState<Tab>('open');
  return (
    <main className="admin-page">
      <header className="admin-header">
        <h1>Admin console</h1>
        <Link to="/app" className="btn btn-ghost btn-sm">
          Back to chats
        </Link>
      </header>
      <FindUser />
      <div className="admin-tabs" role="tablist" aria-label="Admin sections">
        {TABS.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`admin-tab-${item.id}`}
            aria-selected={tab === item.id}
            aria-controls="admin-panel"
            className={tab === item.id ? 'admin-tab active' : 'admin-tab'}
            onClick={() => setTab(item.id)}
          >
            {item.label}
          </button>
        ))}
      </div>
      <section id="admin-panel" role="tabpanel" aria-labelledby={`admin-tab-${tab}`}>
        {tab === 'audit' ? <AuditLog /> : <Reports status={tab} />}
      </section>
    </main>
  );
}
