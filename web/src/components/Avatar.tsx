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
  // Only pictures stored on this server: the CSP refuses any other host, and the server copies
  // sign-in providers' pictures rather than linking to them.
  const imageUrl = url?.startsWith('/api/v1/avatars/') && !broken ? url : null;
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
      {imageUrl ? (
        <img src={imageUrl} alt="" referrerPolicy="no-referrer" onError={() => setBroken(true)} />
      ) : (
        initials(name)
      )}
    </span>
  );
}
