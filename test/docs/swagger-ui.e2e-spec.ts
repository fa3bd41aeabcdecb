import { chromium, type Browser, type Page } from 'playwright-core';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';

// Debian's chromium package (.ci/run installs it when missing); playwright-core ships no browser.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Opens GET /api/v1/sites in Swagger UI, presses "Try it out" and "Execute", returns the status shown. */
async function executeSitesList(page: Page): Promise<string> {
  const op = page.locator('#operations-sites-SitesController_list');
  await op.locator('button.opblock-summary-control').click();
  await op.locator('button.try-out__btn').click();
  await op.locator('button.execute').click();
  const status = op.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor({ timeout: 15000 });
  return (await status.innerText()).trim();
}

describe('Swagger UI in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('authorizes, executes a list call with its page inputs, and keeps the token across a reload', async () => {
    const site = await createSite(t, 'Swagger Site');
    const admin = await createUser(t, 'admin', [site]);
    const page = await browser.newPage();
    await page.goto(`${t.baseUrl}/api/docs`);
    await page.locator('button.authorize').first().click();
    await page.locator('.modal-ux input[type=text], .modal-ux input:not([type])').first().fill(admin.token);
    await page.locator('.modal-ux button.modal-btn.auth').first().click();
    await page.locator('.modal-ux button.btn-done').first().click();

    expect(await executeSitesList(page)).toBe('200');
    const body = await page
      .locator('.live-responses-table .response-col_description pre')
      .first()
      .innerText();
    expect(JSON.parse(body)).toMatchObject({ total: 1, page: 1, pageSize: 50, items: [{ id: site }] });

    // A fresh load of the page (without the #/operation hash, which would open the operation already):
    // the token comes back from localStorage, so the call is authorized again without "Authorize".
    await page.goto(`${t.baseUrl}/api/docs`);
    expect(await executeSitesList(page)).toBe('200');
  });
});
