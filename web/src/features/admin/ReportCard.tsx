import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { adminApi } from '../../api/endpoints';
import type { AdminReport, ContextMessage, ReportAction } from '../../api/types';
import { displayName } from '../../lib/text';
import { formatFull } from '../../lib/time';

const ACTION_DONE: Record<ReportAction, string> = {
  dismiss: 'Dismissed',
  delete_message: 'Message deleted',
  suspend_user: 'User suspended',
};

function ContextLine({ message, reported }: { message: ContextMessage; reported: boolean }) {
  return (
    <li className={reported ? 'context-line reported' : 'context-line'}>
      <span className="context-sender">{displayName(message.sender)}</span>
      <span className="context-text">
        {message.removed ? <em>(deleted by an admin)</em> : message.body_text}
      </span>
      <time className="muted small" dateTime={message.created_at}>
        {formatFull(message.created_at)}
      </time>
    </li>
  );
}

/** One report: who, whom, why, the message in its context, and what an admin can do. */
export function ReportCard({ report }: { report: AdminReport }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const noteId = useId();
  const [note, setNote] = useState('');
  const resolve = useMutation({
    mutationFn: (action: ReportAction) => adminApi.resolve(report.id, action, note.trim()),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
  const reported = report.reported_user;
  return (
    <article className="report-card" aria-labelledby={headingId}>
      <header className="report-head">
        <h3 id={headingId}>
          {displayName(report.reporter)} reported{' '}
          <Link to={`/admin/users/${reported.id}`}>{displayName(reported)}</Link>
          {reported.username && <span className="muted"> @{reported.username}</span>}
          {reported.suspended && <span className="role-tag">Suspended</span>}
        </h3>
        <time className="muted small" dateTime={report.created_at}>
          {formatFull(report.created_at)}
        </time>
      </header>
      <p className="report-reason">
        <strong>Reason:</strong> {report.reason}
      </p>
      {report.message ? (
        <ol className="report-context" aria-label="Reported message in context">
          {report.context.before.map((m) => (
            <ContextLine key={m.id} message={m} reported={false} />
          ))}
          <ContextLine message={report.message} reported />
          {report.context.after.map((m) => (
            <ContextLine key={m.id} message={m} reported={false} />
          ))}
        </ol>
      ) : (
        <p className="muted small">No message was named in this report.</p>
      )}
      {report.resolution ? (
        <p className="report-resolution" role="status">
          {ACTION_DONE[report.resolution.action]}
          {report.resolution.resolved_by && ` by @${report.resolution.resolved_by}`} ·{' '}
          {formatFull(report.resolution.resolved_at)}
          {report.resolution.note && <> · “{report.resolution.note}”</>}
        </p>
      ) : (
        <div className="report-actions">
          <label htmlFor={noteId}>Note (kept in the audit log)</label>
          <textarea
            id={noteId}
            className="input"
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          {resolve.isError && (
            <p className="alert alert-error" role="alert">
              {errorMessage(resolve.error)}
            </p>
          )}
          <div className="report-buttons">
            <button
              type="button"
              className="btn btn-outline btn-sm"
              disabled={resolve.isPending}
              onClick={() => resolve.mutate('dismiss')}
            >
              Dismiss
            </button>
            {report.message && !report.message.removed && (
              <button
                type="button"
                className="btn btn-outline btn-sm danger-text"
                disabled={resolve.isPending}
                onClick={() => resolve.mutate('delete_message')}
              >
                Delete message
              </button>
            )}
            <button
              type="button"
              className="btn btn-danger btn-sm"
              disabled={resolve.isPending}
              onClick={() => resolve.mutate('suspend_user')}
            >
              Suspend {displayName(reported)}
            </button>
          </div>
        </div>
      )}
    </article>
  );
}
