import type { Browser } from 'playwright-core';
import { launchBrowser } from '../console/console-browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('AsyncAPI page (/api/asyncapi) in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('renders the commands and events with nothing fetched but this server', async () => {
    const page = await browser.newPage();
    const server = new URL(t.baseUrl).host;
    const elsewhere: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.host === server || url.protocol === 'data:') return route.continue();
      elsewhere.push(url.href);
      return route.abort();
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await page.goto(`${t.baseUrl}/api/asyncapi`);
    // The renderer parses and validates the document in the page first: seconds on a busy host.
    const shown = (text: string) => page.getByText(text).filter({ visible: true }).first();
    await shown('PatrolShield realtime API').waitFor({ timeout: 90000 });
    await shown('receive.panic_alert').waitFor({ timeout: 30000 });
    await shown('send.panic_alert.siteStaff').waitFor();
    await shown('site:{siteId}:staff').waitFor();

    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 180000);
});
