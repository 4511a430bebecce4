import { useState } from 'react';
import { FREQUENT_EMOJIS } from './frequentEmojis';

interface MessageActionsProps {
  canEdit: boolean;
  canDelete: boolean;
  onReact: (emoji: string) => void;
  onEdit: () => void;
  onDelete: () => void;
  /** Someone else's message: report it to the moderators (issue 18). */
  onReport?: () => void;
}

/** The actions of a message, shown while the pointer is over it or focus is inside it (CSS):
 * react with a frequent emoji, edit one's own, delete (the sender, or a group admin). */
export function MessageActions(props: MessageActionsProps) {
  const [picking, setPicking] = useState(false);
  return (
    <div
      className={`msg-actions${picking ? ' is-open' : ''}`}
      role="toolbar"
      aria-label="Message actions"
    >
      {picking ? (
        <div className="emoji-quick" role="group" aria-label="React with">
          {FREQUENT_EMOJIS.map((emoji) => (
            <button
              type="button"
              key={emoji}
              className="icon-btn"
              aria-label={`React with ${emoji}`}
              onClick={() => {
                setPicking(false);
                props.onReact(emoji);
              }}
            >
              {emoji}
            </button>
          ))}
        </div>
      ) : (
        <button
          type="button"
          className="icon-btn"
          aria-label="React"
          onClick={() => setPicking(true)}
        >
          ☺
        </button>
      )}
      {props.canEdit && (
        <button type="button" className="icon-btn" aria-label="Edit" onClick={props.onEdit}>
          ✎
        </button>
      )}
      {props.onReport && (
        <button type="button" className="icon-btn" aria-label="Report" onClick={props.onReport}>
          ⚑
        </button>
      )}
      {props.canDelete && (
        <button type="button" className="icon-btn" aria-label="Delete" onClick={props.onDelete}>
          🗑
        </button>
      )}
    </div>
  );
}
