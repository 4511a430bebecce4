import { createGroup, expect, openConversation, sendMessage, test } from '../fixtures';

test('a group admin adds and removes members, and a member leaves', async ({ signUp }) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const carol = await signUp('carol');
  const title = `Club ${alice.username.slice(-6)}`;
  await createGroup(alice, title, [bob]);

  // Alice (admin) adds Carol from the group details; the group appears on Carol's side live.
  await alice.page.getByRole('button', { name: 'Group details' }).click();
  const details = alice.page.getByRole('complementary', { name: 'Details' });
  await details.getByLabel('Add members').fill(carol.username);
  await details.getByRole('option', { name: new RegExp(`@${carol.username}`) }).click();
  await details.getByRole('button', { name: /^Add/ }).click();
  await expect(details.getByText(`@${carol.username}`)).toBeVisible();
  await expect(details.getByRole('heading', { name: '3 members' })).toBeVisible();
  const carolSidebar = carol.page.getByRole('navigation', { name: 'Conversations' });
  await expect(carolSidebar.getByRole('link', { name: new RegExp(title) })).toBeVisible();

  // Bob is not an admin: no member options for him.
  await openConversation(bob, title);
  await bob.page.getByRole('button', { name: 'Group details' }).click();
  await expect(bob.page.getByRole('button', { name: /^Options for / })).toHaveCount(0);

  // Alice removes Bob from his options, after confirming.
  await details.getByRole('button', { name: `Options for ${bob.name}` }).click();
  await alice.page.getByRole('menuitem', { name: 'Remove from group' }).click();
  const confirm = alice.page.getByRole('dialog', { name: `Remove ${bob.name}?` });
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(details.getByText(`@${bob.username}`)).toHaveCount(0);
  await expect(
    bob.page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', {
      name: new RegExp(title),
    }),
  ).toHaveCount(0);

  // Carol leaves by herself and lands back on the conversation list.
  await openConversation(carol, title);
  await sendMessage(carol, 'bye for now');
  await carol.page.getByRole('button', { name: 'Group details' }).click();
  await carol.page.getByRole('button', { name: 'Leave group' }).click();
  await carol.page
    .getByRole('dialog', { name: 'Leave this group?' })
    .getByRole('button', { name: 'Leave' })
    .click();
  await expect(carol.page).toHaveURL(/\/app$/);
  await expect(carolSidebar.getByRole('link', { name: new RegExp(title) })).toHaveCount(0);
  await expect(details.getByRole('heading', { name: '1 member' })).toBeVisible();
});
