// Invite links (issue #14): a group admin makes a link; a person who is signed out opens it in
// a browser of their own, sees what it leads to, signs in, picks a username and lands in the
// conversation. Revoked and unknown links say so plainly. Real server, real Chromium.
import path from 'node:path';
import { createGroup, expect, test, uniqueUsername } from '../fixtures';
import { seriousViolations } from '../support/axe';

const shots = path.join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');

test('a signed-out person joins a group from an invite link', async ({ signUp, browser }) => {
  test.setTimeout(120_000);
  const owner = await signUp('owner');
  const friend = await signUp('friend');
  await createGroup(owner, 'Book club', [friend]);
  const conversationUrl = owner.page.url();

  await owner.page.getByRole('button', { name: 'Group details' }).click();
  const details = owner.page.getByRole('complementary', { name: 'Details' });
  await details.getByLabel('Max uses').fill('5');
  await details.getByRole('button', { name: 'Create link' }).click();
  const links = details.getByRole('list', { name: 'Invite links' });
  await expect(links.getByRole('listitem')).toHaveCount(1);
  const url = (await links.locator('code').first().textContent()) ?? '';
  expect(url).toMatch(/\/invite\/[A-Za-z0-9_-]{32}$/);
  await expect(links).toContainText('0 of 5 uses');
  await owner.page.screenshot({ path: path.join(shots, 'web-invite-links.png') });

  // Someone who has never signed in, in a browser of their own.
  const guestContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const guest = await guestContext.newPage();
  const guestErrors: string[] = [];
  guest.on('pageerror', (error) => guestErrors.push(String(error)));
  await guest.goto(new URL(url).pathname);
  await expect(guest.getByRole('heading', { name: 'Book club' })).toBeVisible();
  await expect(guest.getByText('2 members')).toBeVisible();
  await guest.screenshot({ path: path.join(shots, 'web-invite-preview.png') });
  expect(await seriousViolations(guest)).toEqual([]);

  await guest.getByRole('link', { name: 'Sign in to join' }).click();
  await guest.waitForURL(/\/login\?next=/);
  const username = uniqueUsername('guest');
  await guest.getByLabel('Name', { exact: true }).fill(`Guest ${username}`);
  await guest.getByRole('button', { name: 'Sign in', exact: true }).click();
  await guest.waitForURL(/\/setup-username/);
  await guest.getByRole('textbox', { name: 'Username' }).fill(username);
  await expect(guest.locator('#username-hint')).toHaveText(
    new RegExp(`@${username} is available|checked when you continue`),
  );
  await guest.getByRole('button', { name: 'Continue' }).click();
  // Back at the invite, now signed in with a username: one click to join.
  await guest.waitForURL(/\/invite\//);
  await guest.getByRole('button', { name: 'Join Book club' }).click();
  await guest.waitForURL(new RegExp(`${new URL(conversationUrl).pathname}$`));
  await expect(guest.getByRole('heading', { name: 'Book club', level: 1 })).toBeVisible();

  // The owner sees the use counted and the new member.
  await owner.page.reload();
  await owner.page.getByRole('button', { name: 'Group details' }).click();
  await expect(
    owner.page.getByRole('complementary', { name: 'Details' }).getByText(`@${username}`),
  ).toBeVisible();
  await expect(
    owner.page.getByRole('list', { name: 'Invite links' }).getByText('1 of 5 uses'),
  ).toBeVisible();

  // Revoked: the link says so, plainly, to anyone who opens it.
  await owner.page.getByRole('button', { name: /^Revoke invite link/ }).click();
  await expect(owner.page.getByText('No invite links yet.')).toBeVisible();
  const late = await browser.newContext();
  const latePage = await late.newPage();
  await latePage.goto(new URL(url).pathname);
  await expect(latePage.getByRole('heading', { name: 'This invite cannot be used' })).toBeVisible();
  await expect(latePage.getByRole('alert')).toContainText('revoked');
  await latePage.screenshot({ path: path.join(shots, 'web-invite-revoked.png') });
  // A code that never existed.
  await latePage.goto('/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  await expect(latePage.getByRole('alert')).toContainText('does not exist');

  expect(guestErrors).toEqual([]);
  await guestContext.close();
  await late.close();
});
