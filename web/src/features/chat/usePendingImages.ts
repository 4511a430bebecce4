import { useCallback, useEffect, useRef, useState } from 'react';
import { uploadErrorText, uploadImage, uploadThumbnail } from '../../api/uploads';
import type { Attachment } from '../../api/types';
import { canvasThumbnail } from './canvasThumbnail';

export const MAX_IMAGES = 10;
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
const MAX_BYTES = 10 * 1024 * 1024;

export interface PendingImage {
  key: string;
  name: string;
  /** A blob: URL of the local file, for the preview. */
  preview: string;
  progress: number;
  status: 'uploading' | 'ready' | 'failed';
  attachment?: Attachment;
  error?: string;
}

/** Images picked, dropped or pasted into the composer: each uploads at once, with progress,
 * and can be removed (cancelling its upload) until the message is sent. */
export function usePendingImages() {
  const [images, setImages] = useState<PendingImage[]>([]);
  const aborts = useRef(new Map<string, AbortController>());

  const update = (key: string, change: Partial<PendingImage>) =>
    setImages((list) => list.map((image) => (image.key === key ? { ...image, ...change } : image)));

  const add = useCallback((files: Iterable<File>) => {
    const picked = [...files].filter((file) => file.type.startsWith('image/') || file.type === '');
    for (const file of picked) {
      const key = crypto.randomUUID();
      const image: PendingImage = {
        key,
        name: file.name || 'image',
        preview: URL.createObjectURL(file),
        progress: 0,
        status: 'uploading',
      };
      // Refused here already when the browser can tell; the server checks again.
      if (!ACCEPTED.includes(file.type)) {
        image.status = 'failed';
        image.error = 'Only JPEG, PNG, WebP and GIF images can be sent.';
      } else if (file.size > MAX_BYTES) {
        image.status = 'failed';
        image.error = 'This image is too large (at most 10 MB).';
      }
      setImages((list) => (list.length >= MAX_IMAGES ? list : [...list, image]));
      if (image.status === 'failed') continue;
      const abort = new AbortController();
      aborts.current.set(key, abort);
      uploadImage(file, (progress) => update(key, { progress }), abort.signal)
        .then(async (attachment) => {
          update(key, { status: 'ready', progress: 1, attachment });
          const thumbnail = await canvasThumbnail(file);
          if (thumbnail)
            await uploadThumbnail(attachment.id, thumbnail, abort.signal).catch(() => {});
        })
        .catch((error: unknown) => {
          if (abort.signal.aborted) return;
          update(key, { status: 'failed', error: uploadErrorText(error) });
        })
        .finally(() => aborts.current.delete(key));
    }
  }, []);

  const remove = useCallback((key: string) => {
    aborts.current.get(key)?.abort();
    setImages((list) => {
      const gone = list.find((image) => image.key === key);
      if (gone) URL.revokeObjectURL(gone.preview);
      return list.filter((image) => image.key !== key);
    });
  }, []);

  const clear = useCallback(() => {
    setImages((list) => {
      for (const image of list) URL.revokeObjectURL(image.preview);
      return [];
    });
  }, []);

  useEffect(() => {
    const running = aborts.current;
    return () => {
      for (const abort of running.values()) abort.abort();
    };
  }, []);

  const ready = images.filter((image) => image.status === 'ready' && image.attachment);
  const uploading = images.some((image) => image.status === 'uploading');
  return { images, ready, uploading, add, remove, clear };
}
