import path from 'node:path';
import {
  bubblesWithText,
  createGroupAndOpen,
  expect,
  messageLog,
  sendMessage,
  test,
} from '../fixtures';
import { seriousViolations } from '../support/axe';

const screenshots = path.join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');

// Issue 12: the full emoji picker behind the quick picker's "+", by keyboard, on a phone,
// loading nothing from any other site.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`full emoji picker (${colorScheme}): search, pick by keyboard, nothing fetched from elsewhere`, async ({
    signUp,
    baseURL,
  }) => {
    const alice = await signUp('alice');
    const bob = await signUp('bob', { viewport: { width: 390, height: 780 }, colorScheme });
    const foreign: string[] = [];
    const cspErrors: string[] = [];
    bob.page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(baseURL ?? '') && !url.startsWith('data:') && !url.startsWith('blob:')) {
        foreign.push(url);
      }
    });
    bob.page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspErrors.push(message.text());
    });
    await createGroupAndOpen(alice, `Pizza ${alice.username.slice(-6)}`, [bob]);
    await sendMessage(alice, 'Pizza on Friday?');
    await expect(bubblesWithText(bob, 'Pizza on Friday?')).toHaveCount(1);

    // A tap on the message shows its actions (no hover on a phone); React, then "+".
    const copy = messageLog(bob).locator('li.msg', { hasText: 'Pizza on Friday?' });
    await copy.locator('.msg-bubble').click();
    await copy.getByRole('button', { name: 'React', exact: true }).click();
    await copy.getByRole('button', { name: 'More emojis' }).click();
    const dialog = bob.page.getByRole('dialog', { name: 'Add a reaction' });
    await expect(dialog).toBeVisible();
    const search = dialog.getByRole('searchbox').or(dialog.getByRole('textbox')).first();
    await expect(search).toBeFocused();
    expect(await seriousViolations(bob.page)).toEqual([]);
    await bob.page.screenshot({
      path: path.join(screenshots, `web-emoji-picker${colorScheme === 'dark' ? '-dark' : ''}.png`),
    });

    // Keyboard only: type, Enter takes the first result; focus goes back to the actions.
    await bob.page.keyboard.type('rocket');
    await expect(dialog.getByRole('gridcell', { name: 'rocket' })).toBeVisible();
    await bob.page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(copy.getByRole('button', { name: 'React', exact: true })).toBeFocused();
    const alicesCopy = messageLog(alice).locator('li.msg', { hasText: 'Pizza on Friday?' });
    await expect(alicesCopy.getByRole('button', { name: `🚀 1: ${bob.name}` })).toBeVisible();

    // Esc closes it without reacting, and focus returns to where it was opened.
    await copy.locator('.msg-bubble').click();
    await copy.getByRole('button', { name: 'React', exact: true }).click();
    const more = copy.getByRole('button', { name: 'More emojis' });
    await more.click();
    await expect(dialog).toBeVisible();
    await bob.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(more).toBeFocused();

    expect(foreign).toEqual([]);
    expect(cspErrors).toEqual([]);
    expect(bob.pageErrors).toEqual([]);
  });
}
