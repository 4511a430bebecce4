import type { Attachment } from '../../api/types';

const MAX_SIDE = 320;

/** The box an image takes in the timeline, from its known size: no jump when it loads. */
export function thumbnailBox(attachment: Pick<Attachment, 'width' | 'height'>) {
  const scale = Math.min(1, MAX_SIDE / Math.max(attachment.width, attachment.height, 1));
  return {
    width: Math.max(1, Math.round(attachment.width * scale)),
    height: Math.max(1, Math.round(attachment.height * scale)),
  };
}
