import {
  apiToken,
  bubblesWithText,
  composer,
  conversationIdOf,
  createGroupAndOpen,
  expect,
  messageLog,
  postMessagesViaApi,
  sendMessage,
  test,
  type Person,
} from '../fixtures';

/** The bubble (li) holding a message with this text. */
function row(person: Person, text: string) {
  const exact = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return messageLog(person).locator('li.msg', {
    has: person.page.locator('.msg-text', { hasText: exact }),
  });
}

async function replyViaApi(person: Person, conversationId: string, text: string, to: string) {
  const token = await apiToken(person);
  const response = await person.context.request.post(
    `/api/v1/conversations/${conversationId}/messages`,
    {
      data: { body_text: text, client_msg_id: crypto.randomUUID(), reply_to_id: to },
      headers: { Authorization: `Bearer ${token}` },
    },
  );
  expect(response.status()).toBe(201);
}

// Issue 12 in the web app: replies quote the message they answer, live between two people,
// also when written offline, and the quote takes you to the original.
test('reply: quoted above the composer, shown on the reply, works offline', async ({ signUp }) => {
  test.setTimeout(90_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  await createGroupAndOpen(alice, `Meetup ${alice.username.slice(-6)}`, [bob]);
  await postMessagesViaApi(bob, conversationIdOf(alice.page), ['Where shall we meet?']);
  const original = row(alice, 'Where shall we meet?');
  await expect(original).toHaveCount(1);

  // Reply from the message's actions: the quote sits above the composer; Esc cancels it.
  await original.hover();
  await original.getByRole('button', { name: 'Reply', exact: true }).click();
  const bar = alice.page.getByRole('status', { name: 'Replying' });
  await expect(bar).toContainText(`Replying to ${bob.name}`);
  await expect(bar).toContainText('Where shall we meet?');
  await expect(composer(alice)).toBeFocused();
  await composer(alice).press('Escape');
  await expect(bar).toHaveCount(0);

  // Again, and sent: both see the reply with the quote (Bob's own words, as "You").
  await original.hover();
  await original.getByRole('button', { name: 'Reply', exact: true }).click();
  await sendMessage(alice, 'At the harbour');
  await expect(bar).toHaveCount(0);
  for (const [person, author] of [
    [alice, bob.name],
    [bob, 'You'],
  ] as const) {
    const quote = row(person, 'At the harbour').getByRole('button', {
      name: `Reply to ${author}: Where shall we meet?. Show the original message`,
    });
    await expect(quote).toBeVisible();
  }

  // Written offline: the waiting bubble already quotes; it arrives as a reply.
  await alice.context.setOffline(true);
  await expect(alice.page.locator('[data-connection]')).toHaveAttribute(
    'data-connection',
    'offline',
  );
  // A tap on the message's words focuses it, which shows its actions. (A click at the middle of
  // the row lands wherever the hover bar is: for a group admin it has Delete there.)
  await original.locator('.msg-text').click();
  await original.getByRole('button', { name: 'Reply', exact: true }).click();
  await sendMessage(alice, 'Or the station');
  const waiting = messageLog(alice).locator('li.is-pending', { hasText: 'Or the station' });
  await expect(waiting.locator('.quote')).toContainText('Where shall we meet?');
  await alice.context.setOffline(false);
  await expect(
    row(bob, 'Or the station').getByRole('button', { name: /^Reply to You: Where shall we meet/ }),
  ).toBeVisible({ timeout: 20_000 });
  expect(alice.pageErrors).toEqual([]);
  expect(bob.pageErrors).toEqual([]);
});

test('reply: the quote jumps to the original, loading history, and follows its deletion', async ({
  signUp,
}) => {
  test.setTimeout(120_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob', { viewport: { width: 390, height: 780 } });
  await createGroupAndOpen(alice, `Archive ${alice.username.slice(-6)}`, [bob]);
  const id = conversationIdOf(alice.page);
  await postMessagesViaApi(bob, id, ['The key is under the mat']);
  await expect(row(alice, 'The key is under the mat')).toHaveCount(1);
  const originalId = await row(alice, 'The key is under the mat').getAttribute('data-message-id');
  expect(originalId).toBeTruthy();
  await postMessagesViaApi(
    bob,
    id,
    Array.from({ length: 130 }, (_, i) => `filler ${i + 1}`),
  );
  await replyViaApi(alice, id, 'Which mat?', originalId ?? '');

  // Bob (on a phone) opens the chat fresh: the original is 130 messages up, not loaded.
  await bob.page.goto(`/app/c/${id}`);
  await expect(bubblesWithText(bob, 'Which mat?')).toBeVisible();
  await expect(bubblesWithText(bob, 'The key is under the mat')).toHaveCount(0);
  // Keyboard: focus the quote and press Enter.
  const quote = row(bob, 'Which mat?').getByRole('button', { name: /^Reply to You: The key/ });
  await quote.focus();
  await quote.press('Enter');
  const original = row(bob, 'The key is under the mat');
  await expect(original).toBeInViewport();
  await expect(original).toBeFocused();
  await expect(original).toHaveClass(/is-highlighted/);

  // Deleted: the quote says so (live where the original is loaded, and after a reload).
  const token = await apiToken(bob);
  const deleted = await bob.context.request.delete(`/api/v1/messages/${originalId}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(deleted.status()).toBe(204);
  await expect(row(bob, 'Which mat?').locator('.quote')).toContainText('Message deleted');
  await alice.page.reload();
  await expect(row(alice, 'Which mat?').locator('.quote')).toContainText('Message deleted');
  expect(bob.pageErrors).toEqual([]);
});

test('reply with the keyboard alone: arrows to the message, Tab to Reply', async ({ signUp }) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  await createGroupAndOpen(alice, `Keys ${alice.username.slice(-6)}`, [bob]);
  await postMessagesViaApi(bob, conversationIdOf(alice.page), ['First question', 'Second one']);
  await expect(row(alice, 'Second one')).toHaveCount(1);

  // From the message log: ↑ goes to the newest message, ↑ again to the one before.
  await messageLog(alice).focus();
  await alice.page.keyboard.press('ArrowUp');
  await expect(row(alice, 'Second one')).toBeFocused();
  await alice.page.keyboard.press('ArrowUp');
  await expect(row(alice, 'First question')).toBeFocused();
  // Tab reaches its actions (shown while focus is inside), Reply first.
  await alice.page.keyboard.press('Tab');
  const reply = row(alice, 'First question').getByRole('button', { name: 'Reply', exact: true });
  await expect(reply).toBeFocused();
  await alice.page.keyboard.press('Enter');
  await expect(composer(alice)).toBeFocused();
  await expect(alice.page.getByRole('status', { name: 'Replying' })).toContainText(
    'First question',
  );
  await alice.page.keyboard.type('The answer');
  await alice.page.keyboard.press('Enter');
  await bob.page.goto(`/app/c/${conversationIdOf(alice.page)}`);
  await expect(
    row(bob, 'The answer').getByRole('button', { name: /^Reply to You: First question/ }),
  ).toBeVisible();
});
