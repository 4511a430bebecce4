import { API_BASE, ApiError, NetworkError } from './client';
import { getAccessToken, refreshAccessToken } from './session';
import type { Attachment, Conversation, User } from './types';

/** What the server refuses, in words for people (docs/api.md, "Uploads"). */
export function uploadErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 413) return 'This image is too large (at most 10 MB).';
    if (error.status === 415) return 'Only JPEG, PNG, WebP and GIF images can be sent.';
    if (error.status === 429) return 'Too many uploads at once; try again in a moment.';
    return error.message;
  }
  if (error instanceof NetworkError) return 'The upload did not reach the server.';
  return 'The upload failed.';
}

function post(
  method: 'POST' | 'PUT',
  path: string,
  body: Blob,
  token: string | null,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, `${API_BASE}${path}`);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', body.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.onabort = () => reject(new DOMException('Cancelled', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/** Sends `body` to an upload route with progress; renews the token once after a 401. */
async function sendFile<T>(
  method: 'POST' | 'PUT',
  path: string,
  body: Blob,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<T> {
  let answer = await post(
    method,
    path,
    body,
    getAccessToken() ?? (await refreshAccessToken()),
    onProgress,
    signal,
  );
  if (answer.status === 401) {
    answer = await post(method, path, body, await refreshAccessToken(), onProgress, signal);
  }
  if (answer.status < 200 || answer.status >= 300) {
    let code = 'http_' + answer.status;
    let message = 'The upload failed.';
    try {
      const parsed = JSON.parse(answer.text) as { error?: { code: string; message: string } };
      if (parsed.error) ({ code, message } = parsed.error);
    } catch {
      // Not JSON: keep the generic text.
    }
    throw new ApiError(answer.status, code, message);
  }
  return JSON.parse(answer.text) as T;
}

/** Uploads an image (the file itself as the body, streamed by the server to disk). */
export function uploadImage(
  file: File,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
): Promise<Attachment> {
  return sendFile<Attachment>(
    'POST',
    `/uploads?name=${encodeURIComponent(file.name || 'image')}`,
    file,
    onProgress,
    signal,
  );
}

/** Replaces the server's thumbnail of `id` with one made here (the server checks it). */
export function uploadThumbnail(
  id: string,
  thumbnail: Blob,
  signal: AbortSignal,
): Promise<Attachment> {
  return sendFile<Attachment>('POST', `/uploads/${id}/thumbnail`, thumbnail, () => {}, signal);
}

/** Sets the caller's avatar from an image (the server keeps it; avatar_url points at it). */
export function uploadAvatar(image: Blob, signal: AbortSignal): Promise<User> {
  return sendFile<User>('PUT', '/users/me/avatar', image, () => {}, signal);
}

/** Sets a group's picture (admins only; the server keeps it; the group's avatar_url points at
 * it, readable by its members). */
export function uploadGroupAvatar(
  conversationId: string,
  image: Blob,
  signal: AbortSignal,
): Promise<Conversation> {
  return sendFile<Conversation>(
    'PUT',
    `/conversations/${encodeURIComponent(conversationId)}/avatar`,
    image,
    () => {},
    signal,
  );
}
