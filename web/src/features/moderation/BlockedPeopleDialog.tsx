import { errorMessage } from '../../api/client';
import type { User } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { Dialog } from '../../components/Dialog';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateView';
import { displayName } from '../../lib/text';
import { useBlockToggle, useBlocks } from './useBlocks';
import './moderation.css';

/** Everyone I blocked, each with Unblock: a block should never be a one-way door. */
export function BlockedPeopleDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="Blocked people" onClose={onClose}>
      {open && <BlockedPeopleList />}
    </Dialog>
  );
}

function BlockedPeopleList() {
  const blocks = useBlocks();
  if (blocks.isPending) return <LoadingState label="Loading blocked people" />;
  if (blocks.isError) return <ErrorState message={errorMessage(blocks.error)} />;
  if (blocks.data.users.length === 0) {
    return (
      <EmptyState title="Nobody is blocked">
        People you block can&apos;t message you or see when you read their messages.
      </EmptyState>
    );
  }
  return (
    <ul className="blocked-list" aria-label="Blocked people">
      {blocks.data.users.map((user) => (
        <BlockedPerson key={user.id} user={user} />
      ))}
    </ul>
  );
}

function BlockedPerson({ user }: { user: User }) {
  const unblock = useBlockToggle(user.username ?? '');
  return (
    <li className="blocked-person">
      <Avatar id={user.id} name={displayName(user)} url={user.avatar_url} size={36} />
      <span className="conv-main">
        <span className="conv-title">{displayName(user)}</span>
        <span className="conv-preview">@{user.username}</span>
      </span>
      <button
        type="button"
        className="btn btn-outline btn-small"
        disabled={unblock.isPending}
        aria-label={`Unblock ${displayName(user)}`}
        onClick={() => unblock.mutate(false)}
      >
        Unblock
      </button>
    </li>
  );
}
