import { useSyncExternalStore } from 'react';

/** Whether message search is open, and in which conversation it was opened (null: from
 * outside any conversation). Any screen opens it; the dialog lives once in the app shell. */
export interface SearchRequest {
  open: boolean;
  /** The conversation it was opened from; searched alone unless "All conversations" is chosen. */
  conversationId: string | null;
  /** Opened to search everywhere (Ctrl+Shift+F, the sidebar's button). */
  everywhere: boolean;
  /** Tells two openings apart, so the dialog starts afresh each time. */
  serial: number;
}

let state: SearchRequest = { open: false, conversationId: null, everywhere: true, serial: 0 };
const listeners = new Set<() => void>();

function set(next: SearchRequest): void {
  state = next;
  for (const listener of listeners) listener();
}

export function openMessageSearch(conversationId: string | null, everywhere: boolean): void {
  set({ open: true, conversationId, everywhere, serial: state.serial + 1 });
}

export function closeMessageSearch(): void {
  if (state.open) set({ ...state, open: false });
}

export function useSearchRequest(): SearchRequest {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
