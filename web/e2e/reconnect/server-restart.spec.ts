import {
  bubblesWithText,
  createGroupAndOpen,
  expect,
  messageLog,
  sendMessage,
  test,
  type Person,
} from '../fixtures';

function banner(person: Person) {
  return person.page.locator('[data-connection]');
}

async function texts(person: Person): Promise<string[]> {
  return messageLog(person).locator('li.msg .msg-text').allTextContents();
}

test('a server restart mid-conversation loses and doubles nothing', async ({ signUp, server }) => {
  test.skip(
    !server.canRestart,
    'The server is external and NATTER_E2E_STOP_CMD / NATTER_E2E_START_CMD are not set.',
  );
  test.setTimeout(120_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const title = `Restart ${alice.username.slice(-6)}`;
  await createGroupAndOpen(alice, title, [bob]);
  await sendMessage(alice, 'before the restart');
  await expect(bubblesWithText(bob, 'before the restart')).toHaveCount(1);

  await server.stop();
  for (const person of [alice, bob]) {
    await expect(banner(person)).toHaveAttribute('data-connection', 'offline');
    await expect(banner(person)).toContainText('Offline');
  }

  // Written while the server is down: they wait in the send queue, in order.
  await sendMessage(alice, 'while away 1');
  await sendMessage(alice, 'while away 2');
  await sendMessage(bob, 'bob while away');
  await expect(messageLog(alice).getByRole('img', { name: 'Waiting for connection' })).toHaveCount(
    2,
  );

  await server.start();

  // Both reconnect by themselves (no reload) and the queues drain.
  for (const person of [alice, bob]) {
    await expect(banner(person)).not.toHaveAttribute('data-connection', 'offline', {
      timeout: 45_000,
    });
  }
  for (const person of [alice, bob]) {
    for (const text of ['before the restart', 'while away 1', 'while away 2', 'bob while away']) {
      await expect(bubblesWithText(person, text)).toHaveCount(1, { timeout: 20_000 });
    }
    await expect(messageLog(person).getByRole('img', { name: /Waiting|Sending/ })).toHaveCount(0);
    const order = (await texts(person)).filter((t) => t.startsWith('while away'));
    expect(order).toEqual(['while away 1', 'while away 2']);
  }

  // And after a reload (from the server's history), still exactly once each.
  await bob.page.reload();
  for (const text of ['before the restart', 'while away 1', 'while away 2', 'bob while away']) {
    await expect(bubblesWithText(bob, text)).toHaveCount(1);
  }
});
