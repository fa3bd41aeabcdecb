import type { Browser } from 'playwright-core';
import { command, connect, type TestSocket } from '../support/sockets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchBrowser, logIn, marker, openConsole, panicCard, type ConsolePage } from './console-browser.js';
import { consoleWorld, guardOnShift, HARBOUR } from './console-fixtures.js';

describe('operations console across a server restart (real browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let cp: ConsolePage;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ LOCATION_BATCH_MS: '200', CONSOLE_TILE_URL: 'none' });
    browser = await launchBrowser();
    cp = await openConsole(browser, t.baseUrl);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await browser?.close();
    await t?.close();
  });

  it('goes offline, comes back online and shows the events it missed meanwhile', async () => {
    const w = await consoleWorld(t);
    const before = await guardOnShift(t, w.guardA, w.siteA);
    sockets.push(before);
    await logIn(cp, t.baseUrl, w.supervisor);
    expect(await command(before, 'update_location', HARBOUR)).toMatchObject({ ok: true });
    await marker(cp.page, w.guardA.id).waitFor();

    // The browser cannot reach the server until told: what happens meanwhile is missed.
    await cp.context.setOffline(true);
    t = await t.restart({}, { samePort: true });
    await cp.page.locator('[data-testid="connection-status"]', { hasText: 'offline' }).waitFor();
    const guard = await connect(t.baseUrl, { token: w.guardA.token });
    sockets.push(guard);
    const panic = await command(guard, 'panic_alert', { location: HARBOUR });
    expect(panic.ok).toBe(true);
    const incident = await command(guard, 'create_incident', {
      siteId: w.siteA,
      type: 'VANDALISM',
      priority: 'MEDIUM',
      title: 'Graffiti on gate',
    });
    expect(incident.ok).toBe(true);
    expect(await cp.page.getByTestId('panic-card').count()).toBe(0);

    await cp.context.setOffline(false);
    await cp.page
      .locator('[data-testid="connection-status"]', { hasText: 'online' })
      .waitFor({ timeout: 20_000 });
    await panicCard(cp.page, panic.data.panicId).waitFor();
    await cp.page
      .locator(`[data-testid="incident-row"][data-incident-id="${incident.data.incident.id}"]`)
      .waitFor();
    const summary = cp.page.getByTestId('missed-summary');
    await summary.waitFor();
    expect(Number(await summary.getAttribute('data-total'))).toBeGreaterThanOrEqual(2);
    await expect(summary.textContent()).resolves.toMatch(/panic alert.*incident created/);
    // The map is read again after the reconnect: the guard's last position is still drawn.
    await marker(cp.page, w.guardA.id).waitFor();
    expect(cp.foreignRequests).toEqual([]);
    expect(cp.pageErrors).toEqual([]);
  });
});
