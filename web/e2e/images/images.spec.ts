import path from 'node:path';
import { composer, expect, messageLog, openDmWith, test } from '../fixtures';

const photo = path.join(import.meta.dirname, 'harbour.jpg');

test('an image attached in one browser appears in the other, and opens full size', async ({
  signUp,
}) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  await openDmWith(alice, bob);
  await openDmWith(bob, alice);

  // Alice picks a real JPEG: it uploads with progress, then waits in the tray.
  await alice.page.getByTestId('attach-input').setInputFiles(photo);
  const tray = alice.page.getByRole('list', { name: 'Images to send' });
  await expect(tray.getByRole('img', { name: 'harbour.jpg' })).toBeVisible();
  await expect(tray.getByRole('progressbar')).toHaveCount(0, { timeout: 15_000 });
  await composer(alice).fill('The harbour this morning');
  await composer(alice).press('Enter');
  await expect(tray).toHaveCount(0);

  // Bob sees it live, in a box of the image's proportions (800 x 500 -> 320 x 200).
  const image = messageLog(bob).getByRole('button', { name: 'Open harbour.jpg' });
  await expect(image).toBeVisible();
  await expect(image).toHaveCSS('width', '320px');
  await expect(image).toHaveCSS('height', '200px');
  await expect(image.locator('img')).toBeVisible();
  await expect(messageLog(bob).getByText('The harbour this morning')).toBeVisible();
  await bob.page.screenshot({ path: '../docs/screenshots/web-image-message.png' });

  // Full size, closed with Escape.
  await image.click();
  const viewer = bob.page.getByRole('dialog', { name: 'harbour.jpg' });
  await expect(viewer.locator('img')).toBeVisible();
  await bob.page.screenshot({ path: '../docs/screenshots/web-image-viewer.png' });
  await bob.page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
});

test('a file that is not an image is refused with a clear reason', async ({ signUp }) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  await openDmWith(alice, bob);
  await alice.page.getByTestId('attach-input').setInputFiles({
    name: 'notes.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<html><script>alert(1)</script></html>'),
  });
  await expect(alice.page.getByRole('alert')).toHaveText(
    'Only JPEG, PNG, WebP and GIF images can be sent.',
  );
  await alice.page.getByRole('button', { name: 'Remove notes.png' }).click();
  await expect(alice.page.getByRole('list', { name: 'Images to send' })).toHaveCount(0);
});

test('a profile picture is cut to a circle and kept on the server', async ({ signUp }) => {
  const alice = await signUp('alice');
  await alice.page.getByRole('button', { name: /^Account:/ }).click();
  await alice.page.getByRole('menuitem', { name: 'Edit profile' }).click();
  const dialog = alice.page.getByRole('dialog', { name: 'Edit profile' });
  await dialog.getByLabel('Picture').setInputFiles(photo);
  const preview = dialog.locator('.avatar-crop img');
  await expect(preview).toBeVisible();
  await alice.page.screenshot({ path: '../docs/screenshots/web-avatar-crop.png' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  // The account button now shows the picture, loaded from this server.
  const avatar = alice.page.getByRole('button', { name: /^Account:/ }).locator('img');
  await expect(avatar).toHaveAttribute('src', /^\/api\/v1\/avatars\/[0-9a-f-]{36}$/);
  await expect
    .poll(() => avatar.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);

  // Taken away again: initials, as before.
  await alice.page.getByRole('button', { name: /^Account:/ }).click();
  await alice.page.getByRole('menuitem', { name: 'Edit profile' }).click();
  await dialog.getByRole('button', { name: 'Remove picture' }).click();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(avatar).toHaveCount(0);
});
