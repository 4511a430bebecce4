// Item 7 of issue #17: the app opens without a network, to the cached chats and queued messages.
import {
  bubblesWithText,
  createGroupAndOpen,
  expect,
  messageLog,
  sendMessage,
  test,
} from '../fixtures';

test('reloading offline opens the app shell with the cached chat and queued messages', async ({
  signUp,
  server,
}) => {
  test.skip(!server.canRestart, 'needs a server the fixture can stop and start');
  test.setTimeout(120_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const title = `Offline ${alice.username.slice(-6)}`;
  await createGroupAndOpen(alice, title, [bob]);
  await sendMessage(bob, 'hi from Bob');
  await sendMessage(alice, 'cached before going offline');
  await expect(bubblesWithText(alice, 'hi from Bob')).toHaveCount(1);

  // Installable: a manifest with icons, and a service worker controlling the page.
  const manifest = await alice.page.evaluate(async () => {
    const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
    return (await fetch(href)).json();
  });
  expect(manifest).toMatchObject({ name: 'Natter', display: 'standalone', start_url: '/app' });
  expect(manifest.icons.some((i: { sizes: string }) => i.sizes === '512x512')).toBe(true);
  await alice.page.evaluate(() => navigator.serviceWorker.ready);
  await alice.page.reload();
  await expect(bubblesWithText(alice, 'cached before going offline')).toHaveCount(1);
  expect(await alice.page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

  // The offline copy holds the chat (it is written within a second of a change).
  await expect
    .poll(() =>
      alice.page.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith('natter.cache.'))
          .map((k) => localStorage.getItem(k))
          .join(''),
      ),
    )
    .toContain('cached before going offline');

  // No network at all: the browser is offline and the server is down.
  await alice.context.setOffline(true);
  await server.stop();
  await alice.page.reload();
  await expect(alice.page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await expect(bubblesWithText(alice, 'hi from Bob')).toHaveCount(1);
  await expect(alice.page.locator('[data-connection]')).toHaveAttribute(
    'data-connection',
    'offline',
  );
  await expect(
    alice.page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', {
      name: new RegExp(title),
    }),
  ).toBeVisible();

  // Written offline, kept across another offline reload, sent once the network is back.
  await sendMessage(alice, 'written with no network');
  await expect(messageLog(alice).getByRole('img', { name: 'Waiting for connection' })).toHaveCount(
    1,
  );
  await alice.page.reload();
  await expect(bubblesWithText(alice, 'written with no network')).toHaveCount(1);
  await expect(messageLog(alice).getByRole('img', { name: 'Waiting for connection' })).toHaveCount(
    1,
  );

  await server.start();
  await alice.context.setOffline(false);
  await expect(bubblesWithText(bob, 'written with no network')).toHaveCount(1, { timeout: 30_000 });
  await expect(messageLog(alice).getByRole('img', { name: /Waiting|Sending/ })).toHaveCount(0);
});
