import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Message } from '../../api/types';
import { isOnScreen, nextReadSeq } from './readRule';

interface ReadTrackingOptions {
  scrollRef: RefObject<HTMLElement | null>;
  messages: readonly Message[];
  myId: string;
  /** The read watermark when the conversation was opened. */
  readSeqAtOpen: number;
  /** Window focused and page visible. */
  active: boolean;
  /** False until the list has scrolled to where it opens. */
  ready: boolean;
  markRead: (message: Message) => void;
}

/**
 * Read means seen: watches which messages are on screen (IntersectionObserver on the list's
 * rows) while the window is active, and moves the read watermark over them only, never past
 * a message that was not shown.
 */
export function useReadTracking(options: ReadTrackingOptions): void {
  const { scrollRef, messages, myId, readSeqAtOpen, active, ready, markRead } = options;
  const onScreen = useRef(new Set<number>());
  const seen = useRef(new Set<number>());
  const readSeq = useRef(readSeqAtOpen);
  const [seenVersion, setSeenVersion] = useState(0);
  const activeRef = useRef(active);
  const observerRef = useRef<IntersectionObserver | null>(null);

  const noteSeen = (seqs: Iterable<number>) => {
    let grew = false;
    for (const seq of seqs) {
      if (!seen.current.has(seq)) {
        seen.current.add(seq);
        grew = true;
      }
    }
    if (grew) setSeenVersion((v) => v + 1);
  };

  useEffect(() => {
    activeRef.current = active && ready;
    if (active && ready) noteSeen(onScreen.current);
  }, [active, ready]);

  useEffect(() => {
    const root = scrollRef.current;
    if (!root || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        const appeared: number[] = [];
        for (const entry of entries) {
          const seq = Number((entry.target as HTMLElement).dataset.seq);
          if (isOnScreen(entry)) {
            onScreen.current.add(seq);
            appeared.push(seq);
          } else {
            onScreen.current.delete(seq);
          }
        }
        if (activeRef.current) noteSeen(appeared);
      },
      { root, threshold: [0, 0.25, 0.6, 1] },
    );
    observerRef.current = observer;
    return () => {
      observer.disconnect();
      observerRef.current = null;
    };
  }, [scrollRef]);

  // Observe rows as they appear (older pages, live messages); observing twice is harmless.
  useEffect(() => {
    const root = scrollRef.current;
    const observer = observerRef.current;
    if (!root || !observer) return;
    for (const row of root.querySelectorAll<HTMLElement>(
      // System lines too (issue 18): one nobody saw would hold the watermark back for good.
      'li.msg-other[data-seq], li.system-line[data-seq]',
    )) {
      observer.observe(row);
    }
  }, [scrollRef, messages]);

  useEffect(() => {
    const next = nextReadSeq(messages, readSeq.current, seen.current, myId);
    if (next === null) return;
    readSeq.current = next;
    const message = messages.find((m) => m.seq === next);
    if (message) markRead(message);
  }, [messages, myId, markRead, seenVersion]);
}
