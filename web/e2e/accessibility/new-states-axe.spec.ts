// The states added for issue #17 pass axe too, light and dark: the offline banner and queued
// messages, the blocked bar, the Ctrl+K switcher and the not-found page.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, messageLog, openDmWith, sendMessage, test } from '../fixtures';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

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

    await alice.page.getByRole('button', { name: 'Conversation details' }).click();
    await alice.page.getByRole('button', { name: `Block ${ben.name}` }).click();
    await alice.page
      .getByRole('dialog', { name: `Block ${ben.name}?` })
      .getByRole('button', { name: 'Block', exact: true })
      .click();
    await alice.page.getByRole('button', { name: 'Close details' }).click();
    await expect(alice.page.getByText(`You blocked ${ben.name}`)).toBeVisible();
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
