import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest } from './client';
import { acceptTokens, clearSession, getSessionSnapshot } from './session';

const user = {
  id: 'u1',
  username: 'alice',
  display_name: 'Alice',
  avatar_url: null,
  created_at: '2026-11-26T09:00:00.000Z',
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('apiRequest', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
    acceptTokens({ access_token: 'old', expires_in: 900, user });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    clearSession();
  });

  it('renews the access token with the refresh cookie after a 401 and retries once', async () => {
    fetchMock
      .mockResolvedValueOnce(json(401, { error: { code: 'unauthorized', message: 'expired' } }))
      .mockResolvedValueOnce(json(200, { access_token: 'new', expires_in: 900, user }))
      .mockResolvedValueOnce(json(200, { ok: true }));

    await expect(apiRequest('/me')).resolves.toEqual({ ok: true });

    const [first, refresh, retry] = fetchMock.mock.calls;
    expect(new Headers(first![1]!.headers).get('Authorization')).toBe('Bearer old');
    expect(refresh![0]).toBe('/api/v1/auth/refresh');
    expect(refresh![1]!.credentials).toBe('include');
    expect(new Headers(retry![1]!.headers).get('Authorization')).toBe('Bearer new');
  });

  it('shares one refresh between concurrent requests that all got a 401', async () => {
    let refreshes = 0;
    fetchMock.mockImplementation(async (input, init) => {
      if (input === '/api/v1/auth/refresh') {
        refreshes += 1;
        return json(200, { access_token: 'new', expires_in: 900, user });
      }
      const auth = new Headers(init?.headers).get('Authorization');
      return auth === 'Bearer new' ? json(200, {}) : json(401, { error: { code: 'unauthorized' } });
    });
    await Promise.all([apiRequest('/a'), apiRequest('/b'), apiRequest('/c')]);
    expect(refreshes).toBe(1);
  });

  it('signs out when the refresh cookie is no longer accepted', async () => {
    fetchMock
      .mockResolvedValueOnce(json(401, { error: { code: 'unauthorized', message: 'expired' } }))
      .mockResolvedValueOnce(json(401, { error: { code: 'unauthorized', message: 'revoked' } }));
    await expect(apiRequest('/me')).rejects.toBeInstanceOf(ApiError);
    expect(getSessionSnapshot()).toEqual({ status: 'anonymous', user: null });
  });

  it('reports validation errors with their fields', async () => {
    fetchMock.mockResolvedValueOnce(
      json(400, {
        error: {
          code: 'validation_failed',
          message: 'Invalid',
          fields: { username: 'too short' },
        },
      }),
    );
    const error = await apiRequest('/users/me/username', {
      method: 'PUT',
      body: { username: 'a' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fields).toEqual({ username: 'too short' });
  });
});
