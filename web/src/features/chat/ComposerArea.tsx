import { useRef, useState } from 'react';
import { apiRequest, errorMessage } from '../../api/client';
import type { Conversation, Message, User } from '../../api/types';
import { Icon } from '../../components/Icon';
import { displayName } from '../../lib/text';
import type { ChatCommands } from '../../realtime';
import { useMe } from '../auth/useSession';
import { ReplyBar } from '../messages/ReplyBar';
import { quoteAuthor, replyPreviewOf } from '../messages/replyPreview';
import { useBlocks, useBlockToggle } from '../moderation/useBlocks';
import { Composer } from './Composer';
import { PendingImages } from './PendingImages';
import { usePendingImages } from './usePendingImages';

interface ComposerAreaProps {
  conversation: Conversation;
  peer: User | null;
  removed: boolean;
  commands: ChatCommands;
  /** The message being answered, if any. */
  replyTo: Message | null;
  onCancelReply: () => void;
  onEditLast?: () => void;
}

/**
 * What sits under the messages: the composer, or why there is none. The blocker of a DM gets
 * "You blocked Ben — Unblock" (the server refuses their sends); the blocked person sees a
 * normal composer (docs/protocol.md, "Blocks": they are not told). Someone removed from a
 * group keeps their typed text in a disabled composer under a notice.
 */
export function ComposerArea({
  conversation,
  peer,
  removed,
  commands,
  replyTo,
  onCancelReply,
  onEditLast,
}: ComposerAreaProps) {
  const blocks = useBlocks();
  const iBlockedPeer =
    conversation.type === 'dm' &&
    peer !== null &&
    (blocks.data?.users.some((u) => u.id === peer.id) ?? false);

  if (iBlockedPeer && peer) return <BlockedBar peer={peer} />;
  return (
    <ImageComposer
      conversation={conversation}
      commands={commands}
      removed={removed}
      replyTo={replyTo}
      onCancelReply={onCancelReply}
      onEditLast={onEditLast}
    />
  );
}

/** The composer with images: attach button, drop and paste, a tray of uploads. A message with
 * images goes over REST with `attachment_ids` (the server attaches them in the send's
 * transaction); a text-only message keeps the socket's outbox. */
function ImageComposer({
  conversation,
  commands,
  removed,
  replyTo,
  onCancelReply,
  onEditLast,
}: {
  conversation: Conversation;
  commands: ChatCommands;
  removed: boolean;
  replyTo: Message | null;
  onCancelReply: () => void;
  onEditLast?: () => void;
}) {
  const me = useMe();
  const nameOf = (id: string) => {
    const member = conversation.members?.find((m) => m.user.id === id);
    return member ? displayName(member.user) : 'Former member';
  };
  const pending = usePendingImages();
  const picker = useRef<HTMLInputElement>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const send = (text: string) => {
    const reply = replyTo ? replyPreviewOf(replyTo) : null;
    onCancelReply();
    if (pending.ready.length === 0) {
      commands.send(text, reply);
      return;
    }
    const ids = pending.ready.map((image) => image.attachment?.id ?? '');
    setSendError(null);
    apiRequest(`/conversations/${conversation.id}/messages`, {
      method: 'POST',
      body: {
        body_text: text,
        attachment_ids: ids,
        client_msg_id: crypto.randomUUID(),
        ...(reply ? { reply_to_id: reply.id } : {}),
      },
    }).then(
      () => pending.clear(),
      (error: unknown) => setSendError(errorMessage(error)),
    );
  };
  return (
    <div
      className="composer-area"
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) event.preventDefault();
      }}
      onDrop={(event) => {
        if (event.dataTransfer.files.length === 0) return;
        event.preventDefault();
        pending.add(event.dataTransfer.files);
      }}
      onPaste={(event) => {
        if (event.clipboardData.files.length === 0) return;
        event.preventDefault();
        pending.add(event.clipboardData.files);
      }}
    >
      {removed && (
        <p className="composer-notice" role="status">
          {conversation.type === 'group'
            ? 'You were removed from this group.'
            : 'You are no longer in this conversation.'}
        </p>
      )}
      {replyTo && (
        <ReplyBar
          preview={replyPreviewOf(replyTo)}
          author={quoteAuthor(replyTo.sender_id, me.id, nameOf)}
          onCancel={() => {
            onCancelReply();
            document.getElementById('composer-input')?.focus();
          }}
        />
      )}
      <PendingImages images={pending.images} onRemove={pending.remove} />
      {sendError && (
        <p className="composer-notice" role="alert">
          {sendError}
        </p>
      )}
      <input
        ref={picker}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif"
        multiple
        hidden
        data-testid="attach-input"
        onChange={(event) => {
          if (event.target.files) pending.add(event.target.files);
          event.target.value = '';
        }}
      />
      <Composer
        conversationId={conversation.id}
        onSend={send}
        onEditLast={onEditLast}
        onEscape={
          replyTo
            ? () => {
                onCancelReply();
                return true;
              }
            : undefined
        }
        onTyping={commands.setTyping}
        disabledReason={removed ? 'You can no longer send messages here' : null}
        allowEmpty={pending.ready.length > 0 && !pending.uploading}
        leading={
          <button
            type="button"
            className="composer-attach"
            aria-label="Attach images"
            disabled={removed}
            onClick={() => picker.current?.click()}
          >
            <Icon name="plus" />
          </button>
        }
      />
    </div>
  );
}

function BlockedBar({ peer }: { peer: User }) {
  const unblock = useBlockToggle(peer.username ?? '');
  return (
    <div className="composer-blocked" role="status">
      <span>You blocked {displayName(peer)}</span>
      <span aria-hidden="true">—</span>
      <button
        type="button"
        className="link-btn"
        disabled={unblock.isPending}
        onClick={() => unblock.mutate(false)}
      >
        Unblock
      </button>
      {unblock.isError && (
        <span className="composer-blocked-error" role="alert">
          {errorMessage(unblock.error)}
        </span>
      )}
    </div>
  );
}
