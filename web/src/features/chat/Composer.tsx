import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { Icon } from '../../components/Icon';
import { messageLength } from '../../lib/messageLength';
import { MESSAGE_MAX } from '../../lib/text';
import { loadDraft, saveDraft } from './drafts';

const COUNTER_FROM = MESSAGE_MAX - 500;
const TYPING_RENEW_MS = 3_000;
const TYPING_IDLE_MS = 4_000;

interface ComposerProps {
  conversationId: string;
  onSend: (text: string) => void;
  onTyping: (typing: boolean) => void;
  disabledReason?: string | null;
  /** Up arrow in an empty composer: edit one's last message (as in Slack and Telegram). */
  onEditLast?: () => void;
  /** Esc in the composer (cancel a reply); true when it was used. */
  onEscape?: () => boolean;
  /** Images are ready to go: a blank text may be sent with them. */
  allowEmpty?: boolean;
  /** Controls before the text box (the attach button). */
  leading?: ReactNode;
}

export function Composer({
  conversationId,
  onSend,
  onTyping,
  disabledReason,
  onEditLast,
  onEscape,
  allowEmpty = false,
  leading,
}: ComposerProps) {
  const [text, setText] = useState(() => loadDraft(conversationId));
  const ref = useRef<HTMLTextAreaElement>(null);
  const typingSince = useRef<number | null>(null);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const trimmedLength = messageLength(text);
  const over = trimmedLength > MESSAGE_MAX;

  useEffect(() => {
    saveDraft(conversationId, text);
  }, [conversationId, text]);

  // Opening a chat puts the cursor where the user will type (from the list by Enter, a DM from
  // a profile, Ctrl+K). Not on a phone, where focusing pops up the keyboard over the messages.
  useEffect(() => {
    if (window.matchMedia?.('(min-width: 721px)').matches) ref.current?.focus();
    else document.getElementById('main')?.focus();
  }, [conversationId]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 180)}px`;
  }, [text]);

  const stopTyping = () => {
    clearTimeout(idleTimer.current);
    if (typingSince.current !== null) {
      typingSince.current = null;
      onTyping(false);
    }
  };

  // Stop the indicator when leaving the conversation.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => () => stopTyping(), [conversationId]);

  const noteTyping = (value: string) => {
    if (!value.trim()) {
      stopTyping();
      return;
    }
    const now = Date.now();
    if (typingSince.current === null || now - typingSince.current > TYPING_RENEW_MS) {
      typingSince.current = now;
      onTyping(true);
    }
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const send = () => {
    const body = text.trim();
    if ((!body && !allowEmpty) || over || disabledReason) return;
    onSend(body);
    setText('');
    stopTyping();
    ref.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && onEscape?.()) {
      event.preventDefault();
      return;
    }
    if (event.key === 'ArrowUp' && text === '' && onEditLast) {
      event.preventDefault();
      onEditLast();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {leading}
      <label htmlFor="composer-input" className="visually-hidden">
        Message
      </label>
      <textarea
        id="composer-input"
        ref={ref}
        className="composer-input"
        dir="auto"
        rows={1}
        placeholder={disabledReason ?? 'Write a message…'}
        disabled={Boolean(disabledReason)}
        value={text}
        aria-describedby="composer-help composer-count"
        aria-invalid={over}
        onChange={(e) => {
          setText(e.target.value);
          noteTyping(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={stopTyping}
      />
      <span id="composer-help" className="visually-hidden">
        Enter sends, Shift+Enter starts a new line.
      </span>
      {trimmedLength >= COUNTER_FROM && (
        <span
          id="composer-count"
          className={`composer-count${over ? ' is-over' : ''}`}
          aria-live="polite"
        >
          {over
            ? `${trimmedLength - MESSAGE_MAX} over the limit`
            : `${MESSAGE_MAX - trimmedLength} left`}
        </span>
      )}
      <button
        type="submit"
        className="composer-send"
        aria-label="Send message"
        disabled={(!trimmedLength && !allowEmpty) || over || Boolean(disabledReason)}
      >
        <Icon name="send" />
      </button>
    </form>
  );
}
