import { NavLink } from 'react-router';
import type { Conversation } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { formatListTime } from '../../lib/time';
import { conversationPreview } from './conversationPreview';
import { useConversationDisplay, activityOf } from './useConversations';

export function ConversationListItem({
  conversation,
  myId,
}: {
  conversation: Conversation;
  myId: string;
}) {
  const { title, avatarId, avatarUrl } = useConversationDisplay(conversation, myId);
  const preview = conversationPreview(conversation, myId);
  const unread = conversation.unread_count;
  const label = `${title}${unread ? `, ${unread} unread` : ''}`;
  return (
    <li>
      <NavLink
        to={`/app/c/${conversation.id}`}
        className={({ isActive }) =>
          `conv-item${isActive ? ' is-active' : ''}${unread ? ' is-unread' : ''}`
        }
        aria-label={label}
      >
        <Avatar id={avatarId} name={title} url={avatarUrl} size={46} />
        <span className="conv-main">
          <span className="conv-top">
            <span className="conv-title">{title}</span>
            <time className="conv-time" dateTime={activityOf(conversation)}>
              {formatListTime(activityOf(conversation))}
            </time>
          </span>
          <span className="conv-bottom">
            <span className="conv-preview">{preview}</span>
            {unread > 0 && (
              <span className="badge" aria-hidden="true">
                {unread > 99 ? '99+' : unread}
              </span>
            )}
          </span>
        </span>
      </NavLink>
    </li>
  );
}
