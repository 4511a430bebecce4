import { useEffect, useRef, useState } from 'react';
import { EmojiPickerDialog } from './EmojiPickerDialog';
import { FREQUENT_EMOJIS } from './frequentEmojis';

interface MessageActionsProps {
  canEdit: boolean;
  canDelete: boolean;
  onReply: () => void;
  /** Opened by touch-and-hold: shown, with focus on the first action, until focus leaves. */
  held?: boolean;
  onHeldEnd?: () => void;
  onReact: (emoji: string) => void;
  onEdit: () => void;
  onDelete: () => void;
  /** Someone else's message: report it to the moderators (issue 18). */
  onReport?: () => void;
}

/** The actions of a message, shown while the pointer is over it or focus is inside it (CSS):
 * reply, react with a frequent emoji, edit one's own, delete (the sender, or a group admin). */
export function MessageActions(props: MessageActionsProps) {
  const [picking, setPicking] = useState(false);
  const [fullPicker, setFullPicker] = useState(false);
  // After picking from the full picker, focus goes back to "React" (the "+" it came from is gone).
  const reactButton = useRef<HTMLButtonElement>(null);
  const replyButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (props.held) replyButton.current?.focus();
  }, [props.held]);
  const refocus = useRef(false);
  useEffect(() => {
    if (!picking && refocus.current) {
      refocus.current = false;
      reactButton.current?.focus();
    }
  }, [picking]);
  return (
    <div
      className={`msg-actions${picking || fullPicker || props.held ? ' is-open' : ''}`}
      role="toolbar"
      aria-label="Message actions"
      onBlur={(event) => {
        if (props.held && !event.currentTarget.contains(event.relatedTarget)) props.onHeldEnd?.();
      }}
    >
      <button
        type="button"
        ref={replyButton}
        className="icon-btn"
        aria-label="Reply"
        onClick={props.onReply}
      >
        ↩︎
      </button>
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
          <button
            type="button"
            className="icon-btn"
            aria-label="More emojis"
            aria-haspopup="dialog"
            onClick={() => setFullPicker(true)}
          >
            +
          </button>
        </div>
      ) : (
        <button
          type="button"
          ref={reactButton}
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
      <EmojiPickerDialog
        open={fullPicker}
        onClose={() => setFullPicker(false)}
        onPick={(emoji) => {
          refocus.current = true;
          setPicking(false);
          props.onReact(emoji);
        }}
      />
    </div>
  );
}
