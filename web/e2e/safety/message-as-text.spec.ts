import { bubblesWithText, expect, messageLog, openDmWith, sendMessage, test } from '../fixtures';

const PAYLOAD = '<img src=x onerror=alert(1)>';

test('markup in a message is shown as text and never runs', async ({ signUp }) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  await openDmWith(alice, bob);
  await sendMessage(alice, PAYLOAD);
  await sendMessage(alice, 'see https://example.org/x?y=1 and javascript:alert(2)');

  await bob.page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('link', { name: new RegExp(alice.name) })
    .click();
  for (const person of [alice, bob]) {
    await expect(bubblesWithText(person, PAYLOAD)).toHaveCount(1);
    await expect(messageLog(person).locator('img')).toHaveCount(0);
    const link = messageLog(person).getByRole('link', { name: 'https://example.org/x?y=1' });
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(link).toHaveAttribute('href', 'https://example.org/x?y=1');
    await expect(messageLog(person).getByRole('link', { name: /javascript/ })).toHaveCount(0);
    expect(person.dialogs).toEqual([]);
  }
});
