import { useEffect, useState } from 'react';
import { loadPrivateImage } from '../api/privateImages';
import { hueFor, initials } from '../lib/text';

interface AvatarProps {
  id: string;
  name: string;
  url?: string | null;
  size?: number;
}

/** A group's picture: members only, so read with the token (docs/api.md, "Uploads"). */
const GROUP_PICTURE = /^\/api\/v1\/conversations\/[0-9a-f-]{36}\/avatar\/[0-9a-f-]{36}$/;

/** A person's or group's picture, falling back to coloured initials. Decorative: names are shown beside it. */
export function Avatar({ id, name, url, size = 40 }: AvatarProps) {
  // The picture that failed to load, not a flag: a new picture gets its chance.
  const [broken, setBroken] = useState<string | null>(null);
  // Only pictures stored on this server: the CSP refuses any other host, and the server copies
  // sign-in providers' pictures rather than linking to them.
  const publicUrl = url?.startsWith('/api/v1/avatars/') ? url : null;
  const privateUrl = usePrivateImage(url && GROUP_PICTURE.test(url) ? url : null);
  const candidate = publicUrl ?? privateUrl;
  const imageUrl = candidate !== broken ? candidate : null;
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
        <img
          src={imageUrl}
          alt=""
          referrerPolicy="no-referrer"
          onError={() => setBroken(imageUrl)}
        />
      ) : (
        initials(name)
      )}
    </span>
  );
}

/** The blob: URL of private image `path` once loaded; null meanwhile, without one, or when it
 * cannot be read (initials then). */
function usePrivateImage(path: string | null): string | null {
  const [shown, setShown] = useState<{ path: string; url: string } | null>(null);
  useEffect(() => {
    if (!path) return;
    let current = true;
    loadPrivateImage(path).then(
      (url) => {
        if (current) setShown({ path, url });
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, [path]);
  return path && shown?.path === path ? shown.url : null;
}
