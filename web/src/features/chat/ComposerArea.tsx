import { errorMessage } from '../../api/client';
import type { Conversation, User } from '../../api/types';
import { displayName } from '../../lib/text';
import type { ChatCommands } from '../../realtime';
import { useBlocks, useBlockToggle } from '../moderation/useBlocks';
import { Composer } from './Composer';

interface ComposerAreaProps {
  conversation: Conversation;
  peer: User | null;
  removed: boolean;
  commands: ChatCommands;
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
  onEditLast,
}: ComposerAreaProps) {
  const blocks = useBlocks();
  const iBlockedPeer =
    conversation.type === 'dm' &&
    peer !== null &&
    (blocks.data?.users.some((u) => u.id === peer.id) ?? false);

  if (iBlockedPeer && peer) return <BlockedBar peer={peer} />;
  return (
    <>
      {removed && (
        <p className="composer-notice" role="status">
          {conversation.type === 'group'
            ? 'You were removed from this group.'
            : 'You are no longer in this conversation.'}
        </p>
      )}
      <Composer
        conversationId={conversation.id}
        onSend={commands.send}
        onEditLast={onEditLast}
        onTyping={commands.setTyping}
        disabledReason={removed ? 'You can no longer send messages here' : null}
      />
    </>
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
