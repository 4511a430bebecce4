import type { ReplyPreview } from '../../api/types';
import { Icon } from '../../components/Icon';
import { quoteExcerpt } from './replyPreview';

interface ReplyBarProps {
  preview: ReplyPreview;
  author: string;
  onCancel: () => void;
}

/** Above the composer while writing a reply: what is being answered, and a way out (the
 * button, or Esc in the composer). */
export function ReplyBar({ preview, author, onCancel }: ReplyBarProps) {
  return (
    <div className="reply-bar" role="status" aria-label="Replying">
      <div className="reply-bar-quote">
        <span className="quote-author">Replying to {author}</span>
        <span className="quote-text">{quoteExcerpt(preview)}</span>
      </div>
      <button
        type="button"
        className="icon-btn reply-bar-cancel"
        aria-label="Cancel reply"
        title="Cancel reply (Esc)"
        onClick={onCancel}
      >
        <Icon name="close" size={16} />
      </button>
    </div>
  );
}
