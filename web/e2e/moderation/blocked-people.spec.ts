// Issue #18 item 2: the people I blocked are listed in the account menu, each with Unblock.
import { blockFromDmDetails, expect, openDmWith, sendMessage, test } from '../fixtures';

test('blocked people can be found again and unblocked from the account menu', async ({
  signUp,
}) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  await openDmWith(alice, bob);
  await sendMessage(alice, 'hello');
  await blockFromDmDetails(alice, bob);

  await alice.page.getByRole('button', { name: /^Account:/ }).click();
  await alice.page.getByRole('menuitem', { name: 'Blocked people' }).click();
  const dialog = alice.page.getByRole('dialog', { name: 'Blocked people' });
  await expect(dialog.getByRole('listitem')).toHaveCount(1);
  await expect(dialog.getByText(`@${bob.username}`)).toBeVisible();
  await dialog.getByRole('button', { name: `Unblock ${bob.name}` }).click();
  await expect(dialog.getByText('Nobody is blocked')).toBeVisible();
  await alice.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(alice.page.getByText(`You blocked ${bob.name}`)).toBeHidden();
});
