import { createGroup, expect, sendMessage, test } from '../fixtures';
import { seriousViolations } from '../support/axe';

test('main screens have no serious accessibility violations, light and dark', async ({
  signUp,
}) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const alice = await signUp('alice', { colorScheme });
    const bob = await signUp('bob', { colorScheme });
    expect(await seriousViolations(alice.page)).toEqual([]);

    await createGroup(alice, `A11y ${colorScheme}`, [bob]);
    await sendMessage(alice, 'Checking contrast and labels https://example.org');
    await expect(alice.page.getByRole('log', { name: 'Messages' })).toContainText('contrast');
    expect(await seriousViolations(alice.page)).toEqual([]);

    await alice.page.getByRole('button', { name: 'Group details' }).click();
    expect(await seriousViolations(alice.page)).toEqual([]);

    await alice.page.goto('/login');
    await alice.page.context().clearCookies();
  }
});

test('the chat can be used with the keyboard alone', async ({ signUp }) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  await createGroup(alice, 'Keyboard', [bob]);
  const page = bob.page;
  // Skip link, then Tab into the conversation list, Enter opens, focus moves on to the composer.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  const link = page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', {
    name: /Keyboard/,
  });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Keyboard', level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Message' }).focus();
  await page.keyboard.type('typed without a mouse');
  await page.keyboard.press('Enter');
  await expect(alice.page.getByRole('log', { name: 'Messages' })).toContainText(
    'typed without a mouse',
  );
});
