import {
  bubblesWithText,
  composer,
  createGroup,
  expect,
  messageLog,
  openConversation,
  openDmWith,
  sendMessage,
  test,
} from '../fixtures';

test('two people sign in, find each other, and chat live in a group', async ({ signUp }) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');

  // Alice finds Bob by username search and opens a direct message from his profile.
  await openDmWith(alice, bob);
  await expect(alice.page.getByRole('heading', { name: bob.name, level: 1 })).toBeVisible();
  await sendMessage(alice, 'Hi Bob, starting a group for the trip');
  await expect(bubblesWithText(alice, 'Hi Bob, starting a group for the trip')).toHaveCount(1);

  // Bob sees the DM arrive in his sidebar without reloading.
  const bobSidebar = bob.page.getByRole('navigation', { name: 'Conversations' });
  await expect(bobSidebar.getByRole('link', { name: new RegExp(alice.name) })).toBeVisible();

  // Alice creates a group with Bob through the dialog; it appears on Bob's side live.
  const title = `Trip ${alice.username.slice(-6)}`;
  await createGroup(alice, title, [bob]);
  await expect(bobSidebar.getByRole('link', { name: new RegExp(title) })).toBeVisible();

  // Alice writes while Bob is elsewhere: her message is not read yet.
  await sendMessage(alice, 'Saturday at 8:30?');
  const aliceBubble = messageLog(alice)
    .locator('li.msg-own')
    .filter({ hasText: 'Saturday at 8:30?' });
  await expect(aliceBubble).toHaveCount(1);
  await expect(aliceBubble.getByRole('img', { name: /^(Sent|Delivered)$/ })).toBeVisible();

  // Bob opens the group: the message is there, and Alice's tick turns to "Read".
  await openConversation(bob, title);
  await expect(bubblesWithText(bob, 'Saturday at 8:30?')).toHaveCount(1);
  await expect(aliceBubble.getByRole('img', { name: 'Read' })).toBeVisible();
  await expect(alice.page.getByText(`Read by ${bob.name}`)).toBeVisible();

  // Bob types: Alice sees the typing indicator, which goes away when he sends.
  await composer(bob).pressSequentially('Sounds good', { delay: 30 });
  await expect(alice.page.getByTestId('typing-indicator')).toHaveText(`${bob.name} is typing…`);
  await composer(bob).press('Enter');
  await expect(bubblesWithText(alice, 'Sounds good')).toHaveCount(1);
  await expect(alice.page.getByTestId('typing-indicator')).toHaveText('');

  // Multi-line messages with Shift+Enter; each side shows every message exactly once.
  await composer(alice).fill('Bring:');
  await composer(alice).press('Shift+Enter');
  await composer(alice).pressSequentially('- water');
  await composer(alice).press('Enter');
  await expect(bubblesWithText(bob, 'Bring:\n- water')).toHaveCount(1);
  for (const person of [alice, bob]) {
    await expect(bubblesWithText(person, 'Saturday at 8:30?')).toHaveCount(1);
    await expect(bubblesWithText(person, 'Sounds good')).toHaveCount(1);
  }

  // A deep link survives a reload.
  const url = bob.page.url();
  await bob.page.reload();
  await expect(bob.page).toHaveURL(url);
  await expect(bubblesWithText(bob, 'Sounds good')).toHaveCount(1);
});
