// Item 12 of issue #17: the app by keyboard alone.
import { composer, createGroup, expect, test } from '../fixtures';

test('keyboard only: open chats, details, the account menu, Ctrl+K, and the New group dialog', async ({
  signUp,
}) => {
  test.setTimeout(90_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const cara = await signUp('cara');
  const page = alice.page;
  const first = `Keys ${alice.username.slice(-6)}`;
  const second = `Other ${alice.username.slice(-6)}`;
  await createGroup(alice, first, [bob]);
  await createGroup(alice, second, [cara]);
  await page.goto('/app');

  // Enter on a chat in the list opens it and puts the cursor in the composer.
  const link = page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('link', { name: new RegExp(`^${first}`) });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: first, level: 1 })).toBeVisible();
  await expect(composer(alice)).toBeFocused();

  // Esc closes the details panel and gives focus back to its button.
  const detailsButton = page.getByRole('button', { name: 'Group details' });
  await detailsButton.click();
  await expect(page.getByRole('complementary', { name: 'Details' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary', { name: 'Details' })).toBeHidden();
  await expect(detailsButton).toBeFocused();

  // The account menu moves with the arrow keys, wrapping around; Esc returns to its button.
  const account = page.getByRole('button', { name: /^Account:/ });
  await account.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'Edit profile' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Edit profile' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('menuitem', { name: 'Delete account…' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('menuitem', { name: 'Download my data' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('menuitem', { name: 'Blocked people' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(account).toBeFocused();

  // Ctrl+K: type, arrow, Enter.
  await page.keyboard.press('Control+k');
  const switcher = page.getByRole('dialog', { name: 'Go to conversation' });
  await expect(switcher.getByRole('combobox', { name: 'Conversation name' })).toBeFocused();
  await page.keyboard.type(second.slice(0, 5));
  await expect(switcher.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: second, level: 1 })).toBeVisible();
  await expect(switcher).toBeHidden();
  await expect(composer(alice)).toBeFocused();

  // New group: the name field has focus; Enter in the member search picks, never creates.
  await page.getByRole('button', { name: 'New group' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New group' });
  await expect(dialog.getByLabel('Group name')).toBeFocused();
  await page.keyboard.type('Typed by keys');
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Members')).toBeFocused();
  await page.keyboard.type(bob.username);
  await expect(dialog.getByRole('option', { name: new RegExp(`@${bob.username}`) })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Selected people' })).toContainText(bob.name);
  await expect(dialog.getByLabel('Members')).toHaveValue('');
  await dialog.getByRole('button', { name: 'Create group' }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Typed by keys', level: 1 })).toBeVisible();
});
