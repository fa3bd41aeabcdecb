import request from 'supertest';
import type { Browser } from 'playwright-core';
import { pollUntil } from '../support/poll.js';
import { command, connect, waitFor, type TestSocket } from '../support/sockets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchBrowser, logIn, marker, openConsole, panicCard, type ConsolePage } from './console-browser.js';
import { consoleWorld, FAR_AWAY, guardOnShift, HARBOUR } from './console-fixtures.js';

describe('operations console (real browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let w: Awaited<ReturnType<typeof consoleWorld>>;
  let cp: ConsolePage;
  let guard: TestSocket;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      LOCATION_BATCH_MS: '200',
      CONSOLE_TILE_URL: 'none',
      PANIC_RECEIPT_TIMEOUT_S: '3',
    });
    w = await consoleWorld(t);
    browser = await launchBrowser();
    cp = await openConsole(browser, t.baseUrl);
    guard = await guardOnShift(t, w.guardA, w.siteA);
    sockets.push(guard);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await browser?.close();
    await t?.close();
  });

  it('is served at /console/ with a CSP naming only self, and / redirects there', async () => {
    await request(t.app.getHttpServer()).get('/').expect(302).expect('location', '/console/');
    const page = await request(t.app.getHttpServer()).get('/console/').expect(200);
    expect(page.text).toContain('<div id="app">');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-inline|tile\.openstreetmap/);
    const asset = await request(t.app.getHttpServer()).get('/console/app.js').expect(200);
    expect(asset.headers['content-security-policy']).toMatch(/script-src 'self'/);
    await request(t.app.getHttpServer()).get('/api/v1/console/config').expect(200, {
      tileUrl: null,
      tileAttribution: '© OpenStreetMap contributors',
      guardStaleAfterS: 120,
    });
  });

  it('logs a supervisor in: online, and only their sites to choose from', async () => {
    await logIn(cp, t.baseUrl, w.supervisor);
    const options = await cp.page.getByTestId('site-select').locator('option').allTextContents();
    expect(options.sort()).toEqual(['Harbour', 'Mall']);
    await cp.page.getByTestId('live-map').locator('path.leaflet-interactive').first().waitFor();
  });

  it("draws a guard's marker after update_location, and never another site's guards", async () => {
    const other = await connect(t.baseUrl, { token: w.otherSupervisor.token });
    const guardC = await guardOnShift(t, w.guardC, w.siteC, { lat: 52.6, lng: 13.3 });
    sockets.push(other, guardC);
    expect(await command(guardC, 'update_location', { lat: 52.6, lng: 13.3 })).toMatchObject({ ok: true });
    // Site C's batch went out (its own supervisor got it) before ours is looked at.
    await waitFor(other, 'location_batch', (b) => b.locations.some((l: any) => l.userId === w.guardC.id));
    expect(await command(guard, 'update_location', HARBOUR)).toMatchObject({ ok: true });
    await marker(cp.page, w.guardA.id).waitFor();
    expect(await marker(cp.page, w.guardC.id).count()).toBe(0);
    await cp.page.getByTestId('site-select').selectOption({ label: 'Mall' });
    await marker(cp.page, w.guardA.id).waitFor({ state: 'detached' });
    await cp.page.getByTestId('live-map').locator('path.leaflet-interactive').first().waitFor(); // its polygon
    expect(await cp.page.getByTestId('guard-marker').count()).toBe(0);
    await cp.page.getByTestId('site-select').selectOption({ label: 'Harbour' });
    await marker(cp.page, w.guardA.id).waitFor();
    expect(await marker(cp.page, w.guardC.id).count()).toBe(0);
  });

  it('shows a panic within 2 s with its alarm, confirms receipt, and acknowledges it from the page', async () => {
    const ack = await command(guard, 'panic_alert', { location: HARBOUR, type: 'MEDICAL' });
    expect(ack.ok).toBe(true);
    const card = panicCard(cp.page, ack.data.panicId);
    await card.waitFor({ timeout: 2000 });
    expect(await card.getAttribute('data-status')).toBe('RAISED');
    await expect(card.textContent()).resolves.toMatch(/MEDICAL.*Alice Guard.*level 1/s);
    expect(await cp.page.locator('html').getAttribute('data-alarm')).toBe('sounding');
    expect(await cp.page.locator('html').getAttribute('data-audio')).toBe('running');
    expect(await marker(cp.page, w.guardA.id).getAttribute('class')).toMatch(/\bpanic\b/);
    // The console counts as a staff device that saw the alert: no escalation for want of receipts.
    const confirmed = await pollUntil(async () => {
      const res = await request(t.app.getHttpServer())
        .get(`/api/v1/panics/${ack.data.panicId}`)
        .set('authorization', `Bearer ${w.supervisor.token}`);
      return res.body.confirmedBy?.length ? res.body : undefined;
    });
    expect(confirmed.escalationLevel).toBe(1);

    await card.getByTestId('panic-acknowledge').click();
    const acked = await waitFor(guard, 'panic_acknowledged', (e) => e.data.panic.id === ack.data.panicId);
    expect(acked.data.acknowledgedBy).toMatchObject({ id: w.supervisor.id });
    await cp.page.locator(`[data-panic-id="${ack.data.panicId}"][data-status="ACKNOWLEDGED"]`).waitFor();
    await cp.page.locator('html[data-alarm="silent"]').waitFor();
  });

  it('resolves the panic with notes asked for on the page', async () => {
    const card = cp.page.getByTestId('panic-card');
    const panicId = await card.getAttribute('data-panic-id');
    await card.getByTestId('panic-resolve').click();
    await card.getByTestId('panic-resolve-notes').fill('Paramedics on site');
    await card.getByTestId('panic-resolve-confirm').click();
    const resolved = await waitFor(guard, 'panic_resolved', (e) => e.data.panic.id === panicId);
    expect(resolved.data.notes).toBe('Paramedics on site');
    await panicCard(cp.page, panicId!).waitFor({ state: 'detached' });
  });

  it('lists an open incident, assigns it to a guard of the site and resolves it', async () => {
    const ack = await command(guard, 'create_incident', {
      siteId: w.siteA,
      type: 'THEFT',
      priority: 'HIGH',
      title: 'Broken window',
    });
    expect(ack.ok).toBe(true);
    const row = cp.page.locator(`[data-testid="incident-row"][data-incident-id="${ack.data.incident.id}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/HIGH.*Broken window/);
    await row.getByTestId('incident-assignee').selectOption(w.guardA.id);
    await row.getByTestId('incident-assign').click();
    await waitFor(guard, 'incident_assigned', (e) => e.data.incident.id === ack.data.incident.id);
    await row.getByTestId('incident-resolution').fill('Glazier called');
    await row.getByTestId('incident-resolve').click();
    await waitFor(guard, 'incident_resolved', (e) => e.data.incident.id === ack.data.incident.id);
    await row.waitFor({ state: 'detached' });
  });

  it('shows a geofence breach as an alert row with a link to the map', async () => {
    const bob = await guardOnShift(t, w.guardA2, w.siteA);
    sockets.push(bob);
    expect(await command(bob, 'update_location', FAR_AWAY)).toMatchObject({ ok: true });
    const row = cp.page.locator('[data-testid="alert-row"][data-type="geofence_breach"]');
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/left the site geofence/);
    await row.getByRole('button', { name: /show alert on the map/i }).click();
  });

  it('names every control for assistive technology and fits 1280x800 and a tablet without sideways scrolling', async () => {
    await command(guard, 'create_incident', {
      siteId: w.siteA,
      type: 'OTHER',
      priority: 'LOW',
      title: 'Light out',
    });
    const panic = await command(guard, 'panic_alert', { location: HARBOUR });
    await panicCard(cp.page, panic.data.panicId).waitFor();
    await cp.page.getByTestId('incident-row').first().waitFor();
    const tree = await cp.page.locator('body').ariaSnapshot();
    expect(tree).toMatch(/button "Acknowledge panic from Alice Guard"/);
    const unnamed = tree
      .split('\n')
      .filter((l) => /^\s*- (button|textbox|combobox|link|checkbox)(\s*\[[^\]]*\])?:?$/.test(l));
    expect(unnamed).toEqual([]);
    const overflow = () =>
      cp.page.evaluate<boolean>('document.documentElement.scrollWidth > window.innerWidth');
    expect(await overflow()).toBe(false);
    await cp.page.setViewportSize({ width: 820, height: 1180 });
    expect(await overflow()).toBe(false);
    const ack = panicCard(cp.page, panic.data.panicId).getByTestId('panic-acknowledge');
    await ack.scrollIntoViewIfNeeded();
    await ack.click();
    await cp.page.locator(`[data-panic-id="${panic.data.panicId}"][data-status="ACKNOWLEDGED"]`).waitFor();
    await cp.page.setViewportSize({ width: 1280, height: 800 });
  });

  it('reached no host but the server and raised no page error', () => {
    expect(cp.foreignRequests).toEqual([]);
    expect(cp.pageErrors).toEqual([]);
    // The messaging module (docs/protocol.md section 9) answers /conversations where it is installed.
    expect(cp.failedResponses.filter((r) => !r.endsWith('/api/v1/conversations'))).toEqual([]);
  });
});
