import type { Member, Receipt } from '../../api/types';

export type DeliveryStatus = 'sent' | 'delivered' | 'read';

/** A member's three numbers for one conversation (docs/protocol.md, "Receipts"). */
export interface Watermark {
  user_id: string;
  delivered_seq: number;
  read_seq: number;
  joined_seq: number;
}

/**
 * Everyone else's watermarks. A member without a receipt row yet has received nothing; their
 * joined_seq comes from the receipt, else from the member list.
 */
export function othersOf(
  receipts: readonly Receipt[],
  myId: string,
  members?: readonly Pick<Member, 'user' | 'joined_seq'>[],
): Watermark[] {
  const ids = members ? members.map((m) => m.user.id) : receipts.map((r) => r.user_id);
  return ids
    .filter((id) => id !== myId)
    .map((id) => {
      const receipt = receipts.find((r) => r.user_id === id);
      const member = members?.find((m) => m.user.id === id);
      return {
        user_id: id,
        delivered_seq: receipt?.delivered_seq ?? 0,
        read_seq: receipt?.read_seq ?? 0,
        joined_seq: receipt?.joined_seq ?? member?.joined_seq ?? 0,
      };
    });
}

/** The rule every client applies: only someone who was there when it was sent can have it. */
export function wasThere(w: Watermark, seq: number): boolean {
  return seq > w.joined_seq;
}
export function hasRead(w: Watermark, seq: number): boolean {
  return wasThere(w, seq) && w.read_seq >= seq;
}
export function hasDelivered(w: Watermark, seq: number): boolean {
  return wasThere(w, seq) && (w.delivered_seq >= seq || w.read_seq >= seq);
}

/**
 * Where one of my messages stands with the people who were members when I sent it. Someone
 * added later neither holds it back nor counts towards it.
 */
export function deliveryStatus(
  seq: number,
  receipts: readonly Receipt[],
  myId: string,
  members?: readonly Pick<Member, 'user' | 'joined_seq'>[],
): DeliveryStatus {
  const audience = othersOf(receipts, myId, members).filter((w) => wasThere(w, seq));
  if (audience.length === 0) return 'sent';
  if (audience.every((w) => hasRead(w, seq))) return 'read';
  if (audience.every((w) => hasDelivered(w, seq))) return 'delivered';
  return 'sent';
}

/** Who has seen this message: never someone who joined after it. */
export function readersOf(
  seq: number,
  receipts: readonly Receipt[],
  myId: string,
  members?: readonly Pick<Member, 'user' | 'joined_seq'>[],
): string[] {
  return othersOf(receipts, myId, members)
    .filter((w) => hasRead(w, seq))
    .map((w) => w.user_id);
}
