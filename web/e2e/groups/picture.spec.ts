import path from 'node:path';
import { createGroupAndOpen, expect, messageLog, test, type Person } from '../fixtures';
import { seriousViolations } from '../support/axe';

const photo = path.join(import.meta.dirname, '..', 'images', 'harbour.jpg');

async function openDetails(person: Person) {
  const details = person.page.getByRole('complementary', { name: 'Details' });
  if (!(await details.isVisible()))
    await person.page.getByRole('button', { name: 'Group details' }).click();
  return details;
}

/** The group's picture wherever it shows: the chat list, the chat header, the details. */
function pictures(person: Person, title: string) {
  const row = person.page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('link', { name: new RegExp(`^${title}`) });
  return {
    list: row.locator('.avatar'),
    header: person.page.locator('header.chat-header .avatar'),
    details: person.page
      .getByRole('complementary', { name: 'Details' })
      .locator('.details-hero .avatar'),
  };
}

/** A picture that has loaded: decoded pixels, square (cut from the middle before uploading). */
async function expectLoadedSquare(avatar: ReturnType<typeof pictures>['list']) {
  const image = avatar.locator('img');
  await expect(image).toHaveAttribute('src', /^blob:/);
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  const size = await image.evaluate((img: HTMLImageElement) => [
    img.naturalWidth,
    img.naturalHeight,
  ]);
  expect(size[0]).toBe(size[1]);
}

test('a group admin sets the picture, the other member sees it at once, a member cannot', async ({
  signUp,
}) => {
  const ana = await signUp('ana');
  const ben = await signUp('ben');
  const title = `Harbour trip ${ana.username.slice(-6)}`;
  await createGroupAndOpen(ana, title, [ben]);

  // Ben is a member, not an admin: he sees the group's initials and has no picture controls.
  const benDetails = await openDetails(ben);
  await expect(benDetails.getByRole('button', { name: /picture/i })).toHaveCount(0);
  const benSees = pictures(ben, title);
  for (const avatar of [benSees.list, benSees.header, benSees.details]) {
    await expect(avatar).toHaveText('HT');
    await expect(avatar.locator('img')).toHaveCount(0);
  }

  // Ana, the admin, picks a photo: it is cut to a square and uploaded at once.
  const anaDetails = await openDetails(ana);
  await expect(anaDetails.getByRole('button', { name: 'Remove picture' })).toHaveCount(0);
  const chooser = ana.page.waitForEvent('filechooser');
  await anaDetails.getByRole('button', { name: 'Upload picture' }).click();
  await (await chooser).setFiles(photo);
  await expect(anaDetails.getByRole('button', { name: 'Change picture' })).toBeVisible();
  const anaSees = pictures(ana, title);
  for (const avatar of [anaSees.list, anaSees.header, anaSees.details])
    await expectLoadedSquare(avatar);
  const changed = `${ana.name} changed the group picture`;
  await expect(messageLog(ana).locator('li.system-line').last()).toHaveText(changed);
  expect(await seriousViolations(ana.page)).toEqual([]);

  // Ben's page follows without a reload: the line in the timeline, the picture everywhere.
  await expect(messageLog(ben).locator('li.system-line').last()).toHaveText(changed);
  for (const avatar of [benSees.list, benSees.header, benSees.details])
    await expectLoadedSquare(avatar);
  await expect(benDetails.getByRole('button', { name: /picture/i })).toHaveCount(0);

  // Ana removes it: initials again on both pages.
  await anaDetails.getByRole('button', { name: 'Remove picture' }).click();
  await expect(anaDetails.getByRole('button', { name: 'Upload picture' })).toBeVisible();
  await expect(messageLog(ben).locator('li.system-line').last()).toHaveText(
    `${ana.name} removed the group picture`,
  );
  for (const avatar of [benSees.list, benSees.header, benSees.details, anaSees.header]) {
    await expect(avatar.locator('img')).toHaveCount(0);
    await expect(avatar).toHaveText('HT');
  }
});

test('a file that is not an image is refused in the group settings', async ({ signUp }) => {
  const ana = await signUp('ana');
  const ben = await signUp('ben');
  await createGroupAndOpen(ana, `Notes ${ana.username.slice(-6)}`, [ben]);
  const details = await openDetails(ana);
  const chooser = ana.page.waitForEvent('filechooser');
  await details.getByRole('button', { name: 'Upload picture' }).click();
  await (
    await chooser
  ).setFiles({
    name: 'notes.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'),
  });
  await expect(details.getByRole('alert')).toHaveText(
    'Only JPEG, PNG, WebP and GIF images can be used.',
  );
  await expect(details.getByRole('button', { name: 'Remove picture' })).toHaveCount(0);
});
