import { fetchFileUrl } from './files';

// Images only members may see (a group's picture) need the bearer token, which an <img src>
// cannot send: they are fetched once and shown through blob: URLs. One picture shows in several
// places at once (the list, the chat header, the details), so the blob is shared by path. A
// path names one picture for good (a new picture gets a new path), so an entry never goes
// stale; the oldest are let go past a small number. Nothing needs forgetting at sign-out: a
// path is only ever shown when the signed-in account's own conversation names it.

const KEEP = 64;
const loaded = new Map<string, Promise<string>>();

/** A blob: URL of the private image at server path `path`; rejects when it cannot be read. */
export function loadPrivateImage(path: string): Promise<string> {
  const known = loaded.get(path);
  if (known) return known;
  const loading = fetchFileUrl(path);
  loaded.set(path, loading);
  // A failure is not remembered: the next showing tries again (a token renewed meanwhile).
  void loading.catch(() => loaded.delete(path));
  while (loaded.size > KEEP) {
    const [oldest, url] = loaded.entries().next().value as [string, Promise<string>];
    loaded.delete(oldest);
    void url.then(
      (blobUrl) => URL.revokeObjectURL(blobUrl),
      () => {},
    );
  }
  return loading;
}
