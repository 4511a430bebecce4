import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import type { Conversation } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { Icon, type IconName } from '../../components/Icon';
import { Logo } from '../../components/Logo';
import { EmptyState, ErrorState, LoadingState } from '../../components/StateView';
import { setUnreadTotal } from '../../lib/documentTitle';
import { displayName } from '../../lib/text';
import { useMe } from '../auth/useSession';
import { setFaviconCount } from '../notifications/faviconBadge';
import { NotificationPrompt } from '../notifications/NotificationPrompt';
import { UserMenu } from '../users/UserMenu';
import { useUserSearch } from '../users/useUserSearch';
import { isArchived, isMuted } from '../../lib/conversationPreferences';
import { ConversationListItem } from './ConversationListItem';
import { NewChatDialog } from './NewChatDialog';
import { NewGroupDialog } from './NewGroupDialog';
import { describeConversation, useConversations } from './useConversations';
import './sidebar.css';
import { openMessageSearch } from '../search/searchStore';

function matches(conversation: Conversation, myId: string, q: string): boolean {
  const needle = q.toLowerCase();
  const { title } = describeConversation(conversation, myId);
  if (title.toLowerCase().includes(needle)) return true;
  return (conversation.members ?? []).some(
    (m) =>
      m.user.display_name.toLowerCase().includes(needle) ||
      (m.user.username ?? '').includes(needle),
  );
}

export function Sidebar() {
  const me = useMe();
  const [search, setSearch] = useState('');
  const [newGroupOpen, setNewGroupOpen] = useState(false);
  const [newChatOpen, setNewChatOpen] = useState(false);
  const conversations = useConversations();
  const q = search.trim();
  const people = useUserSearch(q);
  // Muted conversations count nowhere: not in the tab title, not on the favicon.
  const unreadTotal = (conversations.data ?? [])
    .filter((c) => !isMuted(c))
    .reduce((sum, c) => sum + c.unread_count, 0);
  const [showArchived, setShowArchived] = useState(false);
  useEffect(() => {
    setUnreadTotal(unreadTotal);
    void setFaviconCount(unreadTotal);
    return () => {
      setUnreadTotal(0);
      void setFaviconCount(0);
    };
  }, [unreadTotal]);
  // Searching finds archived chats too; otherwise they wait behind "Archived".
  const archived = q ? [] : (conversations.data ?? []).filter((c) => isArchived(c));
  const visible = q
    ? (conversations.data ?? []).filter((c) => matches(c, me.id, q))
    : (conversations.data ?? []).filter((c) => !isArchived(c));

  return (
    <nav className="sidebar" aria-label="Conversations">
      <header className="sidebar-header">
        <Logo size={30} />
        <div className="sidebar-actions">
          <HeaderAction label="New chat" icon="chat" onClick={() => setNewChatOpen(true)} />
          <HeaderAction label="New group" icon="users" onClick={() => setNewGroupOpen(true)} />
          <HeaderAction
            label="Search everywhere"
            icon="search"
            onClick={() => openMessageSearch(null, true)}
          />
          <UserMenu />
        </div>
      </header>
      <div className="sidebar-search" role="search">
        <Icon name="search" size={18} />
        <input
          type="search"
          className="input"
          placeholder="Search chats and people"
          aria-label="Search chats and people"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setSearch('');
          }}
        />
      </div>

      <NotificationPrompt hasConversations={(conversations.data?.length ?? 0) > 0} />
      <div className="sidebar-scroll">
        {conversations.isPending ? (
          <LoadingState label="Loading conversations" />
        ) : conversations.isError && !conversations.data ? (
          <ErrorState
            title="Couldn't load your chats"
            message={errorMessage(conversations.error)}
            onRetry={() => void conversations.refetch()}
          />
        ) : (
          <>
            {q && <h2 className="sidebar-section">Chats</h2>}
            {visible.length > 0 ? (
              <ul className="conv-list">
                {visible.map((c) => (
                  <ConversationListItem key={c.id} conversation={c} myId={me.id} />
                ))}
              </ul>
            ) : q ? (
              <p className="sidebar-empty">No chats match “{q}”.</p>
            ) : archived.length > 0 ? null : (
              <EmptyState title="No conversations yet" icon={<Icon name="chat" size={36} />}>
                <p>Search for people by name or username above, or start a group.</p>
                <button
                  type="button"
                  className="btn btn-primary btn-sm"
                  onClick={() => setNewGroupOpen(true)}
                >
                  New group
                </button>
              </EmptyState>
            )}
            {archived.length > 0 && (
              <section aria-label="Archived chats">
                <button
                  type="button"
                  className="archived-toggle"
                  aria-expanded={showArchived}
                  onClick={() => setShowArchived((v) => !v)}
                >
                  <Icon name="archive" size={18} /> Archived ({archived.length})
                  <Icon name="down" size={16} />
                </button>
                {showArchived && (
                  <ul className="conv-list">
                    {archived.map((c) => (
                      <ConversationListItem key={c.id} conversation={c} myId={me.id} />
                    ))}
                  </ul>
                )}
              </section>
            )}
          </>
        )}

        {q && (
          <section aria-label="People">
            <h2 className="sidebar-section">People</h2>
            {people.isError ? (
              <p className="sidebar-empty">Search failed: {errorMessage(people.error)}</p>
            ) : people.isFetching && people.users.length === 0 ? (
              <p className="sidebar-empty">Searching…</p>
            ) : people.users.filter((u) => u.id !== me.id).length === 0 ? (
              <p className="sidebar-empty">Nobody found for “{q}”.</p>
            ) : (
              <ul className="conv-list">
                {people.users
                  .filter((u) => u.id !== me.id && u.username)
                  .map((user) => (
                    <li key={user.id}>
                      <Link
                        to={`/u/${user.username}`}
                        className="conv-item"
                        onClick={() => setSearch('')}
                      >
                        <Avatar
                          id={user.id}
                          name={displayName(user)}
                          url={user.avatar_url}
                          size={40}
                        />
                        <span className="conv-main">
                          <span className="conv-title">{displayName(user)}</span>
                          <span className="conv-preview">@{user.username}</span>
                        </span>
                      </Link>
                    </li>
                  ))}
              </ul>
            )}
          </section>
        )}
      </div>
      <NewGroupDialog open={newGroupOpen} onClose={() => setNewGroupOpen(false)} />
      <NewChatDialog open={newChatOpen} onClose={() => setNewChatOpen(false)} />
    </nav>
  );
}

function HeaderAction({
  label,
  icon,
  onClick,
}: {
  label: string;
  icon: IconName;
  onClick: () => void;
}) {
  return (
    <button type="button" className="icon-btn" aria-label={label} title={label} onClick={onClick}>
      <Icon name={icon} />
    </button>
  );
}
