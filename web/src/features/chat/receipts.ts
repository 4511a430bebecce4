import type { Receipt } from '../../api/types';

export type DeliveryStatus = 'sent' | 'delivered' | 'read';

/** Where one of my messages stands with everyone else in the conversation. */
export function deliveryStatus(
  seq: number,
  receipts: readonly Receipt[],
  myId: string,
): DeliveryStatus {
  const others = receipts.filter((r) => r.user_id !== myId);
  if (others.length === 0) return 'sent';
  if (others.every((r) => r.read_seq >= seq)) return 'read';
  if (others.every((r) => r.delivered_seq >= seq)) return 'delivered';
  return 'sent';
}

export function readersOf(seq: number, receipts: readonly Receipt[], myId: string): string[] {
  return receipts.filter((r) => r.user_id !== myId && r.read_seq >= seq).map((r) => r.user_id);
}
