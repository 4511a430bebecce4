import { useState } from 'react';
import type { Member, Message } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import type { OutboxItem } from '../../realtime';
import { displayName } from '../../lib/text';
import { textDirection } from '../../lib/textDirection';
import { formatFull, formatTime } from '../../lib/time';
import { MessageActions } from '../messages/MessageActions';
import { ReportDialog } from '../moderation/SafetyActions';
import { MessageEditor } from '../messages/MessageEditor';
import { ReactionChips } from '../messages/ReactionChips';
import { useMessageChanges } from '../messages/useMessageChanges';
import '../messages/messages.css';
import { AttachmentImage } from './AttachmentImage';
import { DeliveryTicks } from './DeliveryTicks';
import { MessageText } from './MessageText';
import type { DeliveryStatus } from './receipts';

interface BubbleProps {
  message: Message;
  own: boolean;
  sender: Member['user'] | undefined;
  showSender: boolean;
  groupStart: boolean;
  groupEnd: boolean;
  status: DeliveryStatus | null;
  readBy: string | null;
  myId: string;
  /** The sender, or an admin of the group. */
  canDelete: boolean;
  nameOf: (userId: string) => string;
  editing: boolean;
  onEditingChange: (editing: boolean) => void;
}

export function MessageBubble(props: BubbleProps) {
  const { message, own, sender, groupStart, groupEnd } = props;
  const name = sender ? displayName(sender) : 'Former member';
  const changes = useMessageChanges();
  const { editing } = props;
  const setEditing = props.onEditingChange;
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [reporting, setReporting] = useState(false);
  const [reported, setReported] = useState(false);
  const deleted = message.deleted === true;
  const react = (emoji: string, add: boolean) => void changes.react(message.id, emoji, add);
  return (
    <li
      className={`msg ${own ? 'msg-own' : 'msg-other'}${groupStart ? ' group-start' : ''}${groupEnd ? ' group-end' : ''}`}
      data-seq={message.seq}
      data-message-id={message.id}
    >
      {!own && (
        <span className="msg-avatar">
          {groupEnd && (
            <Avatar id={message.sender_id} name={name} url={sender?.avatar_url} size={32} />
          )}
        </span>
      )}
      <div className={`msg-bubble${textDirection(message.body_text) === 'rtl' ? ' is-rtl' : ''}`}>
        {!own && props.showSender && groupStart && <span className="msg-sender">{name}</span>}
        {own ? (
          <span className="visually-hidden">You: </span>
        ) : (
          !(props.showSender && groupStart) && <span className="visually-hidden">{name}: </span>
        )}
        {deleted ? (
          <em className="msg-deleted">Message deleted</em>
        ) : editing ? (
          <MessageEditor
            initial={message.body_text}
            onCancel={() => setEditing(false)}
            onSave={async (text) => {
              await changes.edit(message.id, text);
              setEditing(false);
            }}
          />
        ) : (
          <>
            {message.attachments && message.attachments.length > 0 && (
              <div className="msg-images">
                {message.attachments.map((attachment) => (
                  <AttachmentImage key={attachment.id} attachment={attachment} />
                ))}
              </div>
            )}
            {message.body_text !== '' && <MessageText text={message.body_text} />}
          </>
        )}
        <span className="msg-meta">
          {message.edited_at && !deleted && (
            <span className="msg-edited" title={formatFull(message.edited_at)}>
              (edited)
            </span>
          )}
          <time dateTime={message.created_at} title={formatFull(message.created_at)}>
            {formatTime(message.created_at)}
          </time>
          {own && props.status && <DeliveryTicks status={props.status} />}
        </span>
        {!deleted && (
          <ReactionChips
            message={message}
            myId={props.myId}
            nameOf={props.nameOf}
            onToggle={react}
          />
        )}
      </div>
      {!deleted && !editing && (
        <MessageActions
          canEdit={own}
          canDelete={props.canDelete}
          onReact={(emoji) => react(emoji, true)}
          onEdit={() => setEditing(true)}
          onDelete={() => setConfirmDelete(true)}
          onReport={!own && sender ? () => setReporting(true) : undefined}
        />
      )}
      {reporting && sender && (
        <ReportDialog
          open
          user={sender}
          messageId={message.id}
          onClose={() => setReporting(false)}
          onSent={() => {
            setReporting(false);
            setReported(true);
          }}
        />
      )}
      {reported && (
        <span className="msg-readby" role="status">
          Reported to the moderators. Thank you.
        </span>
      )}
      {props.readBy && <span className="msg-readby">{props.readBy}</span>}
      <ConfirmDialog
        open={confirmDelete}
        title="Delete message?"
        confirmLabel="Delete"
        danger
        error={deleteError}
        onClose={() => setConfirmDelete(false)}
        onConfirm={() => {
          changes.remove(message.id).then(
            () => setConfirmDelete(false),
            (failure: unknown) =>
              setDeleteError(failure instanceof Error ? failure.message : 'Could not delete'),
          );
        }}
      >
        It is deleted for everyone in the conversation; “Message deleted” stays in its place.
      </ConfirmDialog>
    </li>
  );
}

function waitingLabel(item: OutboxItem, held: boolean): string {
  if (held) return 'Waiting for the message above';
  return item.status === 'queued' ? 'Waiting for connection' : 'Sending';
}

export function PendingBubble({
  item,
  held,
  groupStart,
  groupEnd,
  onRetry,
  onDiscard,
}: {
  item: OutboxItem;
  /** Queued behind an earlier message that failed: it goes out after that one. */
  held: boolean;
  groupStart: boolean;
  groupEnd: boolean;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  const failed = item.status === 'failed';
  return (
    <li
      className={`msg msg-own is-pending${failed ? ' is-failed' : ''}${groupStart ? ' group-start' : ''}${groupEnd ? ' group-end' : ''}`}
      data-client-msg-id={item.client_msg_id}
    >
      <div className={`msg-bubble${textDirection(item.body_text) === 'rtl' ? ' is-rtl' : ''}`}>
        <span className="visually-hidden">You: </span>
        <MessageText text={item.body_text} />
        <span className="msg-meta">
          {failed ? (
            <span className="msg-failed-icon" role="img" aria-label="Not sent">
              <Icon name="alert" size={14} />
            </span>
          ) : (
            <span
              className="msg-clock"
              role="img"
              aria-label={waitingLabel(item, held)}
              title={waitingLabel(item, held)}
              data-status={item.status}
            >
              <Icon name="clock" size={14} />
            </span>
          )}
        </span>
      </div>
      {failed && (
        <div className="msg-failed" role="alert">
          <span>Failed{item.error ? `: ${item.error}` : ''} —</span>
          <button type="button" className="link-btn" onClick={onRetry}>
            Retry
          </button>
          <button type="button" className="link-btn muted" onClick={onDiscard}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
