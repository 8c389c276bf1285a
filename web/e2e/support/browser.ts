import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { OUTPUT } from './server';

/** The machine's network is closed, and nothing in a test should phone home. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/**
 * Headless Chromium: Debian's when installed, else the one inside the @sparticuz/chromium npm package (so the
 * tests need no system browser). Playwright gives every launch a fresh temporary --user-data-dir.
 */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(OUTPUT, { recursive: true });
  const system = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  const executablePath = system ?? await (await import('@sparticuz/chromium')).default.executablePath();
  return chromium.launch({ executablePath, headless: true, args: FLAGS, timeout: 60_000 });
}

/** One person at one browser: a context of its own (storage, IndexedDB) and a page, watched for errors. */
export class Person {
  readonly errors: string[] = [];
  /** Console messages that a scenario expects (e.g. the browser reporting a connection it saw dropped). */
  private readonly expected: RegExp[] = [];

  private constructor(readonly name: string, readonly context: BrowserContext, readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        this.errors.push(`console: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => this.errors.push(`page error: ${error.message}`));
  }

  static async open(browser: Browser, name: string, url: string, settings?: Record<string, number>,
                    viewport = { width: 1100, height: 760 }): Promise<Person> {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    context.setDefaultTimeout(30_000);
    if (settings) {
      await context.addInitScript((value) => localStorage.setItem('chirpchat.settings', value), JSON.stringify(settings));
    }
    const page = await context.newPage();
    const person = new Person(name, context, page);
    await page.goto(url + '/');
    return person;
  }

  /** Creates the account through the page and ends up logged in. */
  async signUp(password = 'correct horse battery'): Promise<void> {
    const page = this.page;
    await page.getByRole('button', { name: 'Create an account' }).click();
    await page.getByLabel('Username').fill(this.name);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Display name (optional)').fill(this.name[0].toUpperCase() + this.name.slice(1));
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Log out', exact: true }).waitFor();
    await this.online();
  }

  async logIn(password = 'correct horse battery'): Promise<void> {
    await this.page.getByLabel('Username').fill(this.name);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Log in' }).click();
    await this.page.getByRole('button', { name: 'Log out', exact: true }).waitFor();
  }

  /** Waits until the live connection is authenticated. */
  async online(): Promise<void> {
    await this.page.locator('[data-live="online"]').waitFor();
  }

  async createChat(title: string, ...usernames: string[]): Promise<void> {
    await this.page.getByRole('button', { name: 'New chat' }).click();
    const form = this.page.getByRole('form', { name: 'New chat' });
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('People (usernames, comma-separated)').fill(usernames.join(', '));
    await form.getByRole('button', { name: 'Create' }).click();
    await this.page.getByRole('heading', { name: title, level: 2 }).waitFor();
  }

  async openChat(title: string): Promise<void> {
    await this.page.getByRole('navigation').getByRole('link', { name: new RegExp(title) }).click();
    await this.page.getByRole('heading', { name: title, level: 2 }).waitFor();
  }

  async send(text: string): Promise<void> {
    const box = this.page.getByRole('textbox', { name: 'Message' });
    await box.fill(text);
    await box.press('Enter');
  }

  /** The texts of the open chat's confirmed messages, oldest first. */
  texts(): Promise<string[]> {
    return this.page.locator('li.message[data-message-id] p.text').allTextContents();
  }

  expectConsole(pattern: RegExp): void {
    this.expected.push(pattern);
  }

  /** Errors in the console or uncaught in the page, less the ones the scenario caused on purpose. */
  unexpectedErrors(): string[] {
    return this.errors.filter((e) => !this.expected.some((p) => p.test(e)));
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
