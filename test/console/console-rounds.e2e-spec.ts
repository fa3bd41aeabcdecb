import type { Browser } from 'playwright-core';
import { command, type TestSocket } from '../support/sockets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createRoute, siteWithCheckpoints, startGuardRun } from '../patrols/patrol-fixtures.js';
import { launchBrowser, logIn, marker, openConsole, type ConsolePage } from './console-browser.js';

describe('operations console: shifts, patrols and safety alerts (real browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let cp: ConsolePage;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    // One patrol "minute" is 1 s; a guard is stale after 1 s without a fix.
    t = await startTestApp({
      CONSOLE_TILE_URL: 'none',
      LOCATION_BATCH_MS: '200',
      PATROL_MINUTE_MS: '1000',
      GUARD_STALE_AFTER_S: '1',
    });
    browser = await launchBrowser();
    cp = await openConsole(browser, t.baseUrl);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await browser?.close();
    await t?.close();
  });

  it('shows who is on shift with patrol progress and next deadline, stale guards greyed, timeouts, clock-out', async () => {
    const site = await siteWithCheckpoints(t, 'Depot', 2, sockets);
    await logIn(cp, t.baseUrl, site.sup);
    const slow = { expectedDurationMinutes: 600, maxGapMinutes: 300 };
    const { s, guard, run } = await startGuardRun(
      t,
      { siteId: site.siteId, staff: site.sup, checkpoints: site.cps },
      site.open,
      slow,
    );
    const row = cp.page.locator(`[data-testid="shift-row"][data-user-id="${guard.id}"]`);
    await row.getByTestId('patrol-progress').filter({ hasText: '0/2 checkpoints' }).waitFor();
    const scan = await command(s, 'scan_checkpoint', {
      patrolRunId: run.id,
      checkpointCode: site.cps[0].code,
    });
    expect(scan.data.result).toBe('VALID');
    await row.getByTestId('patrol-progress').filter({ hasText: '1/2 checkpoints · next by' }).waitFor();

    // A fix, then silence: the server reports the guard stale and the marker turns grey.
    expect(await command(s, 'update_location', { lat: 52.52, lng: 13.405 })).toMatchObject({ ok: true });
    await marker(cp.page, guard.id).waitFor();
    await cp.page.locator('[data-testid="alert-row"][data-type="guard_stale"]').waitFor();
    await cp.page.locator(`[data-testid="guard-marker"][data-user-id="${guard.id}"].stale`).waitFor();

    // A route with one "minute" between checkpoints: the run times out.
    const route = await createRoute(t, site.sup, {
      siteId: site.siteId,
      checkpointIds: site.cps.map((c) => c.id),
      expectedDurationMinutes: 600,
      maxGapMinutes: 1,
    });
    expect(await command(s, 'complete_patrol', { patrolRunId: run.id })).toMatchObject({ ok: true });
    expect(await command(s, 'start_patrol', { routeId: route.id })).toMatchObject({ ok: true });
    await cp.page.locator('[data-testid="alert-row"][data-type="patrol_timeout"]').waitFor();

    // Clocked out: off the map and off the list.
    expect(await command(s, 'shift_end', {})).toMatchObject({ ok: true });
    await marker(cp.page, guard.id).waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached' });
    expect(cp.foreignRequests).toEqual([]);
    expect(cp.pageErrors).toEqual([]);
  });
});
