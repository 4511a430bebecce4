import { describe, expect, it } from 'vitest';
import { deliveryStatus, readersOf } from './receipts';

const member = (id: string, joined_seq = 0) => ({ user: { id } as never, joined_seq });

describe('deliveryStatus', () => {
  const receipts = [
    { user_id: 'me', delivered_seq: 9, read_seq: 9 },
    { user_id: 'bob', delivered_seq: 5, read_seq: 3 },
    { user_id: 'carol', delivered_seq: 5, read_seq: 5 },
  ];
  it('is read only when every other member read it', () => {
    expect(deliveryStatus(3, receipts, 'me')).toBe('read');
    expect(deliveryStatus(4, receipts, 'me')).toBe('delivered');
    expect(deliveryStatus(6, receipts, 'me')).toBe('sent');
  });
  it('counts a member without a receipt row as not having received anything', () => {
    const members = ['me', 'bob', 'carol', 'dave'].map((id) => member(id));
    expect(deliveryStatus(3, receipts, 'me', members)).toBe('sent');
  });
  it('leaves out members who joined after the message: they neither hold it back nor count', () => {
    const withCara = [
      ...receipts,
      { user_id: 'cara', delivered_seq: 8, read_seq: 8, joined_seq: 8 },
    ];
    expect(deliveryStatus(3, withCara, 'me')).toBe('read');
    // Only Cara was there for seq 9 and she has not got it.
    const late = [{ user_id: 'cara', delivered_seq: 8, read_seq: 8, joined_seq: 8 }];
    expect(deliveryStatus(9, late, 'me')).toBe('sent');
    expect(deliveryStatus(5, late, 'me')).toBe('sent');
  });
  it('says delivered only from the delivered watermark, which the recipient client moves', () => {
    const offline = [{ user_id: 'bob', delivered_seq: 2, read_seq: 2, joined_seq: 0 }];
    expect(deliveryStatus(3, offline, 'me')).toBe('sent');
  });
});

describe('readersOf', () => {
  it('never names someone for a message from before they joined', () => {
    const receipts = [
      { user_id: 'bob', delivered_seq: 10, read_seq: 10, joined_seq: 0 },
      { user_id: 'cara', delivered_seq: 10, read_seq: 10, joined_seq: 7 },
    ];
    expect(readersOf(5, receipts, 'me')).toEqual(['bob']);
    expect(readersOf(8, receipts, 'me')).toEqual(['bob', 'cara']);
  });
  it('takes joined_seq from the member list when the receipt has none', () => {
    const receipts = [{ user_id: 'cara', delivered_seq: 10, read_seq: 10 }];
    expect(readersOf(5, receipts, 'me', [member('me'), member('cara', 7)])).toEqual([]);
  });
  it('never names the author', () => {
    expect(readersOf(1, [{ user_id: 'me', delivered_seq: 5, read_seq: 5 }], 'me')).toEqual([]);
  });
});
