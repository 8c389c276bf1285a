import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, Person } from './support/browser';
import { photo } from './support/files';
import { TestServer } from './support/server';

interface Access {
  expiresAt: string;
  variants: Record<string, { url: string }>;
}

/** Every GET /media/{id} a page makes, with what it answered. */
function mediaCalls(page: Page): Access[] {
  const calls: Access[] = [];
  page.on('response', async (r) => {
    if (/\/media\/[0-9a-f-]{36}$/.test(new URL(r.url()).pathname) && r.ok()) {
      calls.push(await r.json() as Access);
    }
  });
  return calls;
}

function naturalWidth(img: Locator): Promise<number> {
  return img.evaluate((el: HTMLImageElement) => el.decode().then(() => el.naturalWidth));
}

describe('media links expire while the chat is open, and the page carries on', () => {
  let server: TestServer;
  let browser: Browser;
  let alice: Person;
  let bob: Person;
  let aliceCalls: Access[];
  let bobCalls: Access[];

  before(async () => {
    // links live 8 seconds here (5 minutes by default)
    server = await TestServer.start('expiry', { CHIRPCHAT_MEDIA_URL_dash_LIFETIME: 'PT8S' });
    browser = await launchBrowser();
    alice = await Person.open(browser, 'alice', server.url);
    bob = await Person.open(browser, 'bob', server.url);
    aliceCalls = mediaCalls(alice.page);
    bobCalls = mediaCalls(bob.page);
    await alice.signUp();
    await bob.signUp();
    await alice.createChat('Shots', 'bob');
    await bob.openChat('Shots');
    await alice.page.getByLabel('Files to send').setInputFiles(await photo(alice.page, 1600, 1200));
    await bob.page.locator('img[data-variant="thumbnail_250"]').waitFor({ timeout: 60_000 });
    await alice.page.locator('img[data-variant="thumbnail_250"]').waitFor();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('once the links have expired, they really stop working', async () => {
    const first = bobCalls[0];
    assert.ok(first, 'bob asked for links');
    const expiresAt = Date.parse(first.expiresAt);
    await bob.page.waitForFunction((t) => Date.now() > t + 1000, expiresAt, { timeout: 30_000 });
    const response = await fetch(first.variants.thumbnail_250.url);
    assert.ok([401, 403].includes(response.status), `an expired thumbnail link answers ${response.status}`);
  });

  test('after a reload the thumbnail comes from the IndexedDB cache: no new link, no download', async () => {
    const before = bobCalls.length;
    const downloads: string[] = [];
    const listener = (r: { url(): string }) => r.url().startsWith(server.mediaOrigin) && downloads.push(r.url());
    bob.page.on('request', listener);
    await bob.page.reload();
    const thumbnail = bob.page.locator('img[data-variant="thumbnail_250"]');
    await thumbnail.waitFor();
    assert.equal(await naturalWidth(thumbnail), 250);
    assert.deepEqual(downloads, []);
    assert.equal(bobCalls.length, before, 'no GET /media was needed');
    bob.page.off('request', listener);
  });

  test('opening the photo after expiry signs new links first instead of using the dead ones', async () => {
    const before = aliceCalls.length;
    await alice.page.getByRole('button', { name: 'Open photo' }).click();
    const preview = alice.page.locator('dialog[open] img[data-variant="preview_800"]');
    await preview.waitFor();
    assert.equal(await naturalWidth(preview), 800);
    assert.equal(aliceCalls.length, before + 1, 'one GET /media for fresh links');
    assert.ok(Date.parse(aliceCalls.at(-1)!.expiresAt) > Date.now());
  });

  test('a link refused before its time is renewed once and the photo still shows', async () => {
    let refused = 0;
    await bob.page.route(`${server.mediaOrigin}/**`, async (route) => {
      if (refused === 0 && route.request().url().includes('w_800')) {
        refused++;
        await route.fulfill({ status: 401, headers: { 'Access-Control-Allow-Origin': '*' }, body: 'expired' });
        return;
      }
      await route.continue();
    });
    bob.expectConsole(/status of 401/);
    const before = bobCalls.length;
    await bob.page.getByRole('button', { name: 'Open photo' }).click();
    const preview = bob.page.locator('dialog[open] img[data-variant="preview_800"]');
    await preview.waitFor();
    assert.equal(await naturalWidth(preview), 800);
    assert.equal(refused, 1);
    assert.ok(bobCalls.length >= before + 1, 'fresh links were asked for after the refusal');
    await bob.page.unroute(`${server.mediaOrigin}/**`);
  });

  test('nothing else went wrong in either page', () => {
    assert.deepEqual(alice.unexpectedErrors(), []);
    assert.deepEqual(bob.unexpectedErrors(), []);
  });
});
