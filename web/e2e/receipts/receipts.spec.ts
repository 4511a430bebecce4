// Item 3, 4 and 11 of issue #17: receipts that tell the truth.
import {
  addMemberThroughDetails,
  apiToken,
  bubblesWithText,
  conversationIdOf,
  createGroup,
  expect,
  messageLog,
  openConversation,
  openDmWith,
  receiptsVia,
  sendMessage,
  test,
  userIdOf,
  type Person,
} from '../fixtures';

function ownBubble(person: Person, text: string) {
  return messageLog(person).locator('li.msg-own').filter({ hasText: text });
}

test('Delivered waits for the recipient’s client; Read has its own shape and label', async ({
  signUp,
}) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  await openDmWith(alice, bob);
  const id = conversationIdOf(alice.page);
  await sendMessage(alice, 'hello while you are here');
  await expect(
    bob.page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', {
      name: new RegExp(alice.name),
    }),
  ).toBeVisible();

  // Bob's browser goes offline; his socket may still look open to the server.
  await bob.context.setOffline(true);
  await sendMessage(alice, 'sent while Bob is offline');
  const bubble = ownBubble(alice, 'sent while Bob is offline');
  await expect(bubble.getByRole('img', { name: 'Sent' })).toBeVisible();
  const seq = Number(await bubble.getAttribute('data-seq'));
  const token = await apiToken(alice);
  const bobId = await userIdOf(alice, token, bob.username);
  const bobReceipt = (await receiptsVia(alice, token, id)).find((r) => r.user_id === bobId);
  // His socket was written to, but his client never had it: not delivered.
  expect(bobReceipt?.delivered_seq ?? 0).toBeLessThan(seq);
  await expect(bubble.getByRole('img', { name: 'Sent' })).toBeVisible();

  // Back online, his client catches up and says so: Delivered (he is not looking at it yet).
  await bob.context.setOffline(false);
  await expect(bubble.getByRole('img', { name: 'Delivered' })).toBeVisible({ timeout: 30_000 });
  const delivered = bubble.locator('.ticks-delivered');
  await expect(delivered).toHaveAttribute('data-status', 'delivered');

  // He opens it and sees it: Read, a filled disc rather than a tint.
  await openConversation(bob, alice.name);
  await expect(bubblesWithText(bob, 'sent while Bob is offline')).toBeInViewport();
  await expect(bubble.getByRole('img', { name: 'Read' })).toBeVisible();
  const read = bubble.locator('.ticks-read');
  const background = await read.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).not.toBe('rgba(0, 0, 0, 0)');
});

test('“Read by” names only people who were there and saw it; authors keep their names', async ({
  signUp,
}) => {
  test.setTimeout(120_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const cara = await signUp('cara');
  const title = `Readers ${alice.username.slice(-6)}`;
  await createGroup(alice, title, [bob]);
  await sendMessage(alice, 'before Cara joined');
  await openConversation(bob, title);
  await expect(alice.page.getByText(`Read by ${bob.name}`)).toBeVisible();

  // Cara is added: she must not appear as a reader of what came before her.
  await addMemberThroughDetails(alice, cara);
  await openConversation(cara, title);
  await expect(messageLog(cara)).toBeVisible();
  await sendMessage(bob, 'a word from Bob');
  await expect(bubblesWithText(cara, 'a word from Bob')).toBeVisible();
  const readBy = messageLog(alice).locator('.msg-readby');
  await expect(readBy).toHaveText(`Read by ${bob.name}`);

  // A message sent with her there: once she has seen it, she is named.
  await sendMessage(alice, 'after Cara joined');
  await expect(bubblesWithText(cara, 'after Cara joined')).toBeInViewport();
  await expect(readBy).toHaveText(`Read by ${bob.name}, ${cara.name}`);

  // Cara writes and leaves: her message still says who wrote it, also after a reload.
  await sendMessage(cara, 'Cara signing off');
  await expect(bubblesWithText(alice, 'Cara signing off')).toBeVisible();
  await cara.page.getByRole('button', { name: 'Group details' }).click();
  await cara.page.getByRole('button', { name: 'Leave group' }).click();
  await cara.page
    .getByRole('dialog', { name: 'Leave this group?' })
    .getByRole('button', { name: 'Leave' })
    .click();
  await expect(cara.page).toHaveURL(/\/app$/);
  await bob.page.reload();
  const caraMessage = messageLog(bob).locator('li.msg').filter({ hasText: 'Cara signing off' });
  await expect(caraMessage.locator('.msg-sender')).toHaveText(cara.name);
  await expect(messageLog(bob).getByText('Former member')).toHaveCount(0);
});
