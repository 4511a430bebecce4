import {
  composer,
  conversationIdOf,
  createGroupAndOpen,
  expect,
  messageLog,
  openConversation,
  test,
  type Person,
} from '../fixtures';
import { stubNotificationsAndVisibility } from '../support/notificationStub';

function notes(person: Person) {
  return person.page.evaluate(() =>
    (
      window as unknown as { __notifications: { title: string; options: NotificationOptions }[] }
    ).__notifications.map((n) => ({ title: n.title, body: n.options.body })),
  );
}

// Issue 12: @-autocomplete of members by keyboard, mentions highlighted (one's own name most),
// counted apart from unread in the list, and notified even while Natter is in front.
test('mentions: autocomplete by keyboard, highlight, "@" count, notification', async ({
  signUp,
}) => {
  test.setTimeout(90_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const carol = await signUp('carol', { viewport: { width: 390, height: 780 } });
  const title = `Party ${alice.username.slice(-6)}`;
  await createGroupAndOpen(alice, title, [bob, carol]);
  await bob.context.addInitScript(stubNotificationsAndVisibility);
  await bob.page.goto('/app');
  await bob.page
    .getByRole('region', { name: 'Notifications' })
    .getByRole('button', { name: 'Turn on' })
    .click();

  // "@" lists the members but not oneself; Esc closes the list and keeps the text.
  const input = composer(alice);
  await input.fill('Thanks @');
  const list = alice.page.getByRole('listbox', { name: 'Mention' });
  await expect(list.getByRole('option')).toHaveCount(2);
  await expect(list.getByRole('option', { name: new RegExp(alice.name) })).toHaveCount(0);
  await input.press('Escape');
  await expect(list).toBeHidden();
  await expect(input).toHaveValue('Thanks @');

  // Typing the start of a name narrows it; Enter takes the active one, as "@username ".
  await input.press('Backspace');
  await input.pressSequentially(`@${bob.username.slice(0, 4)}`);
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(input).toHaveAttribute('aria-activedescendant', /.+/);
  await input.press('Enter');
  await expect(list).toBeHidden();
  await expect(input).toHaveValue(`Thanks @${bob.username} `);
  // Arrows move through the list; Tab takes the selected one.
  await input.pressSequentially('and @');
  await expect(list.getByRole('option')).toHaveCount(2);
  await input.press('ArrowDown');
  const selected = list.getByRole('option', { selected: true });
  const chosen = (await selected.textContent()) ?? '';
  const other = chosen.includes(carol.username) ? carol : bob;
  await input.press('Tab');
  await expect(input).toHaveValue(`Thanks @${bob.username} and @${other.username} `);
  if (other !== carol) {
    await input.fill(`Thanks @${bob.username} and @${carol.username} `);
  }
  await input.pressSequentially('for the cake');
  await input.press('Enter');
  const text = `Thanks @${bob.username} and @${carol.username} for the cake`;

  // Bob is on another page of the app: the list counts the mention apart from unread, and a
  // notification comes although Natter is in front.
  const sidebar = bob.page.getByRole('navigation', { name: 'Conversations' });
  await expect(sidebar.getByRole('link', { name: `${title}, 1 unread, 1 mention` })).toBeVisible();
  await expect(sidebar.getByText('@1')).toBeVisible();
  await expect.poll(() => notes(bob)).toEqual([{ title, body: `${alice.name}: ${text}` }]);

  // In the chat his name stands out more than Carol's; reading clears the count.
  await openConversation(bob, title);
  const message = messageLog(bob).locator('li.msg', { hasText: 'for the cake' });
  await expect(message.locator('.mention.is-me')).toHaveText(`@${bob.username}`);
  await expect(message.locator('.mention:not(.is-me)')).toHaveText(`@${carol.username}`);
  await expect(sidebar.getByText('@1')).toHaveCount(0);
  // Carol, on a phone, sees hers highlighted as hers.
  await carol.page.goto(`/app/c/${conversationIdOf(alice.page)}`);
  await expect(
    messageLog(carol).locator('li.msg', { hasText: 'for the cake' }).locator('.mention.is-me'),
  ).toHaveText(`@${carol.username}`);
  expect(alice.pageErrors).toEqual([]);
  expect(bob.pageErrors).toEqual([]);
});
