import request from 'supertest';
import type { Browser } from 'playwright-core';
import { command, type TestSocket } from '../support/sockets.js';
import { createUser, startTestApp, tokenFor, type TestApp } from '../support/test-app.js';
import {
  launchBrowser,
  logIn,
  openConsole,
  panicCard,
  submitLogin,
  type ConsolePage,
} from './console-browser.js';
import { consoleWorld, guardOnShift, HARBOUR } from './console-fixtures.js';

/** Where the console keeps its tokens for the tab (read in the page: the test has no DOM types). */
const READ_SESSION = `sessionStorage.getItem('patrolshield.console.session')`;

describe('operations console session (real browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let cp: ConsolePage;
  let w: Awaited<ReturnType<typeof consoleWorld>>;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    // Access tokens of 12 s (the SDK refreshes at most every 5 s): the console must refresh them to stay connected.
    t = await startTestApp({
      CONSOLE_TILE_URL: 'none',
      ACCESS_TOKEN_TTL_S: '12',
      SESSION_EXPIRING_LEAD_S: '3',
    });
    w = await consoleWorld(t);
    browser = await launchBrowser();
    cp = await openConsole(browser, t.baseUrl);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await browser?.close();
    await t?.close();
  });

  it('refreshes its token and keeps the same socket past the first token expiry', async () => {
    const sockets0: string[] = [];
    cp.page.on('websocket', (ws) => sockets0.push(ws.url()));
    await logIn(cp, t.baseUrl, w.supervisor);
    const refreshed = () =>
      cp.page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh') && r.status() === 200, {
        timeout: 20_000,
      });
    await refreshed();
    await refreshed(); // the second one comes after the first token expired
    expect(sockets0).toHaveLength(1);
    await cp.page.locator('[data-testid="connection-status"]', { hasText: 'online' }).waitFor();
    const guard = await guardOnShift(t, { ...w.guardA, token: tokenFor(t, w.guardA, 600) }, w.siteA);
    sockets.push(guard);
    const panic = await command(guard, 'panic_alert', { location: HARBOUR });
    await panicCard(cp.page, panic.data.panicId).waitFor({ timeout: 2000 });
  });

  it('logs out: back to the login form, the refresh token revoked and forgotten', async () => {
    const saved = await cp.page.evaluate<string | null>(READ_SESSION);
    const { refreshToken } = JSON.parse(saved!) as { refreshToken: string };
    await cp.page.getByRole('button', { name: 'Log out' }).click();
    await cp.page.getByTestId('login-email').waitFor();
    expect(await cp.page.evaluate<string | null>(READ_SESSION)).toBeNull();
    await request(t.app.getHttpServer()).post('/api/v1/auth/refresh').send({ refreshToken }).expect(401);
    expect(cp.foreignRequests).toEqual([]);
    expect(cp.pageErrors).toEqual([]);
  });

  it('refuses a guard: the console is for staff', async () => {
    await cp.page.getByTestId('login-email').fill(w.guardA.email);
    await cp.page.getByTestId('login-password').fill(w.guardA.password);
    await cp.page.getByTestId('login-submit').click();
    await cp.page
      .getByTestId('login-error')
      .getByText(/supervisors, managers and admins/)
      .waitFor();
  });

  it('follows site changes made by an administrator, and goes back to the login form, saying why, when deactivated', async () => {
    const admin = await createUser(t, 'admin');
    // Same tab, no reload: the login form left by the previous test.
    await submitLogin(cp, w.otherSupervisor);
    // A new session is not a reconnect: nothing "missed" to report.
    await cp.page.getByTestId('site-select').locator('option').first().waitFor({ state: 'attached' });
    expect(await cp.page.getByTestId('missed-summary').count()).toBe(0);
    // An admin adds a site: the selector follows at once (assignments_changed).
    const adminToken = tokenFor(t, admin, 600);
    await request(t.app.getHttpServer())
      .put(`/api/v1/users/${w.otherSupervisor.id}/sites`)
      .set('authorization', `Bearer ${adminToken}`)
      .send({ siteIds: [w.siteC, w.siteA] })
      .expect(200);
    await cp.page
      .getByTestId('site-select')
      .locator('option', { hasText: 'Harbour' })
      .waitFor({ state: 'attached' });
    await request(t.app.getHttpServer())
      .patch(`/api/v1/users/${w.otherSupervisor.id}`)
      .set('authorization', `Bearer ${adminToken}`)
      .send({ active: false })
      .expect(200);
    await cp.page
      .getByTestId('login-error')
      .getByText(/ended by an administrator/)
      .waitFor();
    expect(await cp.page.evaluate<string | null>(READ_SESSION)).toBeNull();
  });
});
