import type { Receipt } from '../../api/types';

export type DeliveryStatus = 'sent' | 'delivered' | 'read';

/** Everyone else's watermarks; members without a receipt row yet count as nothing received. */
function othersOf(receipts: readonly Receipt[], myId: string, memberIds?: readonly string[]) {
  const ids = memberIds ?? receipts.map((r) => r.user_id);
  return ids
    .filter((id) => id !== myId)
    .map(
      (id) =>
        receipts.find((r) => r.user_id === id) ?? { user_id: id, delivered_seq: 0, read_seq: 0 },
    );
}

/** Where one of my messages stands with everyone else in the conversation. */
export function deliveryStatus(
  seq: number,
  receipts: readonly Receipt[],
  myId: string,
  memberIds?: readonly string[],
): DeliveryStatus {
  const others = othersOf(receipts, myId, memberIds);
  if (others.length === 0) return 'sent';
  if (others.every((r) => r.read_seq >= seq)) return 'read';
  if (others.every((r) => r.delivered_seq >= seq || r.read_seq >= seq)) return 'delivered';
  return 'sent';
}

export function readersOf(
  seq: number,
  receipts: readonly Receipt[],
  myId: string,
  memberIds?: readonly string[],
): string[] {
  return othersOf(receipts, myId, memberIds)
    .filter((r) => r.read_seq >= seq)
    .map((r) => r.user_id);
}
