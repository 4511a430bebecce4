import {
  apiToken,
  bubblesWithText,
  conversationIdOf,
  createGroupAndOpen,
  expect,
  messageLog,
  sendMessage,
  test,
} from '../fixtures';

// Issue 12 / docs/protocol.md "Catching up after a reconnect": edits, deletions and reactions
// made while a client was offline reach it when it reconnects, through room.join's
// changes_after, without the history being downloaded again.
test('changes made while offline arrive after reconnecting, without reloading history', async ({
  signUp,
}) => {
  test.setTimeout(90_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  await createGroupAndOpen(alice, `Away ${alice.username.slice(-6)}`, [bob]);
  const id = conversationIdOf(alice.page);
  for (const text of ['to be edited', 'to be deleted', 'to be liked']) {
    await sendMessage(alice, text);
  }
  await bob.page.goto(`/app/c/${id}`);
  await expect(bubblesWithText(bob, 'to be liked')).toHaveCount(1);
  const idOf = async (text: string) =>
    (await messageLog(alice)
      .locator('li.msg', { hasText: text })
      .getAttribute('data-message-id')) ?? '';
  const [edited, deleted, liked] = [
    await idOf('to be edited'),
    await idOf('to be deleted'),
    await idOf('to be liked'),
  ];

  await bob.context.setOffline(true);
  await expect(bob.page.locator('[data-connection]')).toHaveAttribute('data-connection', 'offline');
  const token = await apiToken(alice);
  const headers = { Authorization: `Bearer ${token}` };
  const api = alice.context.request;
  expect(
    (
      await api.patch(`/api/v1/messages/${edited}`, { headers, data: { body_text: 'was edited' } })
    ).status(),
  ).toBe(200);
  expect((await api.delete(`/api/v1/messages/${deleted}`, { headers })).status()).toBe(204);
  expect(
    (
      await api.put(`/api/v1/messages/${liked}/reactions/${encodeURIComponent('👍')}`, { headers })
    ).status(),
  ).toBe(204);

  const historyLoads: string[] = [];
  bob.page.on('request', (request) => {
    if (/\/conversations\/[^/]+\/messages/.test(request.url())) historyLoads.push(request.url());
  });
  await bob.context.setOffline(false);
  await expect(bubblesWithText(bob, 'was edited')).toHaveCount(1, { timeout: 20_000 });
  await expect(messageLog(bob).getByText('Message deleted')).toHaveCount(1);
  await expect(messageLog(bob).getByRole('button', { name: `👍 1: ${alice.name}` })).toBeVisible();
  await expect(bubblesWithText(bob, 'to be deleted')).toHaveCount(0);
  expect(historyLoads).toEqual([]);
  expect(bob.pageErrors).toEqual([]);
});
