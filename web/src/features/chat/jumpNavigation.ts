/** How another page asks the chat to open at a message: navigate to the conversation with this
 * state (a search result). */
export interface JumpState {
  jumpToSeq: number;
}

export function jumpState(seq: number): JumpState {
  return { jumpToSeq: seq };
}

/** The seq a navigation asked to show, if any (the state is whatever the history holds). */
export function jumpTargetOf(state: unknown): number | null {
  if (typeof state !== 'object' || state === null || !('jumpToSeq' in state)) return null;
  const seq = (state as JumpState).jumpToSeq;
  return typeof seq === 'number' && Number.isInteger(seq) && seq > 0 ? seq : null;
}
