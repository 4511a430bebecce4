import { expect, test } from '../fixtures';

test('the session survives a reload, and signing out ends it', async ({ signUp }) => {
  const alice = await signUp('alice');
  const page = alice.page;

  // The access token lives in memory only: a reload renews it through the refresh cookie.
  await page.goto(`/u/${alice.username}`);
  await expect(page.getByText('This is you.')).toBeVisible();
  await page.reload();
  await expect(page.getByText('This is you.')).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('token');

  await page.getByRole('button', { name: /^Account:/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);

  // A deep link now asks for sign-in, and comes back to it afterwards.
  await page.goto(`/u/${alice.username}`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('Name', { exact: true }).fill(alice.name);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/u/${alice.username}$`));
  await expect(page.getByText('This is you.')).toBeVisible();
});
