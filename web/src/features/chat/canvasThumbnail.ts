const THUMBNAIL_SIDE = 320;

/** A thumbnail of `file` (at most 320 px on the long side) made in the browser, or null where
 * the browser cannot decode it; the server makes its own then. */
export async function canvasThumbnail(file: Blob): Promise<Blob | null> {
  if (typeof createImageBitmap !== 'function') return null;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, THUMBNAIL_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const type =
      file.type === 'image/png' || file.type === 'image/gif' ? 'image/png' : 'image/jpeg';
    return await new Promise((resolve) => canvas.toBlob(resolve, type, 0.82));
  } catch {
    return null;
  }
}
