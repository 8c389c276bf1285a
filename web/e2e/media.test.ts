import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Request } from 'playwright-core';
import { launchBrowser, Person } from './support/browser';
import { clip, photo } from './support/files';
import { TestServer } from './support/server';

/** Decoded width of an image. */
function naturalWidth(img: Locator): Promise<number> {
  return img.evaluate((el: HTMLImageElement) => el.decode().then(() => el.naturalWidth));
}

describe('photos and videos go from the page to the media service and come back processed', () => {
  let server: TestServer;
  let browser: Browser;
  let alice: Person;
  let bob: Person;

  before(async () => {
    server = await TestServer.start('media');
    browser = await launchBrowser();
    alice = await Person.open(browser, 'alice', server.url);
    bob = await Person.open(browser, 'bob', server.url);
    await alice.signUp();
    await bob.signUp();
    await alice.createChat('Album', 'bob');
    await bob.openChat('Album');
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('a photo is compressed in the browser, uploaded straight to the media service, and both see it', async () => {
    const file = await photo(alice.page);
    const uploads: Request[] = [];
    alice.page.on('request', (r) => r.url().startsWith(server.mediaOrigin) && r.method() === 'POST' && uploads.push(r));
    const signing = alice.page.waitForRequest('**/uploads/get-cloudinary-upload-signature');
    await alice.page.getByLabel('Files to send').setInputFiles(file);
    const declared = JSON.parse((await signing).postData()!) as { bytes: number; fileName: string; resourceType: string };
    assert.equal(declared.resourceType, 'image');
    assert.ok(declared.bytes < file.buffer.length / 2,
      `compressed before upload: ${declared.bytes} bytes of ${file.buffer.length}`);

    const thumbnail = bob.page.locator('img[data-variant="thumbnail_250"]');
    await thumbnail.waitFor();
    assert.equal(await naturalWidth(thumbnail), 250);
    await alice.page.locator('img[data-variant="thumbnail_250"]').waitFor();
    assert.equal(uploads.length, 1, 'one multipart POST to the media service, from the page itself');
    assert.match(uploads[0].headers()['content-type'], /^multipart\/form-data/);

    await bob.page.getByRole('button', { name: 'Open photo' }).click();
    const preview = bob.page.locator('dialog[open] img[data-variant="preview_800"]');
    await preview.waitFor();
    const width = await naturalWidth(preview);
    assert.equal(width, 800, 'the 800 px preview, not the thumbnail scaled up');
    await bob.page.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });
  });

  test('a file dropped on the chat is sent, and the other person downloads it', async () => {
    const text = 'Packing list\n- boots\n- map\n';
    const drop = await alice.page.evaluateHandle((content) => {
      const data = new DataTransfer();
      data.items.add(new File([content], 'list.txt', { type: 'text/plain' }));
      return data;
    }, text);
    await alice.page.dispatchEvent('form.composer', 'dragover', { dataTransfer: drop });
    await alice.page.getByText('Drop files to send them').waitFor();
    await alice.page.dispatchEvent('form.composer', 'drop', { dataTransfer: drop });
    const ready = bob.page.locator('li[data-kind="media"][data-media-status="ready"] .document');
    await ready.waitFor({ timeout: 60_000 });
    const download = bob.page.waitForEvent('download');
    await ready.getByRole('button', { name: 'Download' }).click();
    const saved = await (await download).path();
    assert.equal(await readFile(saved, 'utf8'), text);
  });

  test('a video plays for the other person through HLS, with its poster', async () => {
    const file = await clip(alice.page);
    await alice.page.getByLabel('Files to send').setInputFiles(file);
    const ready = bob.page.locator('li[data-kind="media"][data-media-status="ready"] .video');
    const refused = alice.page.locator('.media.failed .error, [data-pending-upload="failed"] .error, [data-media-status="failed"] .error');
    await Promise.race([ready.waitFor({ timeout: 120_000 }), refused.first().waitFor({ timeout: 120_000 })]);
    if (await refused.count()) {
      alice.expectConsole(/status of 500/); // reported below, with the reason
      assert.fail(`the video did not get through: ${await refused.first().textContent()}`);
    }
    const video = ready.locator('video');
    await video.and(bob.page.locator('video[poster^="blob:"]')).waitFor();
    await ready.getByRole('button', { name: 'Play video' }).click();
    await bob.page.waitForFunction('document.querySelector(".video video").currentTime > 0.3', undefined, { timeout: 60_000 });
    assert.equal(await ready.getAttribute('data-playback'), 'hls');
  });

  test('a file the media service refuses fails at once for both, with the service\'s reason', async () => {
    alice.expectConsole(/status of 400/);
    const disguised = '<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>';
    await alice.page.getByLabel('Files to send')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(disguised) });
    // bob's page learns it from the chat's media_failed, long before the server's 2-hour upload timeout
    const failed = bob.page.locator('li[data-kind="media"][data-media-status="failed"] .error');
    await failed.waitFor({ timeout: 30_000 });
    assert.match(await failed.textContent() ?? '', /refused the upload: Raw file format html not allowed/);
    await alice.page.locator('li[data-kind="media"][data-media-status="failed"] .error').waitFor({ timeout: 30_000 });
  });

  test('nothing went wrong in either page', () => {
    assert.deepEqual(alice.unexpectedErrors(), []);
    assert.deepEqual(bob.unexpectedErrors(), []);
  });
});
