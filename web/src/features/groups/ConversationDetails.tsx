import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { conversationsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import type { Conversation, Member, User } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { displayName } from '../../lib/text';
import { useMe } from '../auth/useSession';
import type { ConversationDisplay } from '../conversations/useConversations';
import { InviteLinks } from '../invites/InviteLinks';
import { SafetyActions } from '../moderation/SafetyActions';
import { UserPicker } from '../users/UserPicker';
import './details.css';

export function ConversationDetails({
  conversation,
  display,
  onClose,
}: {
  conversation: Conversation;
  display: ConversationDisplay;
  onClose: () => void;
}) {
  return (
    <aside className="details" id="details-panel" aria-label="Details">
      <header className="details-header">
        <h2>{conversation.type === 'group' ? 'Group details' : 'Details'}</h2>
        <button type="button" className="icon-btn" aria-label="Close details" onClick={onClose}>
          <Icon name="close" />
        </button>
      </header>
      <div className="details-hero">
        <Avatar id={display.avatarId} name={display.title} url={display.avatarUrl} size={72} />
        <strong>{display.title}</strong>
        {display.peer?.username && <span className="muted">@{display.peer.username}</span>}
      </div>
      {conversation.type === 'group' ? (
        <GroupMembers conversation={conversation} />
      ) : display.peer ? (
        <section className="details-section">
          <Link to={`/u/${display.peer.username}`} className="btn btn-outline btn-sm">
            View profile
          </Link>
          <SafetyActions user={display.peer} />
        </section>
      ) : null}
    </aside>
  );
}

function GroupMembers({ conversation }: { conversation: Conversation }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const members = conversation.members ?? [];
  const amAdmin = members.some((m) => m.user.id === me.id && m.role === 'admin');
  const [adding, setAdding] = useState<User[]>([]);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [leaving, setLeaving] = useState(false);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.conversation(conversation.id) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.receipts(conversation.id) });
  };
  const add = useMutation({
    mutationFn: async (users: User[]) => {
      for (const user of users) await conversationsApi.addMember(conversation.id, user.username!);
    },
    onSuccess: () => {
      setAdding([]);
      refresh();
    },
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => conversationsApi.removeMember(conversation.id, userId),
    onSuccess: () => {
      setRemoving(null);
      refresh();
    },
  });
  const leave = useMutation({
    mutationFn: () => conversationsApi.removeMember(conversation.id, me.id),
    onSuccess: () => {
      queryClient.setQueryData<{ conversations: Conversation[] }>(queryKeys.conversations, (d) =>
        d ? { conversations: d.conversations.filter((c) => c.id !== conversation.id) } : d,
      );
      navigate('/app', { replace: true });
    },
  });

  const sorted = [...members].sort(
    (a, b) =>
      Number(b.role === 'admin') - Number(a.role === 'admin') ||
      displayName(a.user).localeCompare(displayName(b.user)),
  );

  return (
    <>
      <section className="details-section" aria-labelledby="members-title">
        <h3 id="members-title">
          {members.length} member{members.length === 1 ? '' : 's'}
        </h3>
        <ul className="member-list">
          {sorted.map((member) => (
            <li key={member.user.id} className="member">
              <Avatar
                id={member.user.id}
                name={displayName(member.user)}
                url={member.user.avatar_url}
                size={36}
              />
              <span className="conv-main">
                <span className="conv-title">
                  {displayName(member.user)}
                  {member.user.id === me.id && <span className="muted"> (you)</span>}
                </span>
                <span className="conv-preview">@{member.user.username}</span>
              </span>
              {member.role === 'admin' && <span className="role-tag">Admin</span>}
              {amAdmin && member.user.id !== me.id && (
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={`Remove ${displayName(member.user)} from the group`}
                  onClick={() => setRemoving(member)}
                >
                  <Icon name="close" size={18} />
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
      {amAdmin && (
        <section className="details-section">
          <UserPicker
            selected={adding}
            onChange={setAdding}
            excludeIds={members.map((m) => m.user.id)}
            label="Add members"
          />
          {add.isError && (
            <p className="alert alert-error" role="alert">
              {errorMessage(add.error)}
            </p>
          )}
          <button
            type="button"
            className="btn btn-primary btn-sm"
            disabled={adding.length === 0 || add.isPending}
            onClick={() => add.mutate(adding)}
          >
            {add.isPending ? 'Adding…' : `Add ${adding.length || ''}`.trim()}
          </button>
        </section>
      )}
      {amAdmin && <InviteLinks conversationId={conversation.id} />}
      <section className="details-section">
        <button
          type="button"
          className="btn btn-outline btn-sm danger-text"
          onClick={() => setLeaving(true)}
        >
          <Icon name="logout" size={18} /> Leave group
        </button>
      </section>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing ? displayName(removing.user) : ''}?`}
        confirmLabel="Remove"
        danger
        busy={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() => removing && remove.mutate(removing.user.id)}
      >
        <p>They will no longer see new messages in this group.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={leaving}
        title="Leave this group?"
        confirmLabel="Leave"
        danger
        busy={leave.isPending}
        error={leave.isError ? errorMessage(leave.error) : null}
        onClose={() => {
          setLeaving(false);
          leave.reset();
        }}
        onConfirm={() => leave.mutate()}
      >
        <p>You will stop receiving its messages. An admin can add you again.</p>
      </ConfirmDialog>
    </>
  );
}
