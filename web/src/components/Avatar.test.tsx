import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Avatar } from './Avatar';

const group = '0b6f3c2e-8d1a-4f8e-9c55-2a7d3e4f5a6b';
const pictureOf = (id: string) => `/api/v1/conversations/${group}/avatar/${id}`;
let fetched: string[] = [];

beforeEach(() => {
  fetched = [];
  // jsdom has neither network nor object URLs: a picture's bytes are its path; "deadbeef" is gone.
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      fetched.push(path);
      if (path.includes('/auth/refresh')) return new Response('{}', { status: 401 });
      if (path.includes('deadbeef')) return new Response('{}', { status: 404 });
      return new Response(new Blob([path], { type: 'image/png' }));
    }),
  );
  URL.createObjectURL = vi.fn(() => `blob:${fetched.length}`);
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('Avatar', () => {
  it("shows a group's private picture through one shared blob: URL", async () => {
    const url = pictureOf('11111111-2222-4333-8444-555555555555');
    const { container } = render(
      <>
        <Avatar id={group} name="Book club" url={url} />
        <Avatar id={group} name="Book club" url={url} size={72} />
      </>,
    );
    // Initials until the bytes are in.
    expect(container.textContent).toBe('BCBC');
    await waitFor(() => expect(container.querySelectorAll('img')).toHaveLength(2));
    for (const img of container.querySelectorAll('img'))
      expect(img.getAttribute('src')).toMatch(/^blob:/);
    expect(fetched.filter((path) => path === url)).toHaveLength(1);
  });

  it('keeps the initials when the picture cannot be read', async () => {
    const url = pictureOf('deadbeef-0000-4000-8000-000000000000');
    const { container } = render(<Avatar id={group} name="Book club" url={url} />);
    await waitFor(() => expect(fetched).toContain(url));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('BC');
  });

  it('shows public avatars directly and never loads pictures from elsewhere', () => {
    const { container } = render(
      <>
        <Avatar id="u1" name="Ana" url="/api/v1/avatars/abc" />
        <Avatar id="u2" name="Ben" url="https://tracker.example/ben.png" />
      </>,
    );
    const images = container.querySelectorAll('img');
    expect(images).toHaveLength(1);
    expect(images[0]!.getAttribute('src')).toBe('/api/v1/avatars/abc');
    expect(fetched).toHaveLength(0);
  });
});
