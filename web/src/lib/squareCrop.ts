const AVATAR_SIDE = 512;

/** The centre square of `file`, at most 512 px, as a PNG: avatars (a person's, a group's) are
 * shown in a circle, so the square that circle is cut from is what is uploaded. Null when the
 * browser cannot decode it. */
export async function squareCrop(file: Blob): Promise<Blob | null> {
  if (typeof createImageBitmap !== 'function') return null;
  try {
    const bitmap = await createImageBitmap(file);
    const side = Math.min(bitmap.width, bitmap.height);
    const target = Math.min(AVATAR_SIDE, side);
    const canvas = document.createElement('canvas');
    canvas.width = target;
    canvas.height = target;
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(
      bitmap,
      (bitmap.width - side) / 2,
      (bitmap.height - side) / 2,
      side,
      side,
      0,
      0,
      target,
      target,
    );
    bitmap.close();
    return await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  } catch {
    return null;
  }
}
