import {
  bubblesWithText,
  conversationIdOf,
  createGroup,
  expect,
  messageLog,
  postMessagesViaApi,
  test,
} from '../fixtures';

test('long history: new-messages marker, jump to latest, older pages load upward', async ({
  signUp,
}) => {
  test.setTimeout(120_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const title = `History ${alice.username.slice(-6)}`;
  await createGroup(bob, title, [alice]);
  const id = conversationIdOf(bob.page);

  const texts = Array.from({ length: 120 }, (_, i) => `history message ${i + 1}`);
  await postMessagesViaApi(bob, id, texts);

  // Alice comes in with 120 unread: the list says so, the chat opens at the marker.
  const sidebar = alice.page.getByRole('navigation', { name: 'Conversations' });
  await expect(sidebar.getByRole('link', { name: `${title}, 120 unread` })).toBeVisible();
  await sidebar.getByRole('link', { name: new RegExp(title) }).click();
  await expect(alice.page.getByText('New messages', { exact: true })).toBeVisible();

  // Not at the bottom: "jump to latest" takes her there.
  const jump = alice.page.getByRole('button', { name: 'Jump to latest messages' });
  await expect(jump).toBeVisible();
  await jump.click();
  await expect(bubblesWithText(alice, 'history message 120')).toBeInViewport();
  await expect(jump).toBeHidden();

  // Scrolling up loads older pages until the beginning.
  const log = messageLog(alice);
  await expect(async () => {
    await log.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(alice.page.getByText('This is the beginning of the conversation.')).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });
  await expect(bubblesWithText(alice, 'history message 1')).toHaveCount(1);
  await expect(log.locator('li.msg')).toHaveCount(120);
});
