// Issue 18 item 3: online / last seen in the DM header and the member list, from the server's
// socket state, and the privacy switch that hides it both ways.
import path from 'node:path';
import { createGroupAndOpen, expect, openDmWith, test } from '../fixtures';

test('a DM says when the other person is online or was last seen, unless they hide it', async ({
  signUp,
  browser,
}) => {
  const ana = await signUp('ana');
  const ben = await signUp('ben');
  await openDmWith(ana, ben);
  const subtitle = ana.page.locator('.chat-header .chat-subtitle');
  await expect(subtitle).toHaveText('online');

  // In a group's member list too.
  const group = `Crew ${ana.username.slice(-6)}`;
  await createGroupAndOpen(ana, group, [ben]);
  await ana.page.getByRole('button', { name: 'Group details' }).click();
  const details = ana.page.getByRole('complementary', { name: 'Details' });
  await expect(details.getByText(`@${ben.username} · online`)).toBeVisible();
  await ana.page.screenshot({
    path: path.join(
      import.meta.dirname,
      '..',
      'screenshots',
      'web-presence-members-desktop-light.png',
    ),
  });
  await ana.page.getByRole('button', { name: 'Close details' }).click();

  // Ben closes Natter: a little later he was "last seen just now".
  await openDmWith(ana, ben);
  await ben.page.goto('about:blank');
  await expect(subtitle).toHaveText('last seen just now', { timeout: 20_000 });

  // Ben comes back and hides his presence from the account menu: Ana sees none.
  const benAgain = await browser.newContext();
  const page = await benAgain.newPage();
  await page.goto('/login');
  await page.getByLabel('Name', { exact: true }).fill(ben.name);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/app/);
  await expect(subtitle).toHaveText('online', { timeout: 20_000 });
  await page.getByRole('button', { name: /^Account:/ }).click();
  const item = page.getByRole('menuitemcheckbox', { name: /Show when I'm online/ });
  await expect(item).toHaveAttribute('aria-checked', 'true');
  await item.click();
  await expect(subtitle).toHaveText(`@${ben.username}`);
  await benAgain.close();
});
