// Items 1, 2 and 5 of issue #17: read means seen, and a chat opens where the unread begin.
import {
  bubblesWithText,
  conversationIdOf,
  createGroup,
  expect,
  messageLog,
  postMessagesViaApi,
  readSeqOf,
  test,
  type Person,
} from '../fixtures';

function sidebarLink(person: Person, title: string) {
  return person.page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('link', { name: new RegExp(`^${title}`) });
}

/** Scrolls the message list down a viewport at a time, as a reader would, to the end. */
async function readDownToTheEnd(person: Person): Promise<void> {
  const log = messageLog(person);
  await expect(async () => {
    const atEnd = await log.evaluate((el) => {
      el.scrollBy({ top: el.clientHeight * 0.8 });
      return el.scrollHeight - el.scrollTop - el.clientHeight < 2;
    });
    expect(atEnd).toBe(true);
  }).toPass({ timeout: 30_000, intervals: [150] });
}

test('opening 75 unread starts at the first of them and reads only what was shown', async ({
  signUp,
}) => {
  test.setTimeout(120_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const title = `Unread ${alice.username.slice(-6)}`;
  await createGroup(bob, title, [alice]);
  const id = conversationIdOf(bob.page);
  await postMessagesViaApi(bob, id, ['earlier one', 'earlier two']);
  await sidebarLink(alice, title).click();
  await expect(bubblesWithText(alice, 'earlier two')).toBeVisible();
  await expect.poll(() => readSeqOf(alice, id)).toBe(2);
  await alice.page.goto('/app');

  const texts = Array.from({ length: 75 }, (_, i) => `unread ${i + 1}`);
  await postMessagesViaApi(bob, id, texts);
  await expect(sidebarLink(alice, title)).toHaveAccessibleName(`${title}, 75 unread`);

  // Item 5: it opens at the "New messages" separator, older pages loaded as needed.
  await sidebarLink(alice, title).click();
  await expect(alice.page.getByText('New messages', { exact: true })).toBeInViewport();
  await expect(bubblesWithText(alice, 'unread 1')).toBeInViewport();

  // Item 1: only what was on screen is read; the rest stays unread, on the server too.
  await expect.poll(() => readSeqOf(alice, id)).toBeGreaterThan(2);
  const partly = await readSeqOf(alice, id);
  expect(partly).toBeLessThan(77);
  await expect(sidebarLink(alice, title)).toHaveAccessibleName(/, \d+ unread$/);

  await readDownToTheEnd(alice);
  await expect.poll(() => readSeqOf(alice, id)).toBe(77);
  await expect(sidebarLink(alice, title)).toHaveAccessibleName(title);
});

test('scrolled far up, or with the window in the background, new messages stay unread', async ({
  signUp,
}) => {
  test.setTimeout(120_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const title = `Far up ${alice.username.slice(-6)}`;
  await createGroup(bob, title, [alice]);
  const id = conversationIdOf(bob.page);
  await postMessagesViaApi(
    bob,
    id,
    Array.from({ length: 40 }, (_, i) => `old ${i + 1}`),
  );
  await sidebarLink(alice, title).click();
  await readDownToTheEnd(alice);
  await expect.poll(() => readSeqOf(alice, id)).toBe(40);

  // Item 2: far up, two arrive: the jump button and the sidebar both count them.
  await messageLog(alice).evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(bubblesWithText(alice, 'old 1')).toBeInViewport();
  await postMessagesViaApi(bob, id, ['new while away 1', 'new while away 2']);
  const jump = alice.page.getByRole('button', { name: 'Jump to latest messages' });
  await expect(jump).toContainText('2');
  await expect(sidebarLink(alice, title)).toHaveAccessibleName(`${title}, 2 unread`);
  expect(await readSeqOf(alice, id)).toBe(40);
  await jump.click();
  await expect(bubblesWithText(alice, 'new while away 2')).toBeInViewport();
  await expect.poll(() => readSeqOf(alice, id)).toBe(42);
  await expect(sidebarLink(alice, title)).toHaveAccessibleName(title);

  // At the bottom but the window has lost focus: not read until it comes back.
  await alice.page.evaluate(() => window.dispatchEvent(new Event('blur')));
  await postMessagesViaApi(bob, id, ['while in the background']);
  await expect(bubblesWithText(alice, 'while in the background')).toBeInViewport();
  await expect(sidebarLink(alice, title)).toHaveAccessibleName(`${title}, 1 unread`);
  expect(await readSeqOf(alice, id)).toBe(42);
  await alice.page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await expect.poll(() => readSeqOf(alice, id)).toBe(43);
  await expect(sidebarLink(alice, title)).toHaveAccessibleName(title);
});
