import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, Person } from './support/browser';
import { archive } from './support/files';
import { TestServer } from './support/server';

const MB = 1024 * 1024;

describe('a large file goes up in chunks and survives a dropped connection', () => {
  let server: TestServer;
  let browser: Browser;
  let alice: Person;
  let bob: Person;

  before(async () => {
    server = await TestServer.start('chunked');
    browser = await launchBrowser();
    // files above 8 MB are chunked here (20 MB by default), so a 14 MB file makes three chunks of 6, 6 and 2 MB
    alice = await Person.open(browser, 'alice', server.url, { chunkThresholdBytes: 8 * MB });
    bob = await Person.open(browser, 'bob', server.url);
    await alice.signUp();
    await bob.signUp();
    await alice.createChat('Files', 'bob');
    await bob.openChat('Files');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('chunks carry one X-Unique-Upload-Id and their Content-Range; the dropped one is sent again', async () => {
    const file = archive(14 * MB + 12345);
    const total = file.buffer.length;
    const seen: { range: string; id: string; outcome: string }[] = [];
    let dropped = false;
    await alice.page.route(`${server.mediaOrigin}/**/upload`, async (route) => {
      const headers = route.request().headers();
      const range = headers['content-range'] ?? '';
      if (!dropped && range.startsWith(`bytes ${6 * MB}-`)) {
        dropped = true;
        seen.push({ range, id: headers['x-unique-upload-id'], outcome: 'dropped' });
        await route.abort('connectionreset');
        return;
      }
      seen.push({ range, id: headers['x-unique-upload-id'], outcome: 'sent' });
      await route.continue();
    });
    alice.expectConsole(/Failed to load resource: net::ERR_CONNECTION_RESET/);

    await alice.page.getByLabel('Files to send').setInputFiles(file);
    await alice.page.getByText(/Uploading \d+%/).first().waitFor();
    const ready = bob.page.locator('li[data-kind="media"][data-media-status="ready"] .document');
    await ready.waitFor({ timeout: 120_000 });

    assert.deepEqual(seen.map((s) => `${s.outcome} ${s.range}`), [
      `sent bytes 0-${6 * MB - 1}/${total}`,
      `dropped bytes ${6 * MB}-${12 * MB - 1}/${total}`,
      `sent bytes ${6 * MB}-${12 * MB - 1}/${total}`,
      `sent bytes ${12 * MB}-${total - 1}/${total}`,
    ]);
    assert.equal(new Set(seen.map((s) => s.id)).size, 1, 'one upload id for every chunk');
    assert.match(seen[0].id, /^[A-Za-z0-9_.-]{1,128}$/);

    // what bob downloads is exactly what alice picked
    const download = bob.page.waitForEvent('download');
    await ready.getByRole('button', { name: 'Download' }).click();
    const saved = await (await download).path();
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    assert.equal(sha(await readFile(saved)), sha(file.buffer));
    await alice.page.unroute(`${server.mediaOrigin}/**/upload`);
  });

  test('nothing else went wrong in either page', () => {
    assert.deepEqual(alice.unexpectedErrors(), []);
    assert.deepEqual(bob.unexpectedErrors(), []);
  });
});
