import { useState } from 'react';
import { hueFor, initials } from '../lib/text';

interface AvatarProps {
  id: string;
  name: string;
  url?: string | null;
  size?: number;
}

/** A person's or group's picture, falling back to coloured initials. Decorative: names are shown beside it. */
export function Avatar({ id, name, url, size = 40 }: AvatarProps) {
  const [broken, setBroken] = useState(false);
  // Server avatars (PUT /users/me/avatar) and, until provider pictures are copied, https ones.
  const showImage =
    url && (url.startsWith('/api/v1/avatars/') || url.startsWith('https://')) && !broken;
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{
        width: size,
        height: size,
        fontSize: Math.round(size * 0.38),
        // The theme picks lightness and text colour for this hue (readable in light and dark).
        ['--avatar-hue' as string]: hueFor(id),
      }}
    >
      {showImage ? (
        <img src={url} alt="" referrerPolicy="no-referrer" onError={() => setBroken(true)} />
      ) : (
        initials(name)
      )}
    </span>
  );
}
