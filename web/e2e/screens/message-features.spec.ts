// Screenshots for the docs of issue 12's message features in the web app: a reply with its
// quote, reactions, an edited and a deleted message, a mention, and @-autocomplete.
import path from 'node:path';
import { seriousViolations } from '../support/axe';
import {
  addMemberThroughDetails,
  bubblesWithText,
  composer,
  createGroupAndOpen,
  expect,
  messageLog,
  openConversation,
  sendMessage,
  setDisplayName,
  test,
} from '../fixtures';

const screenshots = path.join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');

test('screenshots: reply, reactions, edited, deleted, mention, autocomplete', async ({
  signUp,
}) => {
  test.setTimeout(120_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const carol = await signUp('carol');
  await setDisplayName(alice, 'Alice Martin');
  await setDisplayName(bob, 'Bob Chen');
  await setDisplayName(carol, 'Carol Diaz');
  const title = 'Weekend hike';
  await createGroupAndOpen(alice, title, [bob, carol]);
  await openConversation(bob, title);

  await sendMessage(bob, 'Where shall we meet on Saturday?');
  await sendMessage(bob, 'Wrong chat, sorry');
  await expect(bubblesWithText(alice, 'Wrong chat, sorry')).toHaveCount(1);
  const question = messageLog(alice).locator('li.msg', { hasText: 'Where shall we meet' });
  await question.hover();
  await question.getByRole('button', { name: 'Reply', exact: true }).click();
  await composer(alice).pressSequentially(
    `At the north car park, 8:30. @${bob.username.slice(0, 3)}`,
  );
  await composer(alice).press('Enter'); // takes the suggestion
  await composer(alice).pressSequentially('bring the map');
  await composer(alice).press('Enter');
  await sendMessage(alice, 'Snacks are on me');
  const snacks = messageLog(alice).locator('li.msg', { hasText: 'Snacks are on me' });
  await snacks.hover();
  await snacks.getByRole('button', { name: 'Edit' }).click();
  const editor = messageLog(alice).getByRole('textbox', { name: 'Edit message' });
  await editor.fill('Snacks and tea are on me');
  await editor.press('Enter');

  // Bob reacts and deletes his stray message.
  const reply = messageLog(bob).locator('li.msg', { hasText: 'bring the map' });
  await expect(reply).toHaveCount(1);
  for (const emoji of ['👍', '🎉']) {
    await reply.hover();
    await reply.getByRole('button', { name: 'React', exact: true }).click();
    await reply.getByRole('button', { name: `React with ${emoji}` }).click();
  }
  const stray = messageLog(bob).locator('li.msg', { hasText: 'Wrong chat, sorry' });
  await stray.hover();
  await stray.getByRole('button', { name: 'Delete' }).click();
  await bob.page
    .getByRole('dialog', { name: 'Delete message?' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(messageLog(bob).getByText('Message deleted')).toHaveCount(1);
  await expect(messageLog(bob).getByText('Snacks and tea are on me')).toBeVisible();
  await expect(reply.locator('.mention.is-me')).toBeVisible();
  await bob.page.mouse.move(0, 0);
  await bob.page.setViewportSize({ width: 1100, height: 700 });
  await bob.page.screenshot({ path: path.join(screenshots, 'web-message-features.png') });
  expect(await seriousViolations(bob.page)).toEqual([]);

  // Carol answers with a quote too, and the @ list is open in her composer.
  await openConversation(carol, title);
  const carolsCopy = messageLog(carol).locator('li.msg', { hasText: 'Snacks and tea' });
  await carolsCopy.hover();
  await carolsCopy.getByRole('button', { name: 'Reply', exact: true }).click();
  await composer(carol).pressSequentially('Thanks @');
  await expect(carol.page.getByRole('listbox', { name: 'Mention' })).toBeVisible();
  await carol.page.mouse.move(700, 120);
  await carol.page.setViewportSize({ width: 1100, height: 700 });
  await carol.page.screenshot({ path: path.join(screenshots, 'web-mention-autocomplete.png') });
  expect(await seriousViolations(carol.page)).toEqual([]);

  // The same in the dark theme on a phone, for contrast.
  const dave = await signUp('dave', { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  await setDisplayName(dave, 'Dave Okafor');
  await addMemberThroughDetails(alice, dave);
  await dave.page.goto(alice.page.url());
  await expect(messageLog(dave).getByText('Snacks and tea are on me')).toBeVisible();
  await composer(dave).pressSequentially('@');
  await expect(dave.page.getByRole('listbox', { name: 'Mention' })).toBeVisible();
  await dave.page.screenshot({
    path: path.join(screenshots, 'web-message-features-phone-dark.png'),
  });
  expect(await seriousViolations(dave.page)).toEqual([]);
});
