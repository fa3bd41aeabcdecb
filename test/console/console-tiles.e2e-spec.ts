import request from 'supertest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchBrowser, logIn, openConsole } from './console-browser.js';
import { consoleWorld } from './console-fixtures.js';

/** A tile host nobody answers for: the browser's requests to it are aborted and recorded. */
const TILES = 'https://tiles.example.test/osm/{z}/{x}/{y}.png';

describe('operations console map tiles (real browser)', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({ CONSOLE_TILE_URL: TILES, CONSOLE_TILE_ATTRIBUTION: 'Example tiles' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('loads tiles from CONSOLE_TILE_URL, its host allowed by the CSP, and reaches no other host', async () => {
    const res = await request(t.app.getHttpServer()).get('/console/').expect(200);
    expect(res.headers['content-security-policy']).toContain(
      "img-src 'self' data: https://tiles.example.test;",
    );
    const w = await consoleWorld(t);
    const cp = await openConsole(browser, t.baseUrl);
    await logIn(cp, t.baseUrl, w.supervisor);
    await cp.page.locator('.leaflet-control-attribution', { hasText: 'Example tiles' }).waitFor();
    await cp.page.locator('img.leaflet-tile').first().waitFor({ state: 'attached' });
    expect(cp.foreignRequests.length).toBeGreaterThan(0);
    const hosts = new Set(cp.foreignRequests.map((u) => new URL(u).host));
    expect([...hosts]).toEqual(['tiles.example.test']);
    expect(
      cp.foreignRequests.every((u) => /^https:\/\/tiles\.example\.test\/osm\/\d+\/\d+\/\d+\.png$/.test(u)),
    ).toBe(true);
    await cp.context.close();
  });
});
