import { Link } from 'react-router';
import type { Conversation } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { Icon } from '../../components/Icon';
import { isMuted } from '../../lib/conversationPreferences';
import { presenceText } from '../../lib/presenceText';
import { usePresence } from '../../realtime';
import { ConversationMenu } from '../conversations/ConversationMenu';
import type { ConversationDisplay } from '../conversations/useConversations';
import { openMessageSearch } from '../search/searchStore';

export function ChatHeader({
  conversation,
  display,
  detailsOpen,
  removed,
  onToggleDetails,
}: {
  conversation: Conversation;
  display: ConversationDisplay;
  detailsOpen: boolean;
  /** This user is no longer a member: the member count would be stale. */
  removed: boolean;
  onToggleDetails: () => void;
}) {
  const memberCount = conversation.members?.length ?? 0;
  const peerPresence = usePresence(conversation.type === 'dm' ? display.peer?.id : null);
  const subtitle = removed
    ? 'You are no longer a member'
    : conversation.type === 'group'
      ? `${memberCount} member${memberCount === 1 ? '' : 's'}`
      : (presenceText(peerPresence) ?? (display.peer?.username ? `@${display.peer.username}` : ''));
  return (
    <header className="chat-header">
      <Link to="/app" className="icon-btn back-btn" aria-label="Back to conversations">
        <Icon name="back" />
      </Link>
      <button
        type="button"
        className="chat-title-btn"
        onClick={onToggleDetails}
        aria-label={`${display.title}: show details`}
      >
        <Avatar id={display.avatarId} name={display.title} url={display.avatarUrl} size={38} />
        <span className="chat-title-text">
          <h1 className="chat-title">
            {display.title}
            {isMuted(conversation) && (
              <span className="chat-muted" title="Muted" aria-label="muted">
                <Icon name="bellOff" size={16} />
              </span>
            )}
          </h1>
          {subtitle && (
            <span className={`chat-subtitle${peerPresence?.online ? ' is-online' : ''}`}>
              {subtitle}
            </span>
          )}
        </span>
      </button>
      {!removed && (
        <ConversationMenu
          conversation={conversation}
          title={display.title}
          label="Conversation options"
        />
      )}
      <button
        type="button"
        className="icon-btn"
        aria-label="Search in this conversation"
        title="Search in this conversation (Ctrl+Shift+F: everywhere)"
        onClick={() => openMessageSearch(conversation.id, false)}
      >
        <Icon name="search" />
      </button>
      <button
        type="button"
        className="icon-btn"
        aria-label={conversation.type === 'group' ? 'Group details' : 'Conversation details'}
        aria-expanded={detailsOpen}
        aria-controls="details-panel"
        onClick={onToggleDetails}
      >
        <Icon name="info" />
      </button>
    </header>
  );
}
