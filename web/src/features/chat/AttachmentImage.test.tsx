import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Attachment } from '../../api/types';
import { AttachmentImage } from './AttachmentImage';
import { thumbnailBox } from './thumbnailBox';

const photo: Attachment = {
  id: 'a1',
  content_type: 'image/jpeg',
  size: 1234,
  width: 1200,
  height: 800,
  url: '/api/v1/uploads/a1',
  thumbnail_url: '/api/v1/uploads/a1/thumbnail',
  name: 'beach.jpg',
};

beforeEach(() => {
  // jsdom has neither network nor object URLs: answer the two file requests with bytes.
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) =>
      path.includes('/auth/refresh')
        ? new Response('{}', { status: 401 })
        : new Response(new Blob([path], { type: 'image/jpeg' })),
    ),
  );
  URL.createObjectURL = vi.fn((blob: Blob) => `blob:${blob.size}`);
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('AttachmentImage', () => {
  it('takes its final size before the thumbnail loads', () => {
    expect(thumbnailBox(photo)).toEqual({ width: 320, height: 213 });
    expect(thumbnailBox({ width: 100, height: 50 })).toEqual({ width: 100, height: 50 });
    render(<AttachmentImage attachment={photo} />);
    const box = screen.getByRole('button', { name: 'Open beach.jpg' });
    expect(box.style.width).toBe('320px');
    expect(box.style.height).toBe('213px');
  });

  it('opens full size and closes with Escape', async () => {
    const { container } = render(<AttachmentImage attachment={photo} />);
    await waitFor(() => expect(container.querySelector('.msg-image img')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: 'Open beach.jpg' }));
    const viewer = screen.getByRole('dialog', { name: 'beach.jpg' });
    expect(viewer).toBeTruthy();
    await waitFor(() => expect(viewer.querySelector('img')).toBeTruthy());
    expect(fetch).toHaveBeenCalledWith('/api/v1/uploads/a1', expect.anything());
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
