import { NavLink } from 'react-router';
import type { Conversation } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { Icon } from '../../components/Icon';
import { isMuted } from '../../lib/conversationPreferences';
import { formatListTime } from '../../lib/time';
import { ConversationMenu } from './ConversationMenu';
import { useTypingUsers } from '../../realtime';
import { conversationPreview, typingLine } from './conversationPreview';
import { useConversationDisplay, activityOf } from './useConversations';

export function ConversationListItem({
  conversation,
  myId,
}: {
  conversation: Conversation;
  myId: string;
}) {
  const { title, avatarId, avatarUrl } = useConversationDisplay(conversation, myId);
  const typing = typingLine(conversation, useTypingUsers(conversation.id));
  const preview = typing ?? conversationPreview(conversation, myId);
  const unread = conversation.unread_count;
  const mentions = conversation.mention_count ?? 0;
  const muted = isMuted(conversation);
  const label = [
    title,
    conversation.pinned ? 'pinned' : '',
    muted ? 'muted' : '',
    unread ? `${unread} unread` : '',
  ]
    .filter(Boolean)
    .join(', ')
    .concat(mentionLabel(mentions));
  return (
    <li className="conv-row">
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
            {conversation.pinned && (
              <span className="conv-flag" title="Pinned">
                <Icon name="pin" size={14} />
              </span>
            )}
            {muted && (
              <span className="conv-flag" title="Muted">
                <Icon name="bellOff" size={14} />
              </span>
            )}
            <time className="conv-time" dateTime={activityOf(conversation)}>
              {formatListTime(activityOf(conversation))}
            </time>
          </span>
          <span className="conv-bottom">
            <span className={`conv-preview${typing ? ' is-typing' : ''}`}>{preview}</span>
            {mentions > 0 && (
              // Mentions are counted even when muted: being named is meant to reach you.
              <span className="badge badge-mention" aria-hidden="true" title="Mentions of you">
                @{mentions > 99 ? '99+' : mentions}
              </span>
            )}
            {unread > 0 &&
              // Muted: no count, only a quiet dot that something is there.
              (muted ? (
                <span className="badge-dot" aria-hidden="true" />
              ) : (
                <span className="badge" aria-hidden="true">
                  {unread > 99 ? '99+' : unread}
                </span>
              ))}
          </span>
        </span>
      </NavLink>
      <ConversationMenu conversation={conversation} title={title} className="icon-btn conv-menu" />
    </li>
  );
}

function mentionLabel(mentions: number): string {
  if (mentions === 0) return '';
  return mentions === 1 ? ', 1 mention' : `, ${mentions} mentions`;
}
