// The admin console (issue #14): an instance admin works through the report queue in the
// browser — the reported message in its context, suspending with a note (the suspended
// person's open tab is signed out at once), the user page with unsuspend, and the audit log.
// Everyone else gets "Page not found" and no menu entry. Real server, real Chromium.
import path from 'node:path';
import {
  apiToken,
  conversationIdOf,
  createGroup,
  expect,
  postMessagesViaApi,
  test,
} from '../fixtures';
import { seriousViolations } from '../support/axe';

const shots = path.join(import.meta.dirname, '..', '..', '..', 'docs', 'screenshots');

test('an admin resolves a report and suspends, everyone else sees nothing', async ({
  signUp,
  server,
}) => {
  test.setTimeout(150_000);
  const admin = await signUp('admin');
  const reporter = await signUp('reporter');
  const troll = await signUp('troll');
  test.skip(!server.canRestart, 'needs a managed server to name the admin');
  await server.restartWith({ NATTER_ADMINS: admin.username });
  try {
    await createGroup(reporter, 'Garden club', [troll]);
    const conversationId = conversationIdOf(reporter.page);
    await postMessagesViaApi(reporter, conversationId, ['Tomatoes are up!', 'Photos later']);
    await postMessagesViaApi(troll, conversationId, ['Your garden is ugly and so are you']);
    await postMessagesViaApi(reporter, conversationId, ['That was rude.']);

    // The reporter files a report on the troll's message (the report dialog has its own spec).
    const token = await apiToken(reporter);
    const history = await reporter.context.request.get(
      `/api/v1/conversations/${conversationId}/messages`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    const messages = ((await history.json()) as { messages: { id: string; body_text: string }[] })
      .messages;
    const rude = messages.find((m) => m.body_text.startsWith('Your garden'));
    const filed = await reporter.context.request.post('/api/v1/reports', {
      data: { username: troll.username, reason: 'Insults', message_id: rude?.id },
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(filed.status()).toBe(201);

    // A plain user: no menu entry, and /admin does not exist for them.
    await reporter.page.getByRole('button', { name: /^Account:/ }).click();
    await expect(reporter.page.getByRole('menuitem', { name: 'Download my data' })).toBeVisible();
    await expect(reporter.page.getByRole('menuitem', { name: 'Admin console' })).toHaveCount(0);
    await reporter.page.keyboard.press('Escape');
    await reporter.page.goto('/admin');
    await expect(reporter.page.getByRole('heading', { name: 'Page not found' })).toBeVisible();

    // The admin opens the console from the menu: open reports first, with the context.
    await admin.page.reload();
    await admin.page.getByRole('button', { name: /^Account:/ }).click();
    await admin.page.getByRole('menuitem', { name: 'Admin console' }).click();
    await admin.page.waitForURL(/\/admin$/);
    await expect(admin.page.getByRole('tab', { name: 'Open reports' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const card = admin.page.getByRole('article').filter({ hasText: 'Insults' });
    await expect(card).toContainText(`${reporter.name} reported`);
    const context = card.getByRole('list', { name: 'Reported message in context' });
    await expect(context.getByRole('listitem')).toHaveCount(4);
    await expect(context.locator('.reported')).toContainText('Your garden is ugly');
    await expect(context).toContainText('Tomatoes are up!');
    await expect(context).toContainText('That was rude.');
    await admin.page.screenshot({ path: path.join(shots, 'web-admin-reports.png') });
    expect(await seriousViolations(admin.page)).toEqual([]);

    // Suspend with a note: the troll's open tab is signed out at once.
    await card.getByLabel('Note (kept in the audit log)').fill('Insulting members');
    await card.getByRole('button', { name: `Suspend ${troll.name}` }).click();
    await expect(admin.page.getByText('No open reports')).toBeVisible();
    await troll.page.waitForURL(/\/login/);
    // Signing in again is refused, and the page says why.
    await troll.page.getByLabel('Name', { exact: true }).fill(troll.name);
    await troll.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(troll.page.getByRole('alert')).toContainText('suspended');

    await admin.page.getByRole('tab', { name: 'Resolved' }).click();
    const resolved = admin.page.getByRole('article').filter({ hasText: 'Insults' });
    await expect(resolved.getByRole('status')).toContainText(
      `User suspended by @${admin.username}`,
    );

    // The user page: suspended, with the report; unsuspend lets them back.
    await resolved.getByRole('link', { name: troll.name }).click();
    await admin.page.waitForURL(/\/admin\/users\//);
    const account = admin.page.getByRole('region', { name: 'Account' });
    await expect(account.getByText('Suspended', { exact: true })).toBeVisible();
    await admin.page.screenshot({ path: path.join(shots, 'web-admin-user.png') });
    await admin.page.getByLabel('Note (kept in the audit log)').first().fill('Apologised');
    await admin.page.getByRole('button', { name: 'Unsuspend' }).click();
    await expect(account.getByText('Active', { exact: true })).toBeVisible();
    await troll.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await troll.page.waitForURL(/\/app/);

    // The audit log has both actions, newest first, with the notes.
    await admin.page.getByRole('link', { name: 'Back to the console' }).click();
    await admin.page.getByRole('tab', { name: 'Audit log' }).click();
    const rows = admin.page.getByRole('row');
    await expect(rows.nth(1)).toContainText(`lifted the suspension of @${troll.username}`);
    await expect(rows.nth(1)).toContainText('Apologised');
    await expect(rows.nth(2)).toContainText(`suspended @${troll.username}`);
    await expect(rows.nth(2)).toContainText('Insulting members');
    await admin.page.screenshot({ path: path.join(shots, 'web-admin-audit.png') });
    expect(await seriousViolations(admin.page)).toEqual([]);
  } finally {
    await server.restartWith({});
  }
});
