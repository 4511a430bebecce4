// Issue #18 item 2: "New chat" starts a DM in one step; group previews say who wrote.
import { createGroup, expect, openConversation, sendMessage, test } from '../fixtures';

test('New chat opens a DM with the person picked, by keyboard', async ({ signUp }) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  await alice.page.getByRole('button', { name: 'New chat' }).click();
  const dialog = alice.page.getByRole('dialog', { name: 'New chat' });
  await dialog.getByLabel('Who do you want to talk to?').fill(bob.username);
  await expect(dialog.getByRole('option', { name: new RegExp(`@${bob.username}`) })).toBeVisible();
  await alice.page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await alice.page.waitForURL(/\/app\/c\/[0-9a-f-]+$/);
  await expect(alice.page.getByRole('heading', { name: bob.name, level: 1 })).toBeVisible();
  await sendMessage(alice, 'Found you in one step');
  await expect(
    bob.page.getByRole('navigation', { name: 'Conversations' }).getByText('Found you in one step'),
  ).toBeVisible();
});

test('a group preview names who wrote the last message', async ({ signUp }) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const title = `Preview ${alice.username.slice(-6)}`;
  await createGroup(alice, title, [bob]);
  await openConversation(bob, title);
  await sendMessage(bob, 'on my way');
  const firstName = bob.name.split(' ')[0];
  await expect(
    alice.page
      .getByRole('navigation', { name: 'Conversations' })
      .getByText(`${firstName}: on my way`),
  ).toBeVisible();
});
