import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { moderationApi } from '../../api/endpoints';
import type { User } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { displayName } from '../../lib/text';
import { useBlocks, useBlockToggle } from './useBlocks';

/** Block / unblock and report a person, each behind a confirmation. */
export function SafetyActions({ user }: { user: User }) {
  const username = user.username ?? '';
  const blocks = useBlocks();
  const toggle = useBlockToggle(username);
  const [confirmBlock, setConfirmBlock] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [reported, setReported] = useState(false);
  const isBlocked = blocks.data?.users.some((u) => u.id === user.id) ?? false;
  const name = displayName(user);

  return (
    <div className="safety-actions">
      <button
        type="button"
        className="btn btn-outline btn-sm"
        disabled={blocks.isPending}
        onClick={() => setConfirmBlock(true)}
      >
        {isBlocked ? `Unblock ${name}` : `Block ${name}`}
      </button>
      <button
        type="button"
        className="btn btn-outline btn-sm danger-text"
        onClick={() => setReporting(true)}
      >
        Report
      </button>
      {reported && (
        <p className="field-hint is-ok" role="status">
          Thanks — your report was sent to the server's moderators.
        </p>
      )}
      <ConfirmDialog
        open={confirmBlock}
        title={isBlocked ? `Unblock ${name}?` : `Block ${name}?`}
        confirmLabel={isBlocked ? 'Unblock' : 'Block'}
        danger={!isBlocked}
        busy={toggle.isPending}
        error={toggle.isError ? errorMessage(toggle.error) : null}
        onClose={() => {
          setConfirmBlock(false);
          toggle.reset();
        }}
        onConfirm={() => toggle.mutate(!isBlocked, { onSuccess: () => setConfirmBlock(false) })}
      >
        {isBlocked ? (
          <p>They will be able to message you again.</p>
        ) : (
          <p>
            They won't be able to start a direct message with you, and you won't get their messages.
            They are not told that you blocked them.
          </p>
        )}
      </ConfirmDialog>
      <ReportDialog
        open={reporting}
        user={user}
        onClose={() => setReporting(false)}
        onSent={() => {
          setReporting(false);
          setReported(true);
        }}
      />
    </div>
  );
}

/** Reports a person to the server's moderators; with `messageId`, that message of theirs. */
export function ReportDialog({
  open,
  user,
  messageId,
  onClose,
  onSent,
}: {
  open: boolean;
  user: User;
  messageId?: string;
  onClose: () => void;
  onSent: () => void;
}) {
  const [reason, setReason] = useState('');
  const report = useMutation({
    mutationFn: () => moderationApi.report(user.username ?? '', reason.trim(), messageId),
    onSuccess: () => {
      setReason('');
      onSent();
    },
  });
  const length = reason.trim().length;
  return (
    <Dialog
      open={open}
      title={messageId ? 'Report message' : `Report ${displayName(user)}`}
      onClose={onClose}
      size="sm"
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={length === 0 || length > 1000 || report.isPending}
            onClick={() => report.mutate()}
          >
            {report.isPending ? 'Sending…' : 'Send report'}
          </button>
        </>
      }
    >
      <div className="field">
        <label className="field-label" htmlFor="report-reason">
          What is wrong?
        </label>
        <textarea
          id="report-reason"
          className="input"
          rows={4}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <span className="field-hint">
          {1000 - length} characters left. Moderators of this server will see it.
        </span>
      </div>
      {report.isError && (
        <p className="alert alert-error" role="alert">
          {errorMessage(report.error)}
        </p>
      )}
    </Dialog>
  );
}
