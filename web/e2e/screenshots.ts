// Renders the main screens into web/docs/ (shown in the README): `npm run screenshots` after `./chirpchat build`.
import { join, resolve } from 'node:path';
import { launchBrowser, Person } from './support/browser';
import { archive, photo } from './support/files';
import { TestServer } from './support/server';

const docs = resolve(import.meta.dirname, '..', 'docs');
const server = await TestServer.start('screenshots');
const browser = await launchBrowser();
try {
  const ada = await Person.open(browser, 'ada', server.url);
  await ada.page.screenshot({ path: join(docs, 'login.png') });
  await ada.signUp();
  const grace = await Person.open(browser, 'grace', server.url);
  await grace.signUp();
  await ada.createChat('Weekend trip', 'grace');
  await ada.createChat('Book club', 'grace');
  await grace.openChat('Weekend trip');
  await ada.openChat('Weekend trip');
  await grace.send('Are we still on for Saturday?');
  await ada.page.getByText('Are we still on for Saturday?').waitFor();
  await ada.send('Yes! Here is the view from last time');
  await ada.page.getByLabel('Files to send').setInputFiles(await photo(ada.page, 2400, 1600));
  await grace.page.locator('img[data-variant="thumbnail_250"]').waitFor({ timeout: 60_000 });
  await ada.page.locator('img[data-variant="thumbnail_250"]').waitFor();
  await grace.send('Wow. I made a packing list:');
  await grace.page.getByLabel('Files to send').setInputFiles({ ...archive(180_000), name: 'packing-list.zip' });
  await ada.page.locator('.document').waitFor({ timeout: 60_000 });
  await ada.send('Perfect, see you at 8');
  await grace.page.getByText('Perfect, see you at 8').waitFor();
  await ada.page.mouse.move(0, 0);
  await ada.page.screenshot({ path: join(docs, 'chat.png') });

  await ada.page.getByRole('button', { name: /Members/ }).click();
  await ada.page.screenshot({ path: join(docs, 'members.png') });
  await ada.page.getByRole('button', { name: /Members/ }).click();

  await grace.page.getByRole('button', { name: 'Open photo' }).click();
  await grace.page.locator('dialog[open] img[data-variant="preview_800"]').waitFor();
  await grace.page.screenshot({ path: join(docs, 'photo.png') });

  const phone = await Person.open(browser, 'ada', server.url, undefined, { width: 390, height: 780 });
  await phone.logIn();
  await phone.online();
  await phone.page.screenshot({ path: join(docs, 'phone-chats.png') });
  await phone.openChat('Weekend trip');
  await phone.page.locator('img[data-variant="thumbnail_250"]').waitFor();
  await phone.page.screenshot({ path: join(docs, 'phone-chat.png') });
  for (const person of [ada, grace, phone]) {
    if (person.unexpectedErrors().length) {
      throw new Error(`${person.name}'s page: ${person.unexpectedErrors().join('; ')}`);
    }
  }
  console.log(`screenshots in ${docs}`);
} finally {
  await browser.close();
  await server.stop();
}
