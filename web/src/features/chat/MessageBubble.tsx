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
import { QuotedMessage } from '../messages/QuotedMessage';
import { currentQuote, quoteAuthor } from '../messages/replyPreview';
import { ReactionChips } from '../messages/ReactionChips';
import { useLongPress } from '../messages/useLongPress';
import { useMessageChanges } from '../messages/useMessageChanges';
import '../messages/messages.css';
import '../mentions/mentions.css';
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
  /** The username of a user the page knows, for highlighting `@mentions`. */
  usernameOf: (userId: string) => string | null;
  editing: boolean;
  onEditingChange: (editing: boolean) => void;
  onReply: () => void;
  /** Scrolls to another message of the conversation (the one a reply quotes). */
  onJumpTo: (seq: number) => void;
  /** Just jumped to: shown highlighted for a moment. */
  highlighted: boolean;
  /** The message this one replies to, when it is loaded (its current state wins). */
  quotedOriginal: Message | undefined;
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
  const mentions = { users: mentionedUsers(message, props.usernameOf), myId: props.myId };
  // On a phone, touch-and-hold opens the actions.
  const [held, setHeld] = useState(false);
  const longPress = useLongPress(() => setHeld(true));
  return (
    <li
      className={`msg ${own ? 'msg-own' : 'msg-other'}${groupStart ? ' group-start' : ''}${groupEnd ? ' group-end' : ''}${props.highlighted ? ' is-highlighted' : ''}`}
      data-seq={message.seq}
      data-message-id={message.id}
      tabIndex={-1}
    >
      {!own && (
        <span className="msg-avatar">
          {groupEnd && (
            <Avatar id={message.sender_id} name={name} url={sender?.avatar_url} size={32} />
          )}
        </span>
      )}
      <div
        className={`msg-bubble${textDirection(message.body_text) === 'rtl' ? ' is-rtl' : ''}`}
        {...longPress}
      >
        {!own && props.showSender && groupStart && <span className="msg-sender">{name}</span>}
        {own ? (
          <span className="visually-hidden">You: </span>
        ) : (
          !(props.showSender && groupStart) && <span className="visually-hidden">{name}: </span>
        )}
        {message.reply_to && !deleted && (
          <QuotedMessage
            preview={currentQuote(message.reply_to, props.quotedOriginal)}
            author={quoteAuthor(message.reply_to.sender_id, props.myId, props.nameOf)}
            onOpen={() => props.onJumpTo(message.reply_to?.seq ?? 0)}
          />
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
            {message.body_text !== '' && (
              <MessageText text={message.body_text} mentions={mentions} />
            )}
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
          onReply={props.onReply}
          held={held}
          onHeldEnd={() => setHeld(false)}
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

/** Lower-case username → id of the users the server found mentioned in the message. */
function mentionedUsers(
  message: Message,
  usernameOf: (userId: string) => string | null,
): Map<string, string> {
  const users = new Map<string, string>();
  for (const id of message.mentions ?? []) {
    const username = usernameOf(id);
    if (username) users.set(username.toLowerCase(), id);
  }
  return users;
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
  quoteAuthorName,
}: {
  item: OutboxItem;
  /** Who wrote the message this one replies to. */
  quoteAuthorName: string;
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
        {item.reply_to && <QuotedMessage preview={item.reply_to} author={quoteAuthorName} />}
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
