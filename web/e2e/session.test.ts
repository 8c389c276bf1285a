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
 * Sessions (issue 13, items 7 and 8): the login answer carries a refresh token; the page renews its short-lived
 * access token before it expires (and after a 401), hands the new one to its open socket in-band, and logging out
 * really ends the session on the server: its tokens stop working and its sockets close, on every device for
 * "log out everywhere".
 */
describe('sessions: refresh, in-band re-authentication and logout', () => {
  const TTL_SECONDS = 12;
  /** The server accepts a token over HTTP up to 30 s past its expiry (clock skew between machines). */
  const SKEW_SECONDS = 30;
  let server: TestServer;
  let browser: Browser;

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

  test('logging out ends the session on the server: its access and refresh tokens stop working', async () => {
    const alice = await Person.open(browser, 'alice', server.url);
    await alice.signUp();
    const before = (await stored(alice))!;
    assert.ok(before.refreshToken, 'the page keeps the refresh token the server hands out');
    const api = new Api(server.api);
    await api.call('GET', '/users/me', undefined, before.accessToken);

    await alice.page.getByRole('button', { name: 'Log out', exact: true }).click();
    await alice.page.getByRole('form', { name: 'Log in' }).waitFor();
    assert.equal(await stored(alice), null, 'nothing of the session is left in the browser');
    await assert.rejects(api.call('GET', '/users/me', undefined, before.accessToken), /401/,
      'the logged-out access token is refused at once, well before it expires');
    await assert.rejects(api.call('POST', '/auth/refresh', { refreshToken: before.refreshToken }), /401/,
      'the logged-out session cannot be refreshed');
    await alice.page.reload();
    await alice.page.getByRole('form', { name: 'Log in' }).waitFor();
    await alice.logIn();
    await alice.online();
    assert.deepEqual(alice.unexpectedErrors(), []);
    await alice.close();
  });

  test('past the access token\'s life the page renews it and re-authenticates its socket without reconnecting', async () => {
    const bob = await Person.open(browser, 'bob', server.url);
    await bob.signUp();
    await bob.createChat('Notes');
    await bob.send('while the token is young');
    await bob.page.locator('li.message[data-message-id]', { hasText: 'while the token is young' }).waitFor();
    const first = (await stored(bob))!;
    // the server closes a socket whose token expired (4401): a new connection would mean no in-band re-auth
    let reconnects = 0;
    bob.page.on('websocket', () => reconnects++);
    const dead = first.accessExpiresAt + (SKEW_SECONDS + 2) * 1000;
    await bob.page.waitForFunction((t) => Date.now() > t, dead, { timeout: (TTL_SECONDS + SKEW_SECONDS + 30) * 1000 });

    await bob.online();
    const now = (await stored(bob))!;
    assert.notEqual(now.accessToken, first.accessToken);
    assert.notEqual(now.refreshToken, first.refreshToken, 'refresh tokens rotate');
    await bob.send('with a renewed token');
    await bob.page.locator('li.message[data-message-id]', { hasText: 'with a renewed token' }).waitFor();
    // live delivery still works on the same socket, carried past several token lifetimes
    const api = new Api(server.api);
    const other = await api.logIn('bob');
    await api.post(other.token, await api.chatId(other.token, 'Notes'), 'from another device');
    await bob.page.locator('li.message[data-message-id]', { hasText: 'from another device' }).waitFor();
    assert.equal(reconnects, 0, 'the socket lived on, re-authenticated in-band');
    assert.deepEqual(bob.unexpectedErrors(), []);
    await bob.close();
  });

  test('a request refused with 401 is retried once with a refreshed token', async () => {
    const carol = await Person.open(browser, 'carol', server.url);
    await carol.signUp();
    await carol.createChat('Drafts');
    // another tab of the same browser stores a token the server refuses; the page picks it up (storage event)
    const heard = carol.page.evaluate(() => new Promise<void>((done) => addEventListener('storage', () => done(), { once: true })));
    const tab = await carol.context.newPage();
    await tab.goto(server.url + '/');
    await tab.evaluate(() => {
      const data = JSON.parse(localStorage.getItem('chirpchat.session')!);
      data.accessToken = 'not-a-token';
      localStorage.setItem('chirpchat.session', JSON.stringify(data));
    });
    await heard;
    await tab.close();
    carol.expectConsole(/status of 401/);

    await carol.send('sent after a 401');
    await carol.page.locator('li.message[data-message-id]', { hasText: 'sent after a 401' }).waitFor();
    await carol.page.locator('[data-pending]').waitFor({ state: 'detached' });
    const now = (await stored(carol))!;
    assert.notEqual(now.accessToken, 'not-a-token', 'the page refreshed its tokens');
    assert.deepEqual(await carol.texts(), ['sent after a 401']);
    assert.deepEqual(carol.unexpectedErrors(), []);
    await carol.close();
  });

  test('"log out everywhere" ends the session of every device: another browser\'s page is logged out', async () => {
    const dora = await Person.open(browser, 'dora', server.url);
    await dora.signUp();
    const laptop = await Person.open(browser, 'dora', server.url);
    await laptop.logIn();
    await laptop.online();
    const laptopTokens = (await stored(laptop))!;
    laptop.expectConsole(/status of 401/);

    await dora.page.getByRole('button', { name: 'Log out everywhere' }).click();
    await dora.page.getByRole('form', { name: 'Log in' }).waitFor();

    // the laptop's socket is closed (4401) within seconds; its refresh is refused; the page says so
    await laptop.page.getByText('Your session has ended. Please log in again.').waitFor();
    await laptop.page.getByRole('form', { name: 'Log in' }).waitFor();
    assert.equal(await stored(laptop), null);
    const api = new Api(server.api);
    await assert.rejects(api.call('GET', '/users/me', undefined, laptopTokens.accessToken), /401/);
    await assert.rejects(api.call('POST', '/auth/refresh', { refreshToken: laptopTokens.refreshToken }), /401/);
    assert.deepEqual(dora.unexpectedErrors(), []);
    assert.deepEqual(laptop.unexpectedErrors(), []);
    await dora.close();
    await laptop.close();
  });
});
