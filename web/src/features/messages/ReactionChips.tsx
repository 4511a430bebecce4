import type { Message } from '../../api/types';

interface ReactionChipsProps {
  message: Message;
  myId: string;
  nameOf: (userId: string) => string;
  onToggle: (emoji: string, add: boolean) => void;
}

/** One chip per emoji with its count; the names of who reacted on hover and for screen
 * readers; pressing one's own chip takes the reaction back, another's adds it. */
export function ReactionChips({ message, myId, nameOf, onToggle }: ReactionChipsProps) {
  const reactions = message.reactions ?? [];
  if (reactions.length === 0) return null;
  return (
    <div className="msg-reactions">
      {reactions.map((reaction) => {
        const mine = reaction.user_ids.includes(myId);
        const who = reaction.user_ids.map((id) => (id === myId ? 'You' : nameOf(id))).join(', ');
        return (
          <button
            type="button"
            key={reaction.emoji}
            className={`reaction-chip${mine ? ' is-mine' : ''}`}
            aria-pressed={mine}
            title={who}
            aria-label={`${reaction.emoji} ${reaction.user_ids.length}: ${who}`}
            onClick={() => onToggle(reaction.emoji, !mine)}
          >
            <span aria-hidden="true">{reaction.emoji}</span>
            <span className="reaction-count" aria-hidden="true">
              {reaction.user_ids.length}
            </span>
          </button>
        );
      })}
    </div>
  );
}
