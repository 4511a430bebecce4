// Issue 18 item 2: mute, pin and archive are the person's own, kept by the server and followed
// by their other sessions; mute silences notifications and the badge.
import path from 'node:path';
import {
  createGroup,
  expect,
  openConversation,
  openDmWith,
  sendMessage,
  stubNotificationsAndVisibility,
  test,
  type Person,
} from '../fixtures';

function list(person: Person) {
  return person.page.getByRole('navigation', { name: 'Conversations' });
}

function row(person: Person, title: string) {
  return list(person).getByRole('link', { name: new RegExp(`^${title}`) });
}

async function choose(person: Person, title: string, item: string) {
  await row(person, title).hover();
  await list(person)
    .getByRole('button', { name: `Chat options for ${title}` })
    .click();
  await person.page.getByRole('menuitem', { name: item }).click();
}

test('mute, pin and archive follow the person to their other session and stay theirs', async ({
  signUp,
  browser,
}) => {
  const ana = await signUp('ana');
  const ben = await signUp('ben');
  const group = `Band ${ana.username.slice(-6)}`;
  await createGroup(ana, group, [ben]);
  await openDmWith(ana, ben);
  await sendMessage(ana, 'hi Ben');
  await expect(row(ana, ben.name)).toBeVisible();
  // Notifications on, with the Notification API and the tab's visibility stubbed.
  await ana.context.addInitScript(stubNotificationsAndVisibility);
  await ana.page.goto('/app');
  await ana.page
    .getByRole('region', { name: 'Notifications' })
    .getByRole('button', { name: 'Turn on' })
    .click();

  // Ana's second session, in another browser context.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await other.goto('/login');
  await other.getByLabel('Name', { exact: true }).fill(ana.name);
  await other.getByRole('button', { name: 'Sign in', exact: true }).click();
  await other.waitForURL(/\/app/);
  const otherList = other.getByRole('navigation', { name: 'Conversations' });
  await expect(otherList.getByRole('link', { name: new RegExp(group) })).toBeVisible();

  // Pinned: the older group goes to the top, here and in the other session.
  await choose(ana, group, 'Pin to top');
  await expect(list(ana).getByRole('link').first()).toHaveAccessibleName(
    new RegExp(`^${group}, pinned`),
  );
  await expect(otherList.getByRole('link').first()).toHaveAccessibleName(
    new RegExp(`^${group}, pinned`),
  );
  // Ben's list is his own.
  await expect(list(ben).getByRole('link', { name: new RegExp(`^${group}, pinned`) })).toHaveCount(
    0,
  );

  // Muted for 8 hours: a new message makes no count and no notification.
  await choose(ana, ben.name, 'Mute for 8 hours');
  await expect(row(ana, ben.name)).toHaveAccessibleName(new RegExp(`^${ben.name}, muted`));
  await expect(
    otherList.getByRole('link', { name: new RegExp(`^${ben.name}, muted`) }),
  ).toBeVisible();
  await ana.page.evaluate(() => {
    (window as unknown as { __attentive: boolean }).__attentive = false;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await openConversation(ben, ana.name);
  await sendMessage(ben, 'are you there?');
  await sendMessage(ben, 'hello?');
  await expect(row(ana, ben.name)).toContainText('hello?');
  await expect(row(ana, ben.name).locator('.badge')).toHaveCount(0);
  await expect(row(ana, ben.name).locator('.badge-dot')).toHaveCount(1);
  await expect(ana.page).not.toHaveTitle(/^\(\d+\)/);
  // For the docs: the list with a pinned and a muted chat, and the chat's menu open.
  await row(ana, ben.name).hover();
  await list(ana)
    .getByRole('button', { name: `Chat options for ${ben.name}` })
    .click();
  await expect(ana.page.getByRole('menuitem', { name: 'Unmute' })).toBeVisible();
  await ana.page.screenshot({
    path: path.join(import.meta.dirname, '..', 'screenshots', 'web-chat-menu-desktop-light.png'),
  });
  await ana.page.keyboard.press('Escape');
  // The group is not muted: it still notifies.
  await openConversation(ben, group);
  await sendMessage(ben, 'group news');
  const titles = () =>
    ana.page.evaluate(() =>
      (window as unknown as { __notifications: { title: string }[] }).__notifications.map(
        (n) => n.title,
      ),
    );
  await expect.poll(titles).toContain(group);
  // …and the muted DM never did.
  expect(await titles()).not.toContain(ben.name);

  // Archived: out of the list (the other session too) until a new message comes.
  await choose(ana, group, 'Archive');
  await expect(row(ana, group)).toHaveCount(0);
  await expect(otherList.getByRole('link', { name: new RegExp(group) })).toHaveCount(0);
  await list(ana)
    .getByRole('button', { name: /Archived \(1\)/ })
    .click();
  await expect(row(ana, group)).toBeVisible();
  await list(ana)
    .getByRole('button', { name: /Archived \(1\)/ })
    .click();
  await sendMessage(ben, 'back to the top');
  await expect(row(ana, group)).toBeVisible();
  await expect(list(ana).getByRole('button', { name: /Archived/ })).toHaveCount(0);

  // Unmuted from the chat's own menu: counts again.
  await openConversation(ana, ben.name);
  await ana.page.getByRole('button', { name: 'Conversation options' }).click();
  await ana.page.getByRole('menuitem', { name: 'Unmute' }).click();
  await expect(row(ana, ben.name)).not.toHaveAccessibleName(/muted/);
  await expect(
    otherList.getByRole('link', { name: new RegExp(`^${ben.name}, muted`) }),
  ).toHaveCount(0);
  await otherContext.close();
});
