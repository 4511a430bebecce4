import type { ReplyPreview } from '../../api/types';
import { quoteExcerpt } from './replyPreview';

interface QuotedMessageProps {
  preview: ReplyPreview;
  /** Who wrote the quoted message ("You" for one's own). */
  author: string;
  /** Scrolls to the original; without it the quote is not a control (a reply still waiting). */
  onOpen?: () => void;
}

/** The message a reply answers, shown on top of the reply: author and a one-line excerpt.
 * Pressing it jumps to the original in the history. */
export function QuotedMessage({ preview, author, onOpen }: QuotedMessageProps) {
  const excerpt = quoteExcerpt(preview);
  const body = (
    <>
      <span className="quote-author">{author}</span>
      <span className={`quote-text${preview.deleted ? ' is-deleted' : ''}`}>{excerpt}</span>
    </>
  );
  if (!onOpen) return <span className="quote">{body}</span>;
  return (
    <button
      type="button"
      className="quote"
      aria-label={`Reply to ${author}: ${excerpt}. Show the original message`}
      onClick={onOpen}
    >
      {body}
    </button>
  );
}
