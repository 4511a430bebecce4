// When the sign-in behind a tab ends elsewhere (logout from another device with this sign-in's
// cookie, revocation), the server closes the tab's socket with 4003 and the tab signs out.
import { createGroup, expect, test } from '../fixtures';

test('a sign-in ended through the logout API closes the socket with 4003 and signs the tab out', async ({
  signUp,
  browser,
  baseURL,
}) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  await createGroup(alice, `Ended ${alice.username.slice(-6)}`, [bob]);
  await alice.page.evaluate(() => localStorage.setItem('natter.draft.probe', 'old session'));

  // Record close codes where they survive the sign-out's page load (this tab's sessionStorage,
  // outside the app's `natter.` keys). The socket itself is the browser's own.
  await alice.context.addInitScript(() => {
    const Native = window.WebSocket;
    class Recording extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('close', (event) => {
          const codes = JSON.parse(sessionStorage.getItem('e2e.closeCodes') ?? '[]') as number[];
          sessionStorage.setItem('e2e.closeCodes', JSON.stringify([...codes, event.code]));
        });
      }
    }
    window.WebSocket = Recording;
  });
  await alice.page.reload();
  await expect(alice.page.getByRole('textbox', { name: 'Message' })).toBeEnabled();
  await expect(alice.page.locator('[data-connection]')).toHaveAttribute('data-connection', 'ok');

  // Another sign-in of the same user (another device) must stay signed in.
  const otherDevice = await browser.newContext();
  const other = await otherDevice.newPage();
  await other.goto('/login');
  await other.getByLabel('Name', { exact: true }).fill(alice.name);
  await other.getByRole('button', { name: 'Sign in', exact: true }).click();
  await other.waitForURL(/\/app$/);

  // Log this sign-in out from outside the tab: its cookie, no page involved (no BroadcastChannel).
  const logout = await alice.context.request.post('/api/v1/auth/logout', {
    headers: { Origin: baseURL! },
  });
  expect(logout.status()).toBe(204);

  await expect(alice.page).toHaveURL(/\/login\?ended=session$/);
  await expect(
    alice.page.getByRole('status').filter({ hasText: 'You have been signed out' }),
  ).toBeVisible();
  const left = await alice.page.evaluate(() => ({
    codes: JSON.parse(sessionStorage.getItem('e2e.closeCodes') ?? '[]') as number[],
    natterKeys: [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) =>
      k.startsWith('natter.'),
    ),
  }));
  expect(left.codes).toContain(4003);
  expect(left.natterKeys).toEqual([]);
  await alice.page.goto('/app');
  await expect(alice.page).toHaveURL(/\/login\?next=/);

  // The other device's sign-in is untouched.
  await expect(other.locator('[data-connection]')).toHaveAttribute('data-connection', 'ok');
  await other.reload();
  await expect(other).toHaveURL(/\/app$/);
  await otherDevice.close();
});
