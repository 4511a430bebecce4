import { Link } from 'react-router';
import type { Conversation } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { Icon } from '../../components/Icon';
import { useMe } from '../auth/useSession';
import type { ConversationDisplay } from '../conversations/useConversations';
import { SafetyActions } from '../moderation/SafetyActions';
import { GroupAbout } from './GroupAbout';
import { GroupMembers } from './GroupMembers';
import { GroupPicture } from './GroupPicture';
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
  const me = useMe();
  const amAdmin = (conversation.members ?? []).some(
    (m) => m.user.id === me.id && m.role === 'admin',
  );
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
        {conversation.type === 'group' && amAdmin && <GroupPicture conversation={conversation} />}
      </div>
      {conversation.type === 'group' ? (
        <>
          <GroupAbout conversation={conversation} amAdmin={amAdmin} />
          <GroupMembers conversation={conversation} />
        </>
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
