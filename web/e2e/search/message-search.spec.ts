import path from 'node:path';
import {
  conversationIdOf,
  createGroup,
  createGroupAndOpen,
  expect,
  messageLog,
  postMessagesViaApi,
  test,
} from '../fixtures';
import { seriousViolations } from '../support/axe';

const screenshots = path.join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');

// Issue 12: search in one conversation or all, keyboard first; results show the server's
// snippet with the hits marked (as text: markup in a message stays text), and open the
// message in its history, loading the history around it.
test('message search: this conversation or all, snippet marks, jumps into history', async ({
  signUp,
}) => {
  test.setTimeout(120_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob', { viewport: { width: 390, height: 780 } });
  const trip = `Trip ${alice.username.slice(-6)}`;
  const other = `Other ${alice.username.slice(-6)}`;
  await createGroup(alice, other, [bob]);
  const otherId = conversationIdOf(alice.page);
  await createGroupAndOpen(alice, trip, [bob]);
  const tripId = conversationIdOf(alice.page);
  await postMessagesViaApi(bob, tripId, [
    'Meet at the Café Central at noon',
    'Tags like <b>cafe</b> stay text & so do "quotes"',
  ]);
  await postMessagesViaApi(
    bob,
    tripId,
    Array.from({ length: 120 }, (_, i) => `filler ${i + 1}`),
  );
  await postMessagesViaApi(bob, otherId, ['cafe later?']);
  await expect(messageLog(alice).getByText('filler 120', { exact: true })).toBeVisible();

  // From the chat header: this conversation only. Accents and case do not matter.
  await alice.page.getByRole('button', { name: 'Search in this conversation' }).click();
  const dialog = alice.page.getByRole('dialog', { name: 'Search messages' });
  const input = dialog.getByRole('combobox', { name: 'Search words' });
  await expect(input).toBeFocused();
  await input.fill('cafe');
  const results = dialog.getByRole('listbox', { name: 'Results' }).getByRole('option');
  await expect(results).toHaveCount(2);
  await expect(dialog.getByRole('status')).toHaveText('2 found');
  await expect(results.nth(1).locator('mark')).toHaveText('Café');
  // The escaped snippet is shown as the text that was typed, never as markup.
  await expect(results.nth(0)).toContainText('Tags like <b>cafe</b> stay text & so do "quotes"');
  await expect(results.nth(0).locator('b')).toHaveCount(0);
  await expect(results.nth(0).locator('mark')).toHaveText('cafe');
  expect(await seriousViolations(alice.page)).toEqual([]);
  await alice.page.setViewportSize({ width: 1100, height: 700 });
  await alice.page.screenshot({ path: path.join(screenshots, 'web-search.png') });

  // All conversations: the other group's message comes too, named by its conversation.
  await dialog.getByRole('radio', { name: 'All conversations' }).check();
  await expect(results).toHaveCount(3);
  await expect(results.first()).toContainText(`in ${other}`);

  // Keyboard: back to this conversation, down to the older hit, Enter: the chat loads the
  // history back to it and shows it highlighted.
  await dialog.getByRole('radio', { name: /^In / }).check();
  await input.focus();
  await expect(results).toHaveCount(2);
  await input.press('ArrowDown');
  await expect(results.nth(1)).toHaveAttribute('aria-selected', 'true');
  await input.press('Enter');
  await expect(dialog).toBeHidden();
  const found = messageLog(alice).locator('li.msg', { hasText: 'Meet at the Café Central' });
  await expect(found).toBeInViewport();
  await expect(found).toHaveClass(/is-highlighted/);
  await expect(found).toBeFocused();

  // Ctrl+Shift+F searches everywhere; Enter opens the other conversation at the message.
  await alice.page.keyboard.press('Control+Shift+F');
  await expect(dialog).toBeVisible();
  await input.fill('cafe later');
  await expect(results).toHaveCount(1);
  await input.press('Enter');
  await expect(alice.page.getByRole('heading', { name: other, level: 1 })).toBeVisible();
  await expect(messageLog(alice).locator('li.msg', { hasText: 'cafe later?' })).toHaveClass(
    /is-highlighted/,
  );

  // On a phone, with a tap: the same.
  await bob.page.goto(`/app/c/${tripId}`);
  await bob.page.getByRole('button', { name: 'Search in this conversation' }).click();
  const bobsDialog = bob.page.getByRole('dialog', { name: 'Search messages' });
  await bobsDialog.getByRole('combobox', { name: 'Search words' }).fill('centr');
  await bobsDialog.getByRole('option').first().click();
  await expect(
    messageLog(bob).locator('li.msg', { hasText: 'Meet at the Café Central' }),
  ).toBeInViewport();
  expect(alice.pageErrors).toEqual([]);
  expect(bob.pageErrors).toEqual([]);
});
