// Issue #18 item 5: the shared formatting, seen by the other person, and never HTML.
import { createGroup, expect, messageLog, openConversation, sendMessage, test } from '../fixtures';

test('bold, italic, code, quotes and code blocks arrive formatted; markup stays text', async ({
  signUp,
}) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  const title = `Formatting ${alice.username.slice(-6)}`;
  await createGroup(alice, title, [bob]);
  await openConversation(bob, title);

  await sendMessage(alice, '> Which trail?\nThe *ridge loop*, _about_ `14 km`');
  await sendMessage(alice, '```\nint *p = nullptr;\n```');
  await sendMessage(alice, '*<img src=x onerror=alert(1)>* snake_case_name');

  const log = messageLog(bob);
  await expect(log.locator('blockquote')).toHaveText('Which trail?');
  await expect(log.locator('strong').first()).toHaveText('ridge loop');
  await expect(log.locator('em')).toHaveText('about');
  await expect(log.locator('code.msg-code')).toHaveText('14 km');
  await expect(log.locator('pre')).toHaveText('int *p = nullptr;');
  await expect(log.locator('strong').nth(1)).toHaveText('<img src=x onerror=alert(1)>');
  await expect(log.locator('img')).toHaveCount(0);
  await expect(log.getByText('snake_case_name', { exact: false })).toBeVisible();
});
