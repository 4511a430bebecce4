// Item 9 of issue #17: signing out in one tab signs out every tab, and closes their sockets.
import { createGroup, expect, openConversation, test } from '../fixtures';

test('signing out in one tab signs out the other and closes its socket', async ({ signUp }) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const title = `Tabs ${alice.username.slice(-6)}`;
  await createGroup(alice, title, [bob]);

  // A second tab of Alice's, in the same browser, with a live socket.
  const second = await alice.context.newPage();
  const sockets: { closed: boolean }[] = [];
  second.on('websocket', (ws) => {
    const state = { closed: false };
    sockets.push(state);
    ws.on('close', () => (state.closed = true));
  });
  await second.goto('/app');
  await openConversation({ ...alice, page: second }, title);
  await expect.poll(() => sockets.length).toBeGreaterThan(0);
  await expect(second.getByRole('textbox', { name: 'Message' })).toBeEnabled();

  await alice.page.getByRole('button', { name: /^Account:/ }).click();
  await alice.page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(alice.page).toHaveURL(/\/login$/);

  // The other tab follows by itself: signed out, its socket closed, nothing left to send with.
  await expect(second).toHaveURL(/\/login/);
  await expect(second.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
  await expect.poll(() => sockets.every((s) => s.closed)).toBe(true);
  await second.goto('/app');
  await expect(second).toHaveURL(/\/login\?next=/);
  await second.close();
});
