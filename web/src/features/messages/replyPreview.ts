import type { Message, ReplyPreview } from '../../api/types';

/** The server quotes the first 120 characters; a reply waiting in the outbox quotes the same. */
const PREVIEW_CHARS = 120;

/** The quote a reply carries before the server has stored it (the outbox's waiting bubble). */
export function replyPreviewOf(message: Message): ReplyPreview {
  return {
    id: message.id,
    seq: message.seq,
    sender_id: message.sender_id,
    body_preview: [...message.body_text].slice(0, PREVIEW_CHARS).join(''),
    deleted: message.deleted === true,
  };
}

/** One line of the quoted text: line breaks become spaces; an image-only message says so. */
export function quoteExcerpt(preview: ReplyPreview): string {
  if (preview.deleted) return 'Message deleted';
  const text = preview.body_preview.replace(/\s+/g, ' ').trim();
  return text === '' ? 'Photo' : text;
}

/** The quote as it should read now: the server's copy, unless the original is loaded here, whose
 * live state (edited, deleted since) wins. */
export function currentQuote(preview: ReplyPreview, original: Message | undefined): ReplyPreview {
  if (!original || original.id !== preview.id) return preview;
  return { ...replyPreviewOf(original), sender_id: preview.sender_id };
}

/** Who wrote a quoted message, as the quote names them. */
export function quoteAuthor(
  senderId: string | null,
  myId: string,
  nameOf: (userId: string) => string,
): string {
  if (senderId === null) return 'Deleted account';
  return senderId === myId ? 'You' : nameOf(senderId);
}
