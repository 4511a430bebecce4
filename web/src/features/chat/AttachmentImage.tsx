import { useState } from 'react';
import type { Attachment } from '../../api/types';
import { ImageViewer } from './ImageViewer';
import { thumbnailBox } from './thumbnailBox';
import { useFileUrl } from './useFileUrl';

/** An image of a message: its thumbnail at its final size, opening full size when clicked. */
export function AttachmentImage({ attachment }: { attachment: Attachment }) {
  const thumbnail = useFileUrl(attachment.thumbnail_url);
  const [open, setOpen] = useState(false);
  const box = thumbnailBox(attachment);
  const label = attachment.name ? `Open ${attachment.name}` : 'Open image';
  return (
    <>
      <button
        type="button"
        className="msg-image"
        style={{ width: box.width, height: box.height }}
        aria-label={label}
        onClick={() => setOpen(true)}
      >
        {thumbnail.status === 'ready' && (
          <img
            src={thumbnail.url}
            alt={attachment.name || 'Image'}
            width={box.width}
            height={box.height}
          />
        )}
        {thumbnail.status === 'error' && <span className="msg-image-error">Image unavailable</span>}
      </button>
      {open && <ImageViewer attachment={attachment} onClose={() => setOpen(false)} />}
    </>
  );
}
