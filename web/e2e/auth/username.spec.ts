import { expect, test, uniqueUsername } from '../fixtures';

test('username setup explains the rules and checks availability as you type', async ({
  signUp,
  browser,
}) => {
  const taken = await signUp('alice');
  const context = await browser.newContext();
  const page = await context.newPage();
  const name = uniqueUsername('dana');
  await page.goto('/login');
  await page.getByLabel('Name', { exact: true }).fill(`Dana ${name.slice(5)}`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/setup-username/);

  const field = page.getByRole('textbox', { name: 'Username' });
  const hint = page.locator('#username-hint');
  const submit = page.getByRole('button', { name: 'Continue' });
  await expect(page.getByText('3–32 characters')).toBeVisible();

  await field.fill('ab');
  await expect(hint).toHaveText('At least 3 characters.');
  await expect(submit).toBeDisabled();
  await field.fill('no spaces');
  await expect(hint).toHaveText('Use only lower-case letters a–z, digits 0–9 and _.');
  await field.fill('admin');
  await expect(hint).toHaveText('That name is reserved.');

  // Asked of the server while typing (GET /api/v1/users/{username}: 404 means free).
  await field.fill(taken.username);
  await expect(hint).toHaveText(`@${taken.username} is taken`);
  await expect(submit).toBeDisabled();
  await field.fill(name);
  await expect(hint).toHaveText(`@${name} is available`);
  await submit.click();
  await expect(page).toHaveURL(/\/app$/);
  await context.close();
});
