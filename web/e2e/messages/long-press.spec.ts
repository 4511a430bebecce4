import {
  bubblesWithText,
  createGroupAndOpen,
  expect,
  messageLog,
  sendMessage,
  test,
} from '../fixtures';

// Issue 12 on a phone: touch-and-hold a message opens the same actions as hover does.
test('long-press on a phone opens the message actions', async ({ signUp }) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob', { viewport: { width: 390, height: 780 } });
  await createGroupAndOpen(alice, `Phone ${alice.username.slice(-6)}`, [bob]);
  await sendMessage(alice, 'Hold me');
  await expect(bubblesWithText(bob, 'Hold me')).toHaveCount(1);

  const row = messageLog(bob).locator('li.msg', { hasText: 'Hold me' });
  const actions = row.getByRole('toolbar', { name: 'Message actions' });
  await bob.page.mouse.move(200, 500); // no mouse hovering over it, as on a phone
  await expect(actions).toBeHidden();
  const box = (await row.locator('.msg-bubble').boundingBox())!;
  const at = { clientX: box.x + 10, clientY: box.y + 10 };
  await row
    .locator('.msg-bubble')
    .dispatchEvent('pointerdown', { pointerType: 'touch', isPrimary: true, ...at });
  // Held (no lift yet): the actions open with focus on the first, as for a keyboard user.
  await expect(actions).toBeVisible();
  await expect(actions.getByRole('button', { name: 'Reply' })).toBeFocused();
  await row
    .locator('.msg-bubble')
    .dispatchEvent('pointerup', { pointerType: 'touch', isPrimary: true, ...at });
  await actions.getByRole('button', { name: 'Reply' }).click();
  await expect(bob.page.getByRole('status', { name: 'Replying' })).toContainText('Hold me');
  expect(bob.pageErrors).toEqual([]);
});
