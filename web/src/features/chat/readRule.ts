import type { Message } from '../../api/types';

/**
 * How far the read watermark may move: up to the highest message S such that every message
 * after `readSeq` up to S was seen (or is the user's own). A watermark says "everything up to
 * here", so it must not jump over a message that was never on screen. Null: no move.
 */
export function nextReadSeq(
  messages: readonly Pick<Message, 'seq' | 'sender_id'>[],
  readSeq: number,
  seen: ReadonlySet<number>,
  myId: string,
): number | null {
  let reached: number | null = null;
  for (const message of messages) {
    if (message.seq <= readSeq) continue;
    if (message.sender_id !== myId && !seen.has(message.seq)) break;
    reached = message.seq;
  }
  return reached;
}

/** The part of a message that must be on screen for it to count as seen. */
export const SEEN_FRACTION = 0.6;

/**
 * Whether an observed message counts as on screen: most of it inside the list's viewport, or,
 * for a message taller than the viewport, most of the viewport filled by it.
 */
export function isOnScreen(entry: {
  isIntersecting: boolean;
  intersectionRatio: number;
  intersectionRect: { height: number };
  rootBounds: { height: number } | null;
}): boolean {
  if (!entry.isIntersecting) return false;
  if (entry.intersectionRatio >= SEEN_FRACTION) return true;
  const rootHeight = entry.rootBounds?.height ?? 0;
  return rootHeight > 0 && entry.intersectionRect.height >= rootHeight * SEEN_FRACTION;
}
