// Screenshots of the main screens at desktop and phone width, light and dark, for the docs.
import path from 'node:path';
import {
  bubblesWithText,
  createGroup,
  expect,
  openConversation,
  sendMessage,
  setDisplayName,
  test,
  uniqueUsername,
} from '../fixtures';

const outDir = path.join(import.meta.dirname, '..', 'screenshots');
const devices = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;
const schemes = ['light', 'dark'] as const;

test('screenshots of the main screens', async ({ signUp, browser }) => {
  test.setTimeout(180_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const carol = await signUp('carol');
  const devLoginName = alice.name;
  await setDisplayName(alice, 'Alice Martin');
  await setDisplayName(bob, 'Bob Chen');
  await setDisplayName(carol, 'Carol Diaz');
  const title = 'Weekend hike';
  await createGroup(alice, title, [bob, carol]);
  await openConversation(bob, title);
  await sendMessage(bob, 'Who is in for Saturday?');
  // Issue 18: what the admins did shows as lines in the timeline and in the details panel.
  await alice.page.getByRole('button', { name: 'Group details' }).click();
  const aliceDetails = alice.page.getByRole('complementary', { name: 'Details' });
  await aliceDetails.getByRole('button', { name: 'Edit' }).click();
  await aliceDetails
    .getByLabel('Description')
    .fill('Saturday hikes around the lakes. Plans and car shares here.');
  await aliceDetails.getByRole('button', { name: 'Save' }).click();
  // The group's picture, cut to a square from a photo (its own spec: groups/picture.spec.ts).
  const chooser = alice.page.waitForEvent('filechooser');
  await aliceDetails.getByRole('button', { name: 'Upload picture' }).click();
  await (await chooser).setFiles(path.join(import.meta.dirname, '..', 'images', 'harbour.jpg'));
  await expect(aliceDetails.getByRole('button', { name: 'Change picture' })).toBeVisible();
  await aliceDetails.getByRole('button', { name: 'Options for Bob Chen' }).click();
  await alice.page.getByRole('menuitem', { name: 'Make admin' }).click();
  await expect(aliceDetails.getByText('Admin')).toHaveCount(2);
  await alice.page.getByRole('button', { name: 'Close details' }).click();
  await openConversation(carol, title);
  await sendMessage(carol, '*Me!* Which trail?');
  await sendMessage(
    alice,
    '> Which trail?\nThe _ridge loop_, about `14 km`. Map: https://example.org/trails/ridge',
  );
  await sendMessage(alice, 'Start 8:30 at the north car park?');
  await sendMessage(bob, 'Works for me 👍 I will bring coffee.');
  await expect(bubblesWithText(alice, 'Works for me 👍 I will bring coffee.')).toHaveCount(1);

  for (const scheme of schemes) {
    for (const device of devices) {
      const shot = (name: string) => path.join(outDir, `web-${name}-${device.name}-${scheme}.png`);
      const context = await browser.newContext({ viewport: device.viewport, colorScheme: scheme });
      const page = await context.newPage();

      await page.goto('/login');
      await expect(page.getByLabel('Name', { exact: true })).toBeVisible();
      await page.screenshot({ path: shot('login') });

      // The same person as alice, signed in again in this fresh context.
      await page.getByLabel('Name', { exact: true }).fill(devLoginName);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(/\/app/);
      await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();
      // The group's picture is fetched with the token after the list shows: wait for it.
      await expect(page.locator('.conv-item .avatar img').first()).toHaveAttribute('src', /^blob:/);
      await page.screenshot({ path: shot('conversations') });

      await page.getByRole('link', { name: new RegExp(title) }).click();
      await expect(
        page
          .getByRole('log', { name: 'Messages' })
          .getByText('Works for me 👍 I will bring coffee.'),
      ).toBeVisible();
      await page.screenshot({ path: shot('chat') });

      await page.getByRole('button', { name: 'Group details' }).click();
      await expect(page.getByRole('complementary', { name: 'Details' })).toBeVisible();
      await expect(page.locator('.details-hero .avatar img')).toHaveAttribute('src', /^blob:/);
      await page.screenshot({ path: shot('group-details') });
      if (device.name === 'desktop') {
        const details = page.getByRole('complementary', { name: 'Details' });
        await details.getByRole('button', { name: 'Options for Carol Diaz' }).click();
        await expect(page.getByRole('menuitem', { name: 'Make admin' })).toBeVisible();
        await page.screenshot({ path: shot('group-member-menu') });
        await page.keyboard.press('Escape');
        await details.getByRole('button', { name: 'Edit' }).click();
        await expect(details.getByLabel('Description')).toBeVisible();
        await page.screenshot({ path: shot('group-edit') });
      }
      await context.close();
    }
  }

  // Username setup, for a brand-new person.
  const context = await browser.newContext({ viewport: devices[0].viewport });
  const page = await context.newPage();
  await page.goto('/login');
  const dana = uniqueUsername('dana');
  await page.getByLabel('Name', { exact: true }).fill(`Dana ${dana.slice(5, 9)}`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/setup-username/);
  await page.getByRole('textbox', { name: 'Username' }).fill(dana);
  await expect(page.locator('#username-hint')).toHaveText(/is available|checked when you continue/);
  await page.screenshot({ path: path.join(outDir, 'web-setup-username-desktop-light.png') });
  await context.close();
});
