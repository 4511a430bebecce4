// Item 6 of issue #17: offline is detected at once, messages queue, and go out in order.
import {
  bubblesWithText,
  createGroupAndOpen,
  expect,
  messageLog,
  sendMessage,
  test,
} from '../fixtures';

test('offline at once, queued not failed, delivered in the order written', async ({ signUp }) => {
  test.setTimeout(90_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const title = `Tunnel ${alice.username.slice(-6)}`;
  await createGroupAndOpen(alice, title, [bob]);
  await sendMessage(alice, 'entering the tunnel');
  await expect(bubblesWithText(bob, 'entering the tunnel')).toHaveCount(1);

  // The browser goes offline: the banner says so at once (not after a heartbeat timeout).
  await alice.context.setOffline(true);
  const banner = alice.page.locator('[data-connection]');
  await expect(banner).toHaveAttribute('data-connection', 'offline', { timeout: 3_000 });
  await expect(banner).toContainText('Messages you send will go out when the connection is back');

  // Written offline: they wait, in order, and none of them fails.
  await sendMessage(alice, 'A: first in the tunnel');
  await sendMessage(alice, 'B: second in the tunnel');
  const waiting = messageLog(alice).getByRole('img', { name: 'Waiting for connection' });
  await expect(waiting).toHaveCount(2);
  await expect(messageLog(alice).getByRole('img', { name: 'Not sent' })).toHaveCount(0);
  // The banner floats over the chat rather than pushing the layout down.
  const position = await banner.evaluate((el) => getComputedStyle(el).position);
  expect(['absolute', 'fixed']).toContain(position);

  await alice.context.setOffline(false);
  await expect(banner).not.toHaveAttribute('data-connection', 'offline', { timeout: 20_000 });
  await expect(bubblesWithText(bob, 'B: second in the tunnel')).toHaveCount(1);
  const order = (await messageLog(bob).locator('li.msg .msg-text').allTextContents()).filter((t) =>
    t.includes('tunnel'),
  );
  expect(order).toEqual([
    'entering the tunnel',
    'A: first in the tunnel',
    'B: second in the tunnel',
  ]);
  await expect(
    messageLog(alice).getByRole('img', { name: /Waiting|Sending|Not sent/ }),
  ).toHaveCount(0);
});
