import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, Person } from './support/browser';
import { TestServer } from './support/server';

describe('the server restarts under open pages', () => {
  let server: TestServer;
  let browser: Browser;
  let alice: Person;
  let bob: Person;
  /** Lets bob's page reach the server's WebSocket, or not (his connection is "down" while it is closed). */
  let bobCanConnect = true;
  /** The next frame to bob's page containing this is dropped. */
  let dropFrameWith: string | undefined;

  before(async () => {
    server = await TestServer.start('restart');
    browser = await launchBrowser();
    alice = await Person.open(browser, 'alice', server.url);
    bob = await Person.open(browser, 'bob', server.url);
    await bob.context.routeWebSocket(/\/ws$/, (ws) => {
      if (!bobCanConnect) {
        ws.close({ code: 1011, reason: 'test: no connection' });
        return;
      }
      const upstream = ws.connectToServer();
      upstream.onMessage((frame) => {
        if (dropFrameWith && String(frame).includes(dropFrameWith)) {
          dropFrameWith = undefined; // lost on the way: the page must notice the gap in seq
          return;
        }
        ws.send(frame);
      });
    });
    await alice.signUp();
    await bob.signUp();
    await alice.createChat('Ops', 'bob');
    await bob.openChat('Ops');
    await alice.send('before the restart');
    await bob.page.getByText('before the restart').waitFor();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('pages catch up on what they missed and send what waited, each message exactly once', async () => {
    for (const person of [alice, bob]) {
      person.expectConsole(/WebSocket connection to .* failed/);
      person.expectConsole(/Failed to load resource: net::ERR_(CONNECTION_REFUSED|EMPTY_RESPONSE|CONNECTION_RESET)/);
    }
    await server.stop();
    await alice.page.locator('[data-live="online"]').waitFor({ state: 'detached' });
    await bob.page.locator('[data-live="online"]').waitFor({ state: 'detached' });

    // bob writes while the server is down: it waits in his outbox
    await bob.send('written while it was down');
    await bob.page.locator('[data-pending]', { hasText: 'written while it was down' }).waitFor();

    bobCanConnect = false; // bob stays offline a while longer, so he has to catch up over HTTP
    await server.boot();
    await alice.online();
    for (const text of ['after 1', 'after 2', 'after 3']) {
      await alice.send(text);
    }
    await alice.page.locator('li.message[data-message-id]', { hasText: 'after 3' }).waitFor();
    assert.equal(await bob.page.getByText('after 1').count(), 0, 'bob is still cut off');

    bobCanConnect = true;
    await bob.online();
    await bob.page.locator('li.message[data-message-id]', { hasText: 'after 3' }).waitFor();
    await bob.page.locator('[data-pending]').waitFor({ state: 'detached' });
    await alice.page.locator('li.message[data-message-id]', { hasText: 'written while it was down' }).waitFor();

    const expected = ['before the restart', 'written while it was down', 'after 1', 'after 2', 'after 3'];
    const sorted = (texts: string[]) => [...texts].sort();
    assert.deepEqual(sorted(await bob.texts()), sorted(expected));
    assert.deepEqual(sorted(await alice.texts()), sorted(expected));
    assert.deepEqual(await bob.texts(), await alice.texts(), 'the same order (by seq) on both pages');
  });

  test('an event lost on a live connection is fetched when the next one shows the gap', async () => {
    dropFrameWith = 'lost on the way';
    await alice.send('lost on the way');
    await alice.page.locator('li.message[data-message-id]', { hasText: 'lost on the way' }).waitFor();
    await alice.send('shows the gap');
    await bob.page.locator('li.message[data-message-id]', { hasText: 'shows the gap' }).waitFor();
    await bob.page.locator('li.message[data-message-id]', { hasText: 'lost on the way' }).waitFor();
    assert.equal(dropFrameWith, undefined, 'the frame was dropped');
    const texts = await bob.texts();
    assert.deepEqual(texts.slice(-2), ['lost on the way', 'shows the gap'], 'in order');
    assert.deepEqual(texts, await alice.texts());
  });

  test('nothing else went wrong in either page', () => {
    assert.deepEqual(alice.unexpectedErrors(), []);
    assert.deepEqual(bob.unexpectedErrors(), []);
  });
});
