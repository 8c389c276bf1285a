import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { Api } from './support/api';
import { launchBrowser, Person } from './support/browser';
import { TestServer } from './support/server';

interface Stored {
  accessToken: string;
  accessExpiresAt: number;
  refreshToken?: string;
}

/**
 * Sessions. Servers with `POST /auth/refresh` (refresh tokens in the login answer) keep the page logged in past
 * the access token's life and revoke sessions on logout; servers without them end the page's session when the
 * token expires. Which one this server is, the login answer says; each case is asserted as it should behave.
 */
describe('sessions: logging out, and tokens that expire while the page is open', () => {
  const TTL_SECONDS = 12;
  /** The server accepts a token up to 30 s past its expiry (clock skew between machines). */
  const SKEW_SECONDS = 30;
  let server: TestServer;
  let browser: Browser;
  let sessions: boolean;

  before(async () => {
    server = await TestServer.start('session', { CHIRPCHAT_AUTH_TOKEN_dash_TTL: `PT${TTL_SECONDS}S` });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const stored = (person: Person) => person.page.evaluate(
    () => JSON.parse(localStorage.getItem('chirpchat.session') ?? 'null') as Stored | null);

  test('logging out ends the session here (and on the server, when it has sessions)', async () => {
    const alice = await Person.open(browser, 'alice', server.url);
    await alice.signUp();
    const before = (await stored(alice))!;
    sessions = before.refreshToken !== undefined;
    const api = new Api(server.api);
    assert.equal((await api.logIn('alice')).refreshToken !== undefined, sessions, 'the page keeps what the server hands out');
    assert.equal(await alice.page.getByRole('button', { name: 'Log out everywhere' }).count(), sessions ? 1 : 0);

    await alice.page.getByRole('button', { name: 'Log out', exact: true }).click();
    await alice.page.getByRole('form', { name: 'Log in' }).waitFor();
    assert.equal(await stored(alice), null, 'nothing of the session is left in the browser');
    await alice.page.reload();
    await alice.page.getByRole('form', { name: 'Log in' }).waitFor();
    if (sessions) {
      await assert.rejects(api.call('POST', '/auth/refresh', { refreshToken: before.refreshToken }), /401/,
        'the logged-out session cannot be refreshed');
    }
    await alice.logIn();
    await alice.online();
    assert.deepEqual(alice.unexpectedErrors(), []);
    await alice.close();
  });

  test('past the access token\'s life the page renews it, or says the session ended and sends nothing twice', async () => {
    const bob = await Person.open(browser, 'bob', server.url);
    await bob.signUp();
    await bob.createChat('Notes');
    await bob.send('while the token is young');
    await bob.page.locator('li.message[data-message-id]', { hasText: 'while the token is young' }).waitFor();
    const first = (await stored(bob))!;
    const dead = first.accessExpiresAt + (SKEW_SECONDS + 2) * 1000;
    await bob.page.waitForFunction((t) => Date.now() > t, dead, { timeout: (TTL_SECONDS + SKEW_SECONDS + 30) * 1000 });

    if (sessions) {
      // renewed in time, in the background: still logged in, still live, and the server takes the new token
      await bob.online();
      const now = (await stored(bob))!;
      assert.notEqual(now.accessToken, first.accessToken);
      await bob.send('with a renewed token');
      await bob.page.locator('li.message[data-message-id]', { hasText: 'with a renewed token' }).waitFor();
    } else {
      bob.expectConsole(/status of 401/);
      await bob.send('after it expired');
      await bob.page.getByText('Your session has ended. Please log in again.').waitFor();
      await bob.logIn();
      await bob.openChat('Notes');
      // the message written as the token ran out waited in the outbox and goes out once, with its clientMessageId
      await bob.page.locator('li.message[data-message-id]', { hasText: 'after it expired' }).waitFor();
      await bob.page.locator('[data-pending]').waitFor({ state: 'detached' });
      assert.deepEqual(await bob.texts(), ['while the token is young', 'after it expired']);
    }
    assert.deepEqual(bob.unexpectedErrors(), []);
    await bob.close();
  });
});
