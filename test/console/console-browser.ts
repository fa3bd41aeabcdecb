import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestUser } from '../support/test-app.js';

/** Debian's chromium (.ci/run installs it); playwright-core drives it, no browser download. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

export interface ConsolePage {
  page: Page;
  context: BrowserContext;
  /** Requests to any host but the server's: aborted and recorded (the test expects none). */
  foreignRequests: string[];
  /** Uncaught page errors and console errors (a CSP refusal shows up here). */
  pageErrors: string[];
  /** Responses of the server with an error status, as `status path`. */
  failedResponses: string[];
}

/**
 * A fresh browser context (1280x800) on the console of `baseUrl`. Every request to another host
 * is aborted and recorded, WebSockets included, so a test fails if the console reaches out.
 */
export async function openConsole(
  browser: Browser,
  baseUrl: string,
  viewport = { width: 1280, height: 800 },
): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport });
  const server = new URL(baseUrl).host;
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  const failedResponses: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === server || url.protocol === 'data:') return route.continue();
    foreignRequests.push(url.href);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('websocket', (ws) => {
    if (new URL(ws.url()).host !== server) foreignRequests.push(ws.url());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400) failedResponses.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  page.on('console', (m) => {
    // Failed loads are in failedResponses (with their path), and while the server is deliberately
    // down they are expected; any other console error is a bug.
    if (m.type() === 'error' && !/Failed to load resource|WebSocket/.test(m.text()))
      pageErrors.push(m.text());
  });
  return { page, context, foreignRequests, pageErrors, failedResponses };
}

/** Opens the server's root (redirected to /console/), logs in and waits until online. */
export async function logIn(cp: ConsolePage, baseUrl: string, user: TestUser): Promise<void> {
  await cp.page.goto(`${baseUrl}/`);
  await submitLogin(cp, user);
}

/** Fills and submits the login form already on the page, and waits until online. */
export async function submitLogin(cp: ConsolePage, user: TestUser): Promise<void> {
  const { page } = cp;
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid="connection-status"]', { hasText: 'online' }).waitFor();
}

export const marker = (page: Page, userId: string) =>
  page.locator(`[data-testid="guard-marker"][data-user-id="${userId}"]`);
export const panicCard = (page: Page, panicId: string) =>
  page.locator(`[data-testid="panic-card"][data-panic-id="${panicId}"]`);
