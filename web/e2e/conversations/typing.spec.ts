// Issue 18: the conversation list says who is typing, also for chats that are not open.
import { composer, createGroup, expect, openConversation, test } from '../fixtures';

test('the list says "… is typing…" for a chat that is not open', async ({ signUp }) => {
  const ana = await signUp('ana');
  const ben = await signUp('ben');
  const title = `Plans ${ana.username.slice(-6)}`;
  await createGroup(ana, title, [ben]);
  await ana.page.goto('/app'); // the list alone: the group is not open
  await openConversation(ben, title);

  const row = ana.page
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('link', { name: new RegExp(`^${title}`) });
  await composer(ben).pressSequentially('on my way', { delay: 50 });
  await expect(row).toContainText(`${ben.name.split(' ')[0]} is typing…`);
  // Sent: the line gives way to the message.
  await composer(ben).press('Enter');
  await expect(row).toContainText('on my way');
  await expect(row).not.toContainText('typing…');
});
