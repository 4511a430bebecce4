// The states added for issue #17 pass axe too, light and dark: the offline banner and queued
// messages, the blocked bar, the Ctrl+K switcher and the not-found page.
import { blockFromDmDetails, expect, messageLog, openDmWith, sendMessage, test } from '../fixtures';
import { seriousViolations } from '../support/axe';

test('offline, blocked, switcher and not-found pass axe, light and dark', async ({ signUp }) => {
  test.setTimeout(120_000);
  for (const colorScheme of ['light', 'dark'] as const) {
    const alice = await signUp('alice', { colorScheme });
    const ben = await signUp('ben', { colorScheme });
    await openDmWith(alice, ben);
    await sendMessage(alice, 'before the tunnel');
    await expect(messageLog(alice).getByRole('img', { name: /Sent|Delivered|Read/ })).toHaveCount(
      1,
    );

    await alice.context.setOffline(true);
    await expect(alice.page.locator('[data-connection]')).toHaveAttribute(
      'data-connection',
      'offline',
    );
    await sendMessage(alice, 'queued in the tunnel');
    await expect(
      messageLog(alice).getByRole('img', { name: 'Waiting for connection' }),
    ).toHaveCount(1);
    expect(await seriousViolations(alice.page)).toEqual([]);
    await alice.context.setOffline(false);
    await expect(messageLog(alice).getByRole('img', { name: /Waiting/ })).toHaveCount(0);

    await blockFromDmDetails(alice, ben);
    expect(await seriousViolations(alice.page)).toEqual([]);

    await alice.page.keyboard.press('Control+k');
    await expect(alice.page.getByRole('dialog', { name: 'Go to conversation' })).toBeVisible();
    expect(await seriousViolations(alice.page)).toEqual([]);
    await alice.page.keyboard.press('Escape');

    await alice.page.goto('/app/c/not-a-uuid');
    await expect(alice.page.getByRole('heading', { name: 'Conversation not found' })).toBeVisible();
    expect(await seriousViolations(alice.page)).toEqual([]);
  }
});
