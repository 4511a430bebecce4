import { expect, test } from '../fixtures';

test('blocking and reporting someone asks for confirmation first', async ({ signUp }) => {
  const alice = await signUp('alice');
  const bob = await signUp('bob');
  await alice.page.goto(`/u/${bob.username}`);
  await expect(alice.page.getByRole('heading', { name: bob.name })).toBeVisible();

  // Cancelling changes nothing.
  await alice.page.getByRole('button', { name: `Block ${bob.name}` }).click();
  const dialog = alice.page.getByRole('dialog', { name: `Block ${bob.name}?` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(alice.page.getByRole('button', { name: `Block ${bob.name}` })).toBeVisible();

  await alice.page.getByRole('button', { name: `Block ${bob.name}` }).click();
  await dialog.getByRole('button', { name: 'Block', exact: true }).click();
  await expect(alice.page.getByRole('button', { name: `Unblock ${bob.name}` })).toBeVisible();

  // A blocked person cannot be messaged.
  await alice.page.getByRole('button', { name: 'Message' }).click();
  await expect(alice.page.getByRole('alert')).toContainText('can’t message');

  await alice.page.getByRole('button', { name: 'Report' }).click();
  const report = alice.page.getByRole('dialog', { name: `Report ${bob.name}` });
  await expect(report.getByRole('button', { name: 'Send report' })).toBeDisabled();
  await report.getByLabel('What is wrong?').fill('Spam in every group');
  await report.getByRole('button', { name: 'Send report' }).click();
  await expect(alice.page.getByText('your report was sent')).toBeVisible();

  await alice.page.getByRole('button', { name: `Unblock ${bob.name}` }).click();
  await alice.page
    .getByRole('dialog', { name: `Unblock ${bob.name}?` })
    .getByRole('button', { name: 'Unblock' })
    .click();
  await expect(alice.page.getByRole('button', { name: `Block ${bob.name}` })).toBeVisible();
});
