import { describe, expect, it } from 'vitest';
import type { Message } from '../../api/types';
import { currentQuote, quoteExcerpt, replyPreviewOf } from './replyPreview';

const message = (body: string, extra: Partial<Message> = {}): Message => ({
  id: 'm1',
  conversation_id: 'c1',
  seq: 7,
  sender_id: 'u1',
  body_text: body,
  created_at: '2026-01-01T00:00:00Z',
  client_msg_id: null,
  ...extra,
});

describe('replyPreviewOf', () => {
  it('quotes the first 120 characters, counted as the server counts them (code points)', () => {
    const preview = replyPreviewOf(message('😀'.repeat(130)));
    expect([...preview.body_preview]).toHaveLength(120);
    expect(preview).toMatchObject({ id: 'm1', seq: 7, sender_id: 'u1', deleted: false });
  });
});

describe('quoteExcerpt', () => {
  it('puts a multi-line message on one line', () => {
    expect(quoteExcerpt(replyPreviewOf(message('first\n\nsecond  line')))).toBe(
      'first second line',
    );
  });
  it('says a deleted original was deleted, whatever text came with it', () => {
    expect(
      quoteExcerpt({ id: 'm', seq: 1, sender_id: null, body_preview: '', deleted: true }),
    ).toBe('Message deleted');
  });
  it('names an image-only message', () => {
    expect(quoteExcerpt(replyPreviewOf(message('', { attachments: [] })))).toBe('Photo');
  });
});

describe('currentQuote', () => {
  const stored = replyPreviewOf(message('See you at noon'));
  it('keeps the server quote when the original is not loaded', () => {
    expect(currentQuote(stored, undefined)).toBe(stored);
  });
  it('follows a loaded original that was deleted or edited since', () => {
    const deleted = message('', { deleted: true, rev: 3 });
    expect(quoteExcerpt(currentQuote(stored, deleted))).toBe('Message deleted');
    const edited = message('See you at one', { rev: 4, edited_at: '2026-01-01T00:01:00Z' });
    expect(quoteExcerpt(currentQuote(stored, edited))).toBe('See you at one');
  });
});
