import {
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import type { User } from '../../api/types';
import { insertMention, mentionCandidates, mentionQueryAt } from '../../lib/mentions';

interface Options {
  members: readonly User[];
  myId: string;
  text: string;
  setText: (text: string) => void;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

export interface MentionAutocomplete {
  open: boolean;
  candidates: User[];
  active: number;
  listId: string;
  optionId: (index: number) => string;
  pick: (index: number) => void;
  /** Arrows, Enter/Tab and Esc while the list is open; true when the key was used. */
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** The caret moved (typing, clicks, arrow keys): call from onChange and onSelect. */
  noteCaret: () => void;
  /** Props for the text box (a combobox's list, as ARIA has it). */
  inputProps: {
    'aria-autocomplete': 'list';
    'aria-controls': string | undefined;
    'aria-activedescendant': string | undefined;
  };
}

/**
 * `@` autocomplete in the composer: typing `@` and the start of a name lists the members it
 * could be (username first, then display name); ↑/↓ move, Enter or Tab puts `@username ` in
 * the text, Esc closes the list until the next mention is started.
 */
export function useMentionAutocomplete(options: Options): MentionAutocomplete {
  const { members, myId, text, setText, inputRef } = options;
  const listId = useId();
  const [caret, setCaret] = useState<number | null>(null);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [selection, setSelection] = useState({ key: '', index: 0 });
  const pendingCaret = useRef<number | null>(null);

  const query = caret === null ? null : mentionQueryAt(text, caret);
  const candidates = query ? mentionCandidates(members, query.query, myId) : [];
  const open = query !== null && candidates.length > 0 && dismissedAt !== query.start;
  const key = query ? `${query.start}:${query.query}` : '';
  const active = selection.key === key ? Math.min(selection.index, candidates.length - 1) : 0;

  // After inserting a name, the caret goes right after it (once React has the new text).
  useLayoutEffect(() => {
    const el = inputRef.current;
    const at = pendingCaret.current;
    if (!el || at === null) return;
    pendingCaret.current = null;
    el.focus();
    el.setSelectionRange(at, at);
    setCaret(at);
  }, [text, inputRef]);

  const pick = (index: number) => {
    const user = candidates[index];
    if (!query || caret === null || !user?.username) return;
    const next = insertMention(text, query.start, caret, user.username);
    pendingCaret.current = next.caret;
    setText(next.text);
  };

  const optionId = (index: number) => `${listId}-${index}`;
  return {
    open,
    candidates,
    active,
    listId,
    optionId,
    pick,
    noteCaret: () => {
      const el = inputRef.current;
      const at = el && el.selectionStart === el.selectionEnd ? el.selectionStart : null;
      setCaret(at);
      // Esc holds for the mention it was pressed in; a new one (even at the same place) lists again.
      if (!el || at === null || mentionQueryAt(el.value, at) === null) setDismissedAt(null);
    },
    onKeyDown: (event) => {
      if (!open || event.nativeEvent.isComposing) return false;
      const count = candidates.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const step = event.key === 'ArrowDown' ? 1 : count - 1;
        setSelection({ key, index: (active + step) % count });
      } else if (event.key === 'Enter' || event.key === 'Tab') {
        pick(active);
      } else if (event.key === 'Escape') {
        setDismissedAt(query.start);
      } else {
        return false;
      }
      event.preventDefault();
      return true;
    },
    inputProps: {
      'aria-autocomplete': 'list',
      'aria-controls': open ? listId : undefined,
      'aria-activedescendant': open ? optionId(active) : undefined,
    },
  };
}
