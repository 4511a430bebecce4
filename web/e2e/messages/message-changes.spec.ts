import path from 'node:path';
import {
  bubblesWithText,
  composer,
  createGroupAndOpen,
  expect,
  messageLog,
  sendMessage,
  test,
} from '../fixtures';

const screenshots = path.join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');

// Issue 12 in the web app: reactions, edits and deletions between two browsers, live.
test('react, edit and delete a message, seen live by the other person', async ({ signUp }) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const title = `Picnic ${alice.username.slice(-6)}`;
  await createGroupAndOpen(alice, title, [bob]);

  await sendMessage(alice, 'Picnic at noon, bring a blanket');
  await sendMessage(alice, 'Wrong chat, sorry');
  await expect(bubblesWithText(bob, 'Picnic at noon, bring a blanket')).toHaveCount(1);

  // Bob reacts from the message's actions (hover shows them; the quick picker has 👍).
  const bobsCopy = messageLog(bob).locator('li.msg', { hasText: 'bring a blanket' });
  await bobsCopy.hover();
  await bobsCopy.getByRole('button', { name: 'React', exact: true }).click();
  await bobsCopy.getByRole('button', { name: 'React with 👍' }).click();
  const alicesCopy = messageLog(alice).locator('li.msg', { hasText: 'bring a blanket' });
  const chip = alicesCopy.getByRole('button', { name: `👍 1: ${bob.name}` });
  await expect(chip).toBeVisible();
  // Alice adds hers by pressing the chip: two now, on both sides.
  await chip.click();
  await expect(bobsCopy.getByRole('button', { name: new RegExp(`^👍 2: `) })).toBeVisible();
  // Bob takes his back.
  await bobsCopy.getByRole('button', { name: /^👍 2: / }).click();
  await expect(alicesCopy.getByRole('button', { name: '👍 1: You' })).toBeVisible();

  // Alice edits her message in place; Bob sees the new text marked "(edited)".
  await alicesCopy.hover();
  await alicesCopy.getByRole('button', { name: 'Edit' }).click();
  const editor = messageLog(alice).getByRole('textbox', { name: 'Edit message' });
  await editor.fill('Picnic at 1 pm, bring a blanket');
  await editor.press('Enter');
  await expect(bubblesWithText(bob, 'Picnic at 1 pm, bring a blanket')).toHaveCount(1);
  await expect(bobsCopy.getByText('(edited)')).toBeVisible();
  await expect(bubblesWithText(bob, 'Picnic at noon, bring a blanket')).toHaveCount(0);

  // Up in an empty composer edits one's last message, as in Slack and Telegram.
  await sendMessage(bob, 'Count me in');
  await expect(bubblesWithText(alice, 'Count me in')).toHaveCount(1);
  await composer(bob).press('ArrowUp');
  const bobsEditor = messageLog(bob).getByRole('textbox', { name: 'Edit message' });
  await expect(bobsEditor).toHaveValue('Count me in');
  await bobsEditor.fill('Count me and Carol in');
  await bobsEditor.press('Enter');
  await expect(bubblesWithText(alice, 'Count me and Carol in')).toHaveCount(1);

  // Bob cannot edit or delete Alice's message (he is no admin).
  await bobsCopy.hover();
  await expect(bobsCopy.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(bobsCopy.getByRole('button', { name: 'Delete' })).toHaveCount(0);

  // Alice deletes the other one, after confirming; it stays in place as "Message deleted".
  const wrong = messageLog(alice).locator('li.msg', { hasText: 'Wrong chat, sorry' });
  await wrong.hover();
  await wrong.getByRole('button', { name: 'Delete' }).click();
  const dialog = alice.page.getByRole('dialog', { name: 'Delete message?' });
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toHaveCount(0);
  for (const person of [alice, bob]) {
    await expect(messageLog(person).getByText('Message deleted')).toHaveCount(1);
    await expect(bubblesWithText(person, 'Wrong chat, sorry')).toHaveCount(0);
  }

  // The same state after a reload: it came from the server, not only from live events.
  await bob.page.reload();
  await expect(bubblesWithText(bob, 'Picnic at 1 pm, bring a blanket')).toHaveCount(1);
  await expect(messageLog(bob).getByText('Message deleted')).toHaveCount(1);
  await expect(messageLog(bob).getByRole('button', { name: /^👍 1: / })).toBeVisible();
  await bob.page.setViewportSize({ width: 1100, height: 700 });
  await bob.page.screenshot({ path: path.join(screenshots, 'web-message-changes.png') });
});
