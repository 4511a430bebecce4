// Issue #18 item 4: someone with Natter in a background tab still hears about new messages.
// The browser's Notification API and the tab's visibility are stubbed in the page (headless
// Chromium shows no system notifications and is always "visible"); the rest is real.
import path from 'node:path';
import {
  createGroup,
  expect,
  messageLog,
  openConversation,
  sendMessage,
  stubNotificationsAndVisibility,
  test,
} from '../fixtures';

test('a background tab gets a notification, a badge on its icon, and opens the chat on click', async ({
  signUp,
}) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const title = `Hike ${alice.username.slice(-6)}`;
  await createGroup(bob, title, [alice]);
  await openConversation(bob, title);

  await alice.context.addInitScript(stubNotificationsAndVisibility);
  await alice.page.goto('/app');
  const notes = () =>
    alice.page.evaluate(() =>
      (
        window as unknown as { __notifications: { title: string; options: NotificationOptions }[] }
      ).__notifications.map((n) => ({ title: n.title, body: n.options.body, tag: n.options.tag })),
    );

  // Asked from the sidebar at the person's choice, never on page load.
  const prompt = alice.page.getByRole('region', { name: 'Notifications' });
  await expect(prompt).toBeVisible();
  await alice.page.screenshot({
    path: path.join(import.meta.dirname, '..', 'screenshots', 'web-notification-prompt.png'),
  });
  await prompt.getByRole('button', { name: 'Turn on' }).click();
  await expect(prompt).toBeHidden();

  // Looking at Natter: the list says it, no notification.
  await sendMessage(bob, 'Seen while looking');
  await expect(alice.page.getByText('Seen while looking')).toBeVisible();
  expect(await notes()).toEqual([]);

  // In the background: one notification naming the group and the sender.
  await alice.page.evaluate(() => {
    (window as unknown as { __attentive: boolean }).__attentive = false;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await sendMessage(bob, 'Ready at *8*?');
  await expect.poll(notes).toHaveLength(1);
  const [note] = await notes();
  expect(note!.title).toBe(title);
  expect(note!.body).toBe(`${bob.name}: Ready at *8*?`);
  await expect(alice.page).toHaveTitle(/^\(2\) /);
  await expect(alice.page.locator('link[rel="icon"]')).toHaveAttribute('href', /^data:image\/png/);

  // Clicking it brings the conversation up.
  await alice.page.evaluate(() => {
    (window as unknown as { __attentive: boolean }).__attentive = true;
    (
      window as unknown as { __notifications: { onclick: () => void }[] }
    ).__notifications[0]!.onclick();
  });
  await expect(alice.page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await expect(messageLog(alice).getByText('Ready at')).toBeVisible();
});

test('the sound is off until turned on in the account menu, and stays as chosen', async ({
  signUp,
}) => {
  const alice = await signUp('alice');
  await alice.page.getByRole('button', { name: /^Account:/ }).click();
  const sound = alice.page.getByRole('menuitemcheckbox', { name: /Sound for new messages/ });
  await expect(sound).toHaveAttribute('aria-checked', 'false');
  await sound.click();
  await alice.page.reload();
  await alice.page.getByRole('button', { name: /^Account:/ }).click();
  await expect(
    alice.page.getByRole('menuitemcheckbox', { name: /Sound for new messages/ }),
  ).toHaveAttribute('aria-checked', 'true');
});
