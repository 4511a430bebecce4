// Item 8 of issue #17: removed from a group while looking at it.
import { composer, createGroupAndOpen, expect, test } from '../fixtures';

test('someone removed while viewing is told so, and keeps what they were typing', async ({
  signUp,
}) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const cara = await signUp('cara');
  const title = `Removal ${alice.username.slice(-6)}`;
  await createGroupAndOpen(alice, title, [bob, cara]);
  await expect(bob.page.getByText('3 members')).toBeVisible();
  await composer(bob).fill('half a thought I did not send');

  await alice.page.getByRole('button', { name: 'Group details' }).click();
  const details = alice.page.getByRole('complementary', { name: 'Details' });
  await details.getByRole('button', { name: `Options for ${bob.name}` }).click();
  await alice.page.getByRole('menuitem', { name: 'Remove from group' }).click();
  await alice.page
    .getByRole('dialog', { name: `Remove ${bob.name}?` })
    .getByRole('button', { name: 'Remove' })
    .click();

  await expect(bob.page.getByText('You were removed from this group.')).toBeVisible();
  await expect(bob.page.getByText('3 members')).toHaveCount(0);
  await expect(composer(bob)).toBeDisabled();
  await expect(composer(bob)).toHaveValue('half a thought I did not send');
  await expect(bob.page.getByRole('button', { name: 'Send message' })).toBeDisabled();
  await expect(bob.page.getByText('Conversation not found')).toHaveCount(0);
  await expect(
    bob.page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', {
      name: new RegExp(title),
    }),
  ).toHaveCount(0);
});
