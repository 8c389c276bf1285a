import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, Person } from './support/browser';
import { TestServer } from './support/server';

describe('membership changes reach the pages at once', () => {
  let server: TestServer;
  let browser: Browser;
  let alice: Person;
  let bob: Person;

  before(async () => {
    server = await TestServer.start('membership');
    browser = await launchBrowser();
    alice = await Person.open(browser, 'alice', server.url);
    bob = await Person.open(browser, 'bob', server.url);
    await alice.signUp();
    await bob.signUp();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a removed member\'s page loses the chat, even the one it had open', async () => {
    await alice.createChat('Team', 'bob');
    await bob.openChat('Team');
    const chatUrl = bob.page.url();
    await alice.send('you will not see the next one');
    await bob.page.getByText('you will not see the next one').waitFor();

    await alice.page.getByRole('button', { name: /Members/ }).click();
    await alice.page.getByRole('button', { name: /^Remove / }).click();
    await bob.page.getByRole('navigation').getByRole('link', { name: /Team/ }).waitFor({ state: 'detached' });
    await bob.page.waitForURL(/\/app$/);
    // the notice stays (going back to the list must not wipe it) until dismissed
    await bob.page.getByText('You were removed from “Team”.').waitFor();
    await bob.page.getByRole('button', { name: 'Dismiss' }).click();
    await bob.page.getByText('You were removed from “Team”.').waitFor({ state: 'detached' });
    await alice.page.getByRole('button', { name: 'Members (1)' }).waitFor();

    // and a reload, or the old link, does not bring it back
    await bob.page.goto(chatUrl);
    await bob.page.getByRole('heading', { name: 'Chats' }).waitFor();
    await bob.page.waitForURL(/\/app$/);
    assert.equal(await bob.page.getByRole('navigation').getByRole('link', { name: /Team/ }).count(), 0);
  });

  test('someone who leaves is gone from the others\' member list', async () => {
    await alice.createChat('Club', 'bob');
    await bob.openChat('Club');
    await bob.page.getByRole('button', { name: /Members/ }).click();
    await bob.page.getByRole('button', { name: 'Leave chat' }).click();
    await bob.page.getByRole('navigation').getByRole('link', { name: /Club/ }).waitFor({ state: 'detached' });
    assert.equal(await bob.page.getByText('You were removed').count(), 0, 'leaving is not being removed');
    await alice.page.getByRole('button', { name: 'Members (1)' }).waitFor();
  });

  test('the last owner cannot leave while others remain, and is told so', async () => {
    await alice.createChat('Owned', 'bob');
    await alice.page.getByRole('button', { name: /Members/ }).click();
    await alice.page.getByRole('button', { name: 'Leave chat' }).click();
    await alice.page.getByRole('alert').waitFor();
    assert.match(await alice.page.getByRole('alert').textContent() ?? '', /owner/i);
    alice.expectConsole(/status of 409/);
    assert.equal(await alice.page.getByRole('navigation').getByRole('link', { name: /Owned/ }).count(), 1);
  });

  test('nothing else went wrong in either page', () => {
    assert.deepEqual(alice.unexpectedErrors(), []);
    assert.deepEqual(bob.unexpectedErrors(), []);
  });
});
