// Item 10 of issue #17: what each side of a block sees in their DM (docs/protocol.md, "Blocks").
import {
  blockFromDmDetails,
  bubblesWithText,
  composer,
  expect,
  messageLog,
  openDmWith,
  openConversation,
  sendMessage,
  test,
} from '../fixtures';

test('the blocker gets “You blocked Ben — Unblock”; the blocked side is not told', async ({
  signUp,
}) => {
  const alice = await signUp('alice');
  const ben = await signUp('ben');
  await openDmWith(alice, ben);
  await sendMessage(alice, 'hi Ben');
  await openConversation(ben, alice.name);
  await expect(bubblesWithText(ben, 'hi Ben')).toHaveCount(1);

  // Alice blocks Ben from the conversation's details.
  await blockFromDmDetails(alice, ben);

  const bar = alice.page.getByRole('status').filter({ hasText: `You blocked ${ben.name}` });
  await expect(bar).toBeVisible();
  await expect(composer(alice)).toHaveCount(0);

  // Ben writes as usual: it looks sent on his side, with no error, and never reaches Alice.
  await sendMessage(ben, 'are you there?');
  const benBubble = messageLog(ben).locator('li.msg-own').filter({ hasText: 'are you there?' });
  await expect(benBubble.getByRole('img', { name: 'Sent' })).toBeVisible();
  await expect(messageLog(ben).getByRole('img', { name: 'Not sent' })).toHaveCount(0);
  await expect(composer(ben)).toBeEnabled();
  await expect(ben.page.getByText('You cannot send messages')).toHaveCount(0);
  await alice.page.reload();
  await expect(bubblesWithText(alice, 'hi Ben')).toHaveCount(1);
  await expect(bubblesWithText(alice, 'are you there?')).toHaveCount(0);

  // Unblock from the bar: the composer is back.
  await bar.getByRole('button', { name: 'Unblock' }).click();
  await expect(composer(alice)).toBeEnabled();
  await sendMessage(alice, 'sorry, wrong button');
  await expect(bubblesWithText(ben, 'sorry, wrong button')).toHaveCount(1);
});
