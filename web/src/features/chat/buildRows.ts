import type { Message } from '../../api/types';
import { isSystemMessage } from '../../lib/systemLines';
import type { OutboxItem } from '../../realtime';
import { dayKey, formatDay, minutesBetween } from '../../lib/time';

export type Row =
  | { kind: 'day'; key: string; label: string }
  | { kind: 'unread'; key: string }
  | {
      kind: 'message';
      key: string;
      message: Message;
      own: boolean;
      groupStart: boolean;
      groupEnd: boolean;
    }
  | { kind: 'pending'; key: string; item: OutboxItem; groupStart: boolean; groupEnd: boolean }
  | { kind: 'system'; key: string; message: Message };

// Consecutive messages from one sender this close together share one header.
const GROUP_GAP_MINUTES = 5;

interface Entry {
  key: string;
  sender: string;
  at: string;
  row: Extract<Row, { kind: 'message' } | { kind: 'pending' } | { kind: 'system' }>;
}

/**
 * Turns history plus unsent messages into what the list shows: day separators, the "new
 * messages" marker before the first unread message from someone else, and grouping flags.
 */
export function buildRows(
  messages: readonly Message[],
  pending: readonly OutboxItem[],
  myId: string,
  unreadAfterSeq: number | null,
  now: Date = new Date(),
): Row[] {
  const confirmed = new Set(messages.map((m) => m.client_msg_id).filter(Boolean));
  const entries: Entry[] = [
    ...messages.map((message): Entry => {
      // A system line stands alone: it never joins a sender's run of bubbles.
      if (isSystemMessage(message))
        return {
          key: message.id,
          sender: `system:${message.id}`,
          at: message.created_at,
          row: { kind: 'system', key: message.id, message },
        };
      return {
        key: message.id,
        sender: message.sender_id,
        at: message.created_at,
        row: {
          kind: 'message',
          key: message.id,
          message,
          own: message.sender_id === myId,
          groupStart: true,
          groupEnd: true,
        },
      };
    }),
    ...pending
      .filter((item) => !confirmed.has(item.client_msg_id))
      .map((item) => ({
        key: `pending-${item.client_msg_id}`,
        sender: myId,
        at: item.created_at,
        row: {
          kind: 'pending' as const,
          key: `pending-${item.client_msg_id}`,
          item,
          groupStart: true,
          groupEnd: true,
        },
      })),
  ];

  const rows: Row[] = [];
  let previous: Entry | null = null;
  let markerPlaced = false;
  for (const entry of entries) {
    const newDay = !previous || dayKey(previous.at) !== dayKey(entry.at);
    if (newDay)
      rows.push({ kind: 'day', key: `day-${dayKey(entry.at)}`, label: formatDay(entry.at, now) });
    const isUnread =
      !markerPlaced &&
      unreadAfterSeq !== null &&
      entry.row.kind === 'message' &&
      entry.row.message.seq > unreadAfterSeq &&
      entry.sender !== myId;
    if (isUnread) {
      rows.push({ kind: 'unread', key: 'unread-marker' });
      markerPlaced = true;
    }
    const continues =
      previous !== null &&
      !newDay &&
      !isUnread &&
      previous.sender === entry.sender &&
      minutesBetween(previous.at, entry.at) <= GROUP_GAP_MINUTES;
    if (continues && previous && entry.row.kind !== 'system' && previous.row.kind !== 'system') {
      entry.row.groupStart = false;
      previous.row.groupEnd = false;
    }
    rows.push(entry.row);
    previous = entry;
  }
  return rows;
}
