// Screenshots of the states issue #17 fixed, at desktop and phone width, for review and the docs
// (copied to docs/screenshots). Each shows one promise: honest ticks, offline queueing, removal,
// blocking, the Ctrl+K switcher, the not-found page, right-to-left text and emoji.
import path from 'node:path';
import {
  blockFromDmDetails,
  bubblesWithText,
  composer,
  conversationIdOf,
  createGroup,
  expect,
  messageLog,
  openConversation,
  openDmWith,
  postMessagesViaApi,
  sendMessage,
  setDisplayName,
  test,
  type Person,
} from '../fixtures';

const outDir = path.join(import.meta.dirname, '..', 'screenshots');
const shot = (person: Person, name: string, device: string) =>
  person.page.screenshot({ path: path.join(outDir, `web-${name}-${device}-light.png`) });

for (const device of [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const) {
  test(`fixed states at ${device.name} width`, async ({ signUp }) => {
    test.setTimeout(180_000);
    const options = { viewport: device.viewport };
    const alice = await signUp('alice', options);
    const bob = await signUp('bob', options);
    const cara = await signUp('cara', options);
    // The development login is keyed by the first name; REST seeding signs in with it.
    const bobApi = { ...bob };
    await setDisplayName(alice, 'Alice Martin');
    await setDisplayName(bob, 'Ben Okafor');
    await setDisplayName(cara, 'Cara Silva');

    // Ticks: Sent (Cara offline), Delivered, Read; a link, emoji and Hebrew text.
    const title = 'Weekend hike';
    await createGroup(alice, title, [bob]);
    const id = conversationIdOf(alice.page);
    await postMessagesViaApi(bobApi, id, [
      'Who is in for Saturday? 🥾⛰️',
      'Map: https://en.wikipedia.org/wiki/Mercury_(planet) (wrong link 😅) and www.example.org',
      'שלום! אני מצטרף',
    ]);
    await openConversation(bob, title);
    await alice.page.goto(`/app/c/${id}`);
    await expect(bubblesWithText(alice, 'שלום! אני מצטרף')).toBeVisible();
    await sendMessage(alice, 'Read by Ben: he is looking');
    await expect(messageLog(alice).getByRole('img', { name: 'Read' }).last()).toBeVisible();
    await bob.context.setOffline(true);
    await bob.page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await sendMessage(alice, 'Sent: Ben is offline');
    await expect(messageLog(alice).getByRole('img', { name: 'Sent' }).last()).toBeVisible();
    await shot(alice, 'ticks', device.name);

    // Offline: the banner floats, messages queue in order.
    await shot(bob, 'offline-banner', device.name);
    await sendMessage(bob, 'Written in the tunnel');
    await sendMessage(bob, 'And this one after it');
    await expect(messageLog(bob).getByRole('img', { name: 'Waiting for connection' })).toHaveCount(
      2,
    );
    await shot(bob, 'offline-queued', device.name);
    await bob.context.setOffline(false);
    await expect(bubblesWithText(alice, 'And this one after it')).toHaveCount(1);
    await expect(
      messageLog(alice)
        .getByRole('img', { name: /Delivered|Read/ })
        .last(),
    ).toBeVisible();

    // New messages separator after many unread.
    await cara.page.goto('/app');
    const club = 'Book club';
    await bob.page.goto('/app');
    await createGroup(bob, club, [cara]);
    const clubId = conversationIdOf(bob.page);
    await postMessagesViaApi(
      bobApi,
      clubId,
      Array.from({ length: 60 }, (_, i) => `Chapter note ${i + 1}`),
    );
    await cara.page.goto(`/app/c/${clubId}`);
    await expect(cara.page.getByText('New messages', { exact: true })).toBeInViewport();
    await shot(cara, 'new-messages', device.name);

    // Removed from the group while typing.
    await composer(cara).fill('I was going to say…');
    await bob.page.goto(`/app/c/${clubId}`);
    await bob.page.getByRole('button', { name: 'Group details' }).click();
    await bob.page.getByRole('button', { name: `Options for ${cara.name}` }).click();
    await bob.page.getByRole('menuitem', { name: 'Remove from group' }).click();
    await bob.page
      .getByRole('dialog', { name: `Remove ${cara.name}?` })
      .getByRole('button', { name: 'Remove' })
      .click();
    await expect(cara.page.getByText('You were removed from this group.')).toBeVisible();
    await shot(cara, 'removed', device.name);

    // The blocker's bar.
    await alice.page.goto('/app');
    await openDmWith(alice, cara);
    await blockFromDmDetails(alice, cara);
    await shot(alice, 'blocked', device.name);

    // Ctrl+K and the not-found page.
    await alice.page.keyboard.press('Control+k');
    await alice.page.keyboard.type('we');
    await expect(alice.page.getByRole('dialog', { name: 'Go to conversation' })).toBeVisible();
    await shot(alice, 'quick-switcher', device.name);
    await alice.page.keyboard.press('Escape');
    await alice.page.goto('/app/c/not-a-uuid');
    await expect(alice.page.getByRole('heading', { name: 'Conversation not found' })).toBeVisible();
    await shot(alice, 'not-found', device.name);
  });
}
