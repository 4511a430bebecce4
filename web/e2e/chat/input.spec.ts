// Item 14 of issue #17: counting as the server does, drafts, direction, not-found, details.
import {
  addMemberThroughDetails,
  composer,
  createGroup,
  expect,
  messageLog,
  sendMessage,
  test,
} from '../fixtures';

/** WCAG contrast of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lin = (c: number) => {
      const v = c / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(bl!);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

test('the counter counts as the server does; drafts survive a reload; RTL reads right', async ({
  signUp,
}) => {
  test.setTimeout(90_000);
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const cara = await signUp('cara');
  const title = `Input ${alice.username.slice(-6)}`;
  await createGroup(alice, title, [bob]);

  // 2,110 emoji are 2,110 characters to the server: no counter, Send enabled, and it goes.
  const emoji = '😀'.repeat(2110);
  await composer(alice).fill(emoji);
  await expect(alice.page.locator('#composer-count')).toHaveCount(0);
  await expect(alice.page.getByRole('button', { name: 'Send message' })).toBeEnabled();
  await composer(alice).press('Enter');
  await expect(messageLog(alice).getByRole('img', { name: /Sent|Delivered|Read/ })).toHaveCount(1);
  await composer(alice).fill('😀'.repeat(4001));
  await expect(alice.page.locator('#composer-count')).toHaveText('1 over the limit');
  await composer(alice).fill('😀'.repeat(3990));
  await expect(alice.page.locator('#composer-count')).toHaveText('10 left');

  // A draft is kept per conversation, across a reload.
  await composer(alice).fill('a draft I will finish later');
  await alice.page.reload();
  await expect(composer(alice)).toHaveValue('a draft I will finish later');
  await composer(alice).fill('');

  // Right-to-left text is set right-to-left.
  await sendMessage(alice, 'שלום לכולם');
  const rtl = messageLog(alice)
    .locator('li.msg-own:not(.is-pending) .msg-text')
    .filter({ hasText: 'שלום לכולם' });
  await expect(rtl).toHaveAttribute('dir', 'auto');
  await expect.poll(() => rtl.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  await expect
    .poll(() => rtl.evaluate((el) => getComputedStyle(el.closest('.msg-bubble')!).textAlign))
    .toBe('right');

  // Own timestamps are readable: at least 4.5:1 on the purple bubble.
  const meta = messageLog(alice).locator('li.msg-own .msg-meta time').last();
  const [color, background, opacity] = await meta.evaluate((el) => {
    const bubble = el.closest('.msg-bubble')!;
    return [
      getComputedStyle(el).color,
      getComputedStyle(bubble).backgroundColor,
      getComputedStyle(el.closest('.msg-meta')!).opacity,
    ];
  });
  expect(opacity).toBe('1');
  expect(contrast(color, background)).toBeGreaterThanOrEqual(4.5);

  // After adding someone, the Add box is empty again (no stale "Nobody found").
  await addMemberThroughDetails(alice, cara);
  const details = alice.page.getByRole('complementary', { name: 'Details' });
  await expect(details.getByLabel('Add members')).toHaveValue('');
  await expect(details.getByText('Nobody found')).toHaveCount(0);
});

test('a mistyped conversation address is a not-found page, not an error', async ({ signUp }) => {
  const alice = await signUp('alice');
  await alice.page.goto('/app/c/not-a-uuid');
  await expect(alice.page.getByRole('heading', { name: 'Conversation not found' })).toBeVisible();
  await expect(alice.page.getByText('Invalid field')).toHaveCount(0);
  await expect(alice.page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await alice.page.getByRole('link', { name: 'Back to your chats' }).click();
  await expect(alice.page).toHaveURL(/\/app$/);
  await alice.page.goto('/app/c/00000000-0000-4000-8000-000000000000');
  await expect(alice.page.getByRole('heading', { name: 'Conversation not found' })).toBeVisible();
});

test('the focus ring of the first chat is not clipped by the list', async ({ signUp }) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  await createGroup(alice, `Focus ${alice.username.slice(-6)}`, [bob]);
  const first = alice.page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('link')
    .first();
  await first.focus();
  const offset = await first.evaluate((el) => getComputedStyle(el).outlineOffset);
  expect(parseFloat(offset)).toBeLessThanOrEqual(0);
});
