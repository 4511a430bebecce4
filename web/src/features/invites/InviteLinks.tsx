import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorMessage } from '../../api/client';
import { invitesApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import type { Invite } from '../../api/types';
import './invites.css';

const DAY = 24 * 3600;
const LIFETIMES = [
  { label: '1 day', seconds: DAY },
  { label: '7 days', seconds: 7 * DAY },
  { label: '30 days', seconds: 30 * DAY },
] as const;

function inviteState(invite: Invite): string {
  if (invite.expired) return 'Expired';
  if (invite.used_up) return 'Used up';
  const expires = new Date(invite.expires_at).toLocaleDateString();
  return `Expires ${expires}`;
}

/** Invite links of a group, for its admins: make one, copy it, see its uses, revoke it. */
export function InviteLinks({ conversationId }: { conversationId: string }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const [lifetime, setLifetime] = useState<number>(7 * DAY);
  const [maxUses, setMaxUses] = useState('');
  const [copied, setCopied] = useState<string | null>(null);
  const invites = useQuery({
    queryKey: queryKeys.invites(conversationId),
    queryFn: () => invitesApi.list(conversationId),
  });
  const refresh = () =>
    void queryClient.invalidateQueries({ queryKey: queryKeys.invites(conversationId) });
  const create = useMutation({
    mutationFn: () =>
      invitesApi.create(conversationId, {
        expires_in: lifetime,
        max_uses: maxUses ? Number(maxUses) : null,
      }),
    onSuccess: () => {
      setMaxUses('');
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (code: string) => invitesApi.revoke(code),
    onSettled: refresh,
  });
  const copy = async (invite: Invite) => {
    try {
      await navigator.clipboard.writeText(invite.url);
      setCopied(invite.code);
    } catch {
      setCopied(null);
    }
  };

  return (
    <section className="details-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Invite links</h3>
      <form
        className="invite-form"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <label>
          Expires after
          <select
            className="input"
            value={lifetime}
            onChange={(e) => setLifetime(Number(e.target.value))}
          >
            {LIFETIMES.map((option) => (
              <option key={option.seconds} value={option.seconds}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Max uses
          <input
            type="number"
            className="input"
            min={1}
            inputMode="numeric"
            placeholder="No limit"
            value={maxUses}
            onChange={(e) => setMaxUses(e.target.value)}
            size={8}
          />
        </label>
        <button type="submit" className="btn btn-primary btn-sm" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create link'}
        </button>
      </form>
      {(create.isError || revoke.isError) && (
        <p className="alert alert-error" role="alert">
          {errorMessage(create.error ?? revoke.error)}
        </p>
      )}
      {invites.isError ? (
        <p className="alert alert-error" role="alert">
          {errorMessage(invites.error)}
        </p>
      ) : invites.data && invites.data.invites.length > 0 ? (
        <ul className="invite-list" aria-label="Invite links">
          {invites.data.invites.map((invite) => (
            <li key={invite.code} className="invite-item">
              <code>{invite.url}</code>
              <span className="muted small">
                {inviteState(invite)} · {invite.uses}
                {invite.max_uses === null ? '' : ` of ${invite.max_uses}`} use
                {invite.uses === 1 && invite.max_uses === null ? '' : 's'}
              </span>
              <span className="invite-item-actions">
                <button
                  type="button"
                  className="btn btn-outline btn-sm"
                  onClick={() => void copy(invite)}
                >
                  {copied === invite.code ? 'Copied' : 'Copy link'}
                </button>
                <button
                  type="button"
                  className="btn btn-outline btn-sm danger-text"
                  aria-label={`Revoke invite link ${invite.code.slice(0, 6)}…`}
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(invite.code)}
                >
                  Revoke
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : invites.data ? (
        <p className="muted small">No invite links yet.</p>
      ) : null}
    </section>
  );
}
