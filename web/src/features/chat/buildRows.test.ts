import { describe, expect, it } from 'vitest';
import { makeMessage } from '../../realtime/testing';
import { buildRows } from './buildRows';

describe('buildRows', () => {
  const at = (minute: number, day = 26) =>
    new Date(Date.UTC(2026, 10, day, 12, minute)).toISOString();

  it('groups consecutive messages, separates days and marks the first unread one', () => {
    const messages = [
      makeMessage(1, { sender_id: 'bob', created_at: at(0, 25) }),
      makeMessage(2, { sender_id: 'bob', created_at: at(0) }),
      makeMessage(3, { sender_id: 'bob', created_at: at(1) }),
      makeMessage(4, { sender_id: 'me', created_at: at(2) }),
    ];
    const rows = buildRows(messages, [], 'me', 2, new Date(at(30)));
    expect(rows.map((r) => r.kind)).toEqual([
      'day',
      'message',
      'day',
      'message',
      'unread',
      'message',
      'message',
    ]);
    const bubbles = rows.filter((r) => r.kind === 'message');
    // The unread marker breaks the group; the own message starts a new one.
    expect(bubbles.map((r) => [r.groupStart, r.groupEnd])).toEqual([
      [true, true],
      [true, true],
      [true, true],
      [true, true],
    ]);
  });

  it('hides an unsent message once its confirmed copy is in the history', () => {
    const sent = makeMessage(1, { sender_id: 'me', client_msg_id: 'cid-1' });
    const rows = buildRows(
      [sent],
      [
        {
          client_msg_id: 'cid-1',
          conversation_id: 'c1',
          body_text: 'x',
          created_at: sent.created_at,
          status: 'sending',
          error: null,
        },
        {
          client_msg_id: 'cid-2',
          conversation_id: 'c1',
          body_text: 'y',
          created_at: sent.created_at,
          status: 'queued',
          error: null,
        },
      ],
      'me',
      null,
    );
    expect(rows.filter((r) => r.kind !== 'day').map((r) => r.key)).toEqual([
      sent.id,
      'pending-cid-2',
    ]);
  });

  it('shows a system line on its own row that splits a run of bubbles', () => {
    const messages = [
      makeMessage(1, { sender_id: 'bob', created_at: at(0) }),
      makeMessage(2, {
        sender_id: 'bob',
        created_at: at(1),
        kind: 'system',
        body_text: 'bob added carol',
      }),
      makeMessage(3, { sender_id: 'bob', created_at: at(2) }),
    ];
    const rows = buildRows(messages, [], 'me', null, new Date(at(30)));
    expect(rows.map((r) => r.kind)).toEqual(['day', 'message', 'system', 'message']);
    const bubbles = rows.filter((r) => r.kind === 'message');
    expect(bubbles.map((r) => [r.groupStart, r.groupEnd])).toEqual([
      [true, true],
      [true, true],
    ]);
  });
});
