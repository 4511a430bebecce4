import type { PendingImage } from './usePendingImages';

/** The images about to be sent: preview, upload progress, cancel, and why one failed. */
export function PendingImages({
  images,
  onRemove,
}: {
  images: PendingImage[];
  onRemove: (key: string) => void;
}) {
  if (images.length === 0) return null;
  return (
    <ul className="pending-images" aria-label="Images to send">
      {images.map((image) => (
        <li key={image.key} className={`pending-image is-${image.status}`}>
          <img src={image.preview} alt={image.name} />
          {image.status === 'uploading' && (
            <progress max={1} value={image.progress} aria-label={`Uploading ${image.name}`} />
          )}
          {image.status === 'failed' && (
            <span className="pending-image-error" role="alert">
              {image.error}
            </span>
          )}
          <button
            type="button"
            className="pending-image-remove"
            aria-label={
              image.status === 'uploading' ? `Cancel ${image.name}` : `Remove ${image.name}`
            }
            onClick={() => onRemove(image.key)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
