// Issue 18: a message can be reported from its own actions; the report names that message.
import { bubblesWithText, expect, messageLog, openDmWith, sendMessage, test } from '../fixtures';

test('someone reports a message from its actions, and the server gets its id', async ({
  signUp,
}) => {
  const ana = await signUp('ana');
  const ben = await signUp('ben');
  await openDmWith(ben, ana);
  await sendMessage(ben, 'buy cheap followers at spam.example');
  await openDmWith(ana, ben);
  const bubble = messageLog(ana).locator('li.msg', {
    hasText: 'buy cheap followers at spam.example',
  });
  await expect(bubble).toBeVisible();
  const messageId = await bubble.getAttribute('data-message-id');
  expect(messageId).toBeTruthy();

  await bubble.hover();
  await bubble.getByRole('button', { name: 'Report' }).click();
  const dialog = ana.page.getByRole('dialog', { name: 'Report message' });
  await dialog.getByLabel('What is wrong?').fill('Spam');
  const sent = ana.page.waitForRequest(
    (request) => request.url().endsWith('/api/v1/reports') && request.method() === 'POST',
  );
  const answered = ana.page.waitForResponse((response) =>
    response.url().endsWith('/api/v1/reports'),
  );
  await dialog.getByRole('button', { name: 'Send report' }).click();
  expect((await sent).postDataJSON()).toMatchObject({ message_id: messageId, reason: 'Spam' });
  expect((await answered).status()).toBe(201);
  await expect(bubble.getByRole('status')).toHaveText('Reported to the moderators. Thank you.');
  // One's own messages offer no report.
  await sendMessage(ana, 'mine');
  await expect(bubblesWithText(ana, 'mine')).toHaveCount(1);
  const own = messageLog(ana).locator('li.msg-own', { hasText: 'mine' });
  await own.hover();
  await expect(own.getByRole('button', { name: 'Report' })).toHaveCount(0);
});
