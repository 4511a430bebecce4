import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Message } from '../../api/types';

/** A request to show one message of the open conversation; `nonce` makes asking twice for the
 * same message count twice. */
export interface JumpRequest {
  seq: number;
  nonce: number;
}

const HIGHLIGHT_MS = 2_000;

interface JumpOptions {
  scrollRef: RefObject<HTMLDivElement | null>;
  request: JumpRequest | null;
  messages: readonly Message[];
  hasOlder: boolean;
  /** The list has made its first positioning (a jump must come after it, not be undone by it). */
  ready: boolean;
  loadUntil: (seq: number) => void;
  onDone: () => void;
}

/**
 * Takes the user to a message (a quoted original, a search result): loads older history until
 * it is there, scrolls it to the middle, moves focus onto it and highlights it briefly. Returns
 * the seq to highlight.
 */
export function useJumpToMessage(options: JumpOptions): number | null {
  const { scrollRef, request, messages, hasOlder, ready, loadUntil, onDone } = options;
  const [highlighted, setHighlighted] = useState<number | null>(null);
  const loadingFor = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (!request || !ready) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`li[data-seq="${request.seq}"]`);
    if (row) {
      row.scrollIntoView({ block: 'center' });
      row.focus({ preventScroll: true });
      setHighlighted(request.seq);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setHighlighted(null), HIGHLIGHT_MS);
      loadingFor.current = null;
      onDone();
      return;
    }
    const first = messages[0];
    const missingAbove = first !== undefined && first.seq > request.seq && hasOlder;
    if (!missingAbove) {
      // Not in the history this user may see (a hidden message): nowhere to go.
      loadingFor.current = null;
      onDone();
      return;
    }
    // Once per request and history edge: pages on their way bring the next edge (or the end).
    const attempt = `${request.nonce}:${first.seq}`;
    if (loadingFor.current === attempt) return;
    loadingFor.current = attempt;
    loadUntil(request.seq);
  }, [request, ready, messages, hasOlder, scrollRef, loadUntil, onDone]);

  useEffect(() => () => clearTimeout(timer.current), []);
  return highlighted;
}
