// A socket lives no longer than its access token (docs/protocol.md): with 20-second tokens the
// server sends `auth.expiring` after ten, and the app renews on the same socket.
import type { WebSocket } from '@playwright/test';
import {
  bubblesWithText,
  createGroupAndOpen,
  expect,
  messageLog,
  sendMessage,
  test,
  type Person,
} from '../fixtures';

// The server's minimum is 10 s; 20 s leaves the sign-up and the group set-up time to finish
// while the renewal under test happens in the middle of the conversation.
const ACCESS_TOKEN_SECONDS = '20';

test.describe('socket renewal', () => {
  test.beforeAll(async ({ server }) => {
    test.skip(server.mode !== 'managed', 'needs a server the fixture can configure');
    await server.restartWith({ NATTER_ACCESS_TOKEN_SECONDS: ACCESS_TOKEN_SECONDS });
  });
  test.afterAll(async ({ server }) => {
    if (server.mode === 'managed') await server.restartWith({});
  });

  /** Reloads the page and returns every WebSocket it opens from now on. */
  async function watchSockets(person: Person): Promise<WebSocket[]> {
    const sockets: WebSocket[] = [];
    person.page.on('websocket', (ws) => sockets.push(ws));
    await person.page.reload();
    await expect.poll(() => sockets.length).toBe(1);
    return sockets;
  }

  test('auth.expiring renews on the same socket; messages around it arrive once', async ({
    signUp,
  }) => {
    test.setTimeout(120_000);
    const alice = await signUp('alice');
    const bob = await signUp('bob');
    const title = `Renewal ${alice.username.slice(-6)}`;
    await createGroupAndOpen(alice, title, [bob]);

    const sockets = await watchSockets(alice);
    const socket = sockets[0]!;
    await expect(alice.page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
    const sent: string[] = [];
    const received: string[] = [];
    socket.on('framesent', (frame) => sent.push(String(frame.payload)));
    socket.on('framereceived', (frame) => received.push(String(frame.payload)));
    const ofType = (frames: string[], type: string) =>
      frames.filter((f) => f.includes(`"type":"${type}"`));

    await expect
      .poll(() => ofType(received, 'auth.expiring').length, { timeout: 30_000 })
      .toBeGreaterThan(0);
    const expiring = JSON.parse(ofType(received, 'auth.expiring')[0]!) as {
      data: { expires_at: string };
    };
    const expiresAt = Date.parse(expiring.data.expires_at);
    // Sent while the renewal is under way, from both sides.
    await sendMessage(alice, 'alice around the renewal');
    await sendMessage(bob, 'bob around the renewal');

    // The app answered with a fresh token on this socket and the server took it.
    await expect.poll(() => ofType(sent, 'auth').length).toBeGreaterThanOrEqual(2);
    const renewal = JSON.parse(ofType(sent, 'auth')[1]!) as { id: string };
    await expect
      .poll(() => ofType(received, 'auth.ok').some((f) => f.includes(`"id":"${renewal.id}"`)))
      .toBe(true);

    // Past the first token's expiry the same socket is still the one in use.
    await alice.page.waitForTimeout(Math.max(0, expiresAt - Date.now()) + 2_000);
    expect(socket.isClosed()).toBe(false);
    expect(sockets).toHaveLength(1);
    await expect(alice.page.locator('[data-connection]')).not.toHaveAttribute(
      'data-connection',
      'offline',
    );
    await sendMessage(alice, 'alice after the expiry');

    for (const person of [alice, bob]) {
      for (const text of [
        'alice around the renewal',
        'bob around the renewal',
        'alice after the expiry',
      ]) {
        await expect(bubblesWithText(person, text)).toHaveCount(1);
      }
      await expect(messageLog(person).getByRole('img', { name: /Waiting|Sending/ })).toHaveCount(0);
    }
    expect(sockets).toHaveLength(1);
  });
});
