import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { conversationsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import type { Conversation, Member, MemberRole, User } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { MenuButton, MenuItem } from '../../components/MenuButton';
import { presenceText } from '../../lib/presenceText';
import { displayName } from '../../lib/text';
import { usePresenceOf } from '../../realtime';
import { useMe } from '../auth/useSession';
import { InviteLinks } from '../invites/InviteLinks';
import { UserPicker } from '../users/UserPicker';

/** A group's members with what an admin may do to each, adding people, and leaving. */
export function GroupMembers({ conversation }: { conversation: Conversation }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const members = conversation.members ?? [];
  const amAdmin = members.some((m) => m.user.id === me.id && m.role === 'admin');
  const adminCount = members.filter((m) => m.role === 'admin').length;
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
    onSuccess: () => setAdding([]),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (userId: string) => conversationsApi.removeMember(conversation.id, userId),
    onSuccess: () => {
      setRemoving(null);
      refresh();
    },
  });
  const setRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: MemberRole }) =>
      conversationsApi.setRole(conversation.id, userId, role),
    onSettled: refresh,
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
  const onlyAdmin = amAdmin && adminCount === 1;
  const presenceOf = usePresenceOf(
    members.filter((m) => m.user.id !== me.id).map((m) => m.user.id),
  );

  return (
    <>
      <section className="details-section" aria-labelledby="members-title">
        <h3 id="members-title">
          {members.length} member{members.length === 1 ? '' : 's'}
        </h3>
        <ul className="member-list">
          {sorted.map((member) => {
            const name = displayName(member.user);
            const isMe = member.user.id === me.id;
            const isAdmin = member.role === 'admin';
            return (
              <li key={member.user.id} className="member">
                <Avatar id={member.user.id} name={name} url={member.user.avatar_url} size={36} />
                <span className="conv-main">
                  <span className="conv-title">
                    {name}
                    {isMe && <span className="muted"> (you)</span>}
                  </span>
                  <span className="conv-preview">
                    @{member.user.username}
                    {!isMe && presenceText(presenceOf(member.user.id)) && (
                      <span
                        className={`member-presence${presenceOf(member.user.id).online ? ' is-online' : ''}`}
                      >
                        {' · '}
                        {presenceText(presenceOf(member.user.id))}
                      </span>
                    )}
                  </span>
                </span>
                {isAdmin && <span className="role-tag">Admin</span>}
                {/* Nothing to offer on one's own row, unless stepping down leaves an admin. */}
                {amAdmin && !(isMe && (!isAdmin || adminCount === 1)) && (
                  <MenuButton label={`Options for ${name}`} menuLabel={name}>
                    {(close) => (
                      <>
                        {isAdmin ? (
                          // The last admin cannot step down (the server says so too).
                          !(isMe && adminCount === 1) && (
                            <MenuItem
                              icon="shield"
                              label={isMe ? 'Step down as admin' : 'Remove as admin'}
                              onSelect={close(() =>
                                setRole.mutate({ userId: member.user.id, role: 'member' }),
                              )}
                            />
                          )
                        ) : (
                          <MenuItem
                            icon="shield"
                            label="Make admin"
                            onSelect={close(() =>
                              setRole.mutate({ userId: member.user.id, role: 'admin' }),
                            )}
                          />
                        )}
                        {!isMe && (
                          <MenuItem
                            icon="close"
                            label="Remove from group"
                            danger
                            onSelect={close(() => setRemoving(member))}
                          />
                        )}
                      </>
                    )}
                  </MenuButton>
                )}
              </li>
            );
          })}
        </ul>
        {setRole.isError && (
          <p className="alert alert-error" role="alert">
            {errorMessage(setRole.error)}
          </p>
        )}
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
        <p>
          You will stop receiving its messages. An admin can add you again.
          {onlyAdmin &&
            members.length > 1 &&
            ' You are its only admin: the member who has been here longest becomes admin.'}
        </p>
      </ConfirmDialog>
    </>
  );
}
