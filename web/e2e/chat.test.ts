import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { Api } from './support/api';
import { launchBrowser, Person } from './support/browser';
import { TestServer } from './support/server';

describe('two people chat in real time', () => {
  let server: TestServer;
  let browser: Browser;
  let alice: Person;
  let bob: Person;

  before(async () => {
    server = await TestServer.start('chat');
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

  test('a new chat appears for the person added to it, and messages go both ways live', async () => {
    await alice.createChat('Plans', 'bob');
    // bob's page learns of the chat from the live member_added event: no reload
    await bob.openChat('Plans');
    await alice.send('hi bob');
    await bob.page.getByText('hi bob').waitFor();
    await bob.send('hi alice!\nsecond line');
    await alice.page.locator('p.text', { hasText: 'second line' }).waitFor();
    assert.deepEqual(await alice.texts(), ['hi bob', 'hi alice!\nsecond line']);
    assert.deepEqual(await bob.texts(), ['hi bob', 'hi alice!\nsecond line']);
  });

  test('a deleted message becomes a tombstone for both', async () => {
    await alice.send('oops, wrong chat');
    const mine = alice.page.locator('li.message[data-message-id]', { hasText: 'oops, wrong chat' });
    await bob.page.getByText('oops, wrong chat').waitFor();
    await mine.hover();
    await mine.getByRole('button', { name: 'Delete' }).click();
    await mine.getByRole('button', { name: 'Delete for everyone' }).click();
    await alice.page.getByText('oops, wrong chat').waitFor({ state: 'detached' });
    await bob.page.getByText('oops, wrong chat').waitFor({ state: 'detached' });
    assert.equal(await bob.page.locator('li.message.deleted').count(), 1);
  });

  test('a send whose answer is lost is retried with its clientMessageId: one message, not two', async () => {
    let first = true;
    await alice.page.route('**/chats/*/messages', async (route) => {
      if (route.request().method() === 'POST' && first) {
        first = false;
        await route.fetch(); // the server creates the message...
        await route.abort('connectionreset'); // ...but its answer never arrives
        return;
      }
      await route.continue();
    });
    alice.expectConsole(/Failed to load resource: net::ERR_CONNECTION_RESET/);
    await alice.send('sent exactly once');
    await bob.page.getByText('sent exactly once').waitFor();
    await alice.page.locator('li.message[data-message-id]', { hasText: 'sent exactly once' }).waitFor();
    await alice.page.locator('[data-pending]').waitFor({ state: 'detached' });
    assert.equal(first, false, 'the first try was cut off');
    assert.equal((await alice.texts()).filter((t) => t === 'sent exactly once').length, 1);
    assert.equal((await bob.texts()).filter((t) => t === 'sent exactly once').length, 1);
    await alice.page.unroute('**/chats/*/messages');
  });

  test('history pages backwards on demand, without gaps or repeats', async () => {
    const api = new Api(server.api);
    const { token } = await api.logIn('alice');
    const chatId = await api.chatId(token, 'Plans');
    for (let i = 1; i <= 70; i++) {
      await api.post(token, chatId, `old ${i}`);
    }
    const carol = await Person.open(browser, 'carol', server.url);
    await carol.signUp();
    await alice.page.getByRole('button', { name: /Members/ }).click();
    const add = alice.page.getByRole('form', { name: 'Add someone' });
    await add.getByLabel('Add by username').fill('carol');
    await add.getByRole('button', { name: 'Add' }).click();
    await carol.openChat('Plans');
    await carol.page.getByText('old 70').waitFor();
    const firstPage = await carol.page.locator('li.message[data-seq]').count();
    assert.equal(firstPage, 50, 'the newest 50 first');
    await carol.page.getByRole('button', { name: 'Load earlier messages' }).click();
    await carol.page.getByText('hi bob').waitFor();
    await carol.page.getByRole('button', { name: 'Load earlier messages' }).waitFor({ state: 'detached' });
    const seqs = (await carol.page.locator('li.message[data-seq]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq')))));
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'oldest first');
    assert.equal(new Set(seqs).size, seqs.length, 'no message twice');
    const texts = await carol.texts();
    for (let i = 1; i <= 70; i++) {
      assert.ok(texts.includes(`old ${i}`), `old ${i} is there`);
    }
    assert.deepEqual(carol.unexpectedErrors(), []);
    await carol.close();
  });

  test('the page is usable on a phone-width screen and with the keyboard alone', async () => {
    const phone = await Person.open(browser, 'dave', server.url, undefined, { width: 375, height: 700 });
    await phone.signUp();
    await phone.page.keyboard.press('Tab');
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at 375 px (overflow ${overflow} px)`);
    // keyboard only: New chat → title → create → type and Enter
    await phone.page.getByRole('button', { name: 'New chat' }).focus();
    await phone.page.keyboard.press('Enter');
    await phone.page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'title');
    await phone.page.keyboard.type('Solo');
    await phone.page.keyboard.press('Enter');
    await phone.page.getByRole('heading', { name: 'Solo', level: 2 }).waitFor();
    await phone.page.getByRole('textbox', { name: 'Message' }).focus();
    await phone.page.keyboard.type('typed, not clicked');
    await phone.page.keyboard.press('Enter');
    await phone.page.locator('li.message[data-message-id]', { hasText: 'typed, not clicked' }).waitFor();
    assert.equal(await phone.page.getByRole('navigation').isVisible(), false, 'one pane at a time on a phone');
    await phone.page.getByRole('button', { name: 'Back to chats' }).click();
    await phone.page.getByRole('navigation').getByRole('link', { name: /Solo/ }).waitFor();
    assert.deepEqual(phone.unexpectedErrors(), []);
    await phone.close();
  });

  test('nothing went wrong in either page', () => {
    assert.deepEqual(alice.unexpectedErrors(), []);
    assert.deepEqual(bob.unexpectedErrors(), []);
  });
});
