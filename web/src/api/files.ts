import { ApiError, NetworkError } from './client';
import { getAccessToken, refreshAccessToken } from './session';

// Uploaded files are private: an <img src> cannot send the bearer token, so the bytes are
// fetched here and shown through a blob: URL (the CSP allows blob: images).

async function fetchWithToken(path: string, token: string | null, signal?: AbortSignal) {
  try {
    return await fetch(path, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      credentials: 'include',
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
}

/** An object URL for the server file at `path` (e.g. an attachment's `thumbnail_url`). The
 * caller revokes it with URL.revokeObjectURL when done. */
export async function fetchFileUrl(path: string, signal?: AbortSignal): Promise<string> {
  let token = getAccessToken() ?? (await refreshAccessToken());
  let response = await fetchWithToken(path, token, signal);
  if (response.status === 401) {
    token = await refreshAccessToken();
    response = await fetchWithToken(path, token, signal);
  }
  if (!response.ok) throw new ApiError(response.status, 'http_' + response.status, 'Not available');
  return URL.createObjectURL(await response.blob());
}
