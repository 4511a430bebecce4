import { useEffect, useRef } from 'react';
import type { Attachment } from '../../api/types';
import { useFileUrl } from './useFileUrl';

/** The full-size image over the page; Escape, a click or the close button closes it. */
export function ImageViewer({
  attachment,
  onClose,
}: {
  attachment: Attachment;
  onClose: () => void;
}) {
  const file = useFileUrl(attachment.url);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      previous?.focus();
    };
  }, [onClose]);
  return (
    <div
      className="image-viewer"
      role="dialog"
      aria-modal="true"
      aria-label={attachment.name || 'Image'}
      onClick={onClose}
    >
      <button ref={closeButton} type="button" className="image-viewer-close" onClick={onClose}>
        Close
      </button>
      {file.status === 'ready' && (
        <img
          src={file.url}
          alt={attachment.name || 'Image'}
          width={attachment.width}
          height={attachment.height}
        />
      )}
      {file.status === 'error' && (
        <p className="image-viewer-error">This image could not be loaded.</p>
      )}
    </div>
  );
}
