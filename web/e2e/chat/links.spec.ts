// Item 13 of issue #17: links found by linkifyjs, as the reader expects them.
import { createGroup, expect, messageLog, sendMessage, test } from '../fixtures';

test('links keep their closing parenthesis, www. is linked, javascript: is not', async ({
  signUp,
}) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  await createGroup(alice, `Links ${alice.username.slice(-6)}`, [bob]);
  await sendMessage(
    alice,
    'Read https://en.wikipedia.org/wiki/Mercury_(planet). Also www.example.org, not javascript:alert(1)',
  );
  const log = messageLog(alice);
  const wiki = log.getByRole('link', { name: 'https://en.wikipedia.org/wiki/Mercury_(planet)' });
  await expect(wiki).toHaveAttribute('href', 'https://en.wikipedia.org/wiki/Mercury_(planet)');
  await expect(wiki).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(log.getByRole('link', { name: 'www.example.org' })).toHaveAttribute(
    'href',
    'http://www.example.org/',
  );
  await expect(log.getByRole('link')).toHaveCount(2);
});
