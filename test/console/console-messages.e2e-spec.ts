import type { Browser } from 'playwright-core';
import { command, connect, waitFor, type TestSocket } from '../support/sockets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { launchBrowser, logIn, openConsole, type ConsolePage } from './console-browser.js';
import { consoleWorld } from './console-fixtures.js';

/**
 * The console's site conversation against the messaging module (docs/protocol.md section 9): passes
 * once that module is part of the app.
 */
describe('operations console messages (real browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let cp: ConsolePage;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ CONSOLE_TILE_URL: 'none' });
    browser = await launchBrowser();
    cp = await openConsole(browser, t.baseUrl);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await browser?.close();
    await t?.close();
  });

  it('sends a site message from the page that the site guard receives; shows replies, reads, typing and order acknowledgements', async () => {
    const w = await consoleWorld(t);
    const guard = await connect(t.baseUrl, { token: w.guardA.token });
    sockets.push(guard);
    await logIn(cp, t.baseUrl, w.supervisor);

    const text = 'Gate 3 is closed, use gate 4';
    await cp.page.getByTestId('message-input').fill(text);
    await cp.page.getByTestId('message-send').click();
    const created = await waitFor(guard, 'message_created', (e) => e.data.message.text === text);
    expect(created.data.message).toMatchObject({
      kind: 'site',
      siteId: w.siteA,
      sender: { id: w.supervisor.id },
    });
    await cp.page.getByTestId('message-item').filter({ hasText: text }).waitFor();
    expect(await cp.page.getByTestId('message-input').inputValue()).toBe('');

    const reply = await command(guard, 'message_send', { siteId: w.siteA, text: 'Understood' });
    expect(reply.ok).toBe(true);
    await cp.page.getByTestId('message-item').filter({ hasText: 'Understood' }).waitFor();
    // The guard reads and types: the page shows both.
    const conversationId = created.data.message.conversationId as string;
    expect(
      await command(guard, 'message_read', { conversationId, upToMessageId: created.data.message.id }),
    ).toMatchObject({ ok: true });
    await cp.page.getByText('Your last message was seen by Alice Guard').waitFor();
    expect(await command(guard, 'typing', { conversationId, typing: true })).toMatchObject({ ok: true });
    await cp.page.getByTestId('typing').getByText('Alice Guard is typing').waitFor();

    // A dispatch order: who acknowledged it shows on the message.
    await cp.page.getByTestId('message-input').fill('All guards to the main gate');
    await cp.page.getByTestId('message-requires-ack').check();
    await cp.page.getByTestId('message-send').click();
    const order = await waitFor(guard, 'message_created', (e) => e.data.message.requiresAck === true);
    expect(await command(guard, 'message_acknowledge', { messageId: order.data.message.id })).toMatchObject({
      ok: true,
    });
    await cp.page
      .locator(`[data-message-id="${order.data.message.id}"] [data-testid="dispatch-order"]`)
      .getByText('acknowledged by Alice Guard')
      .waitFor();
    expect(cp.foreignRequests).toEqual([]);
    expect(cp.failedResponses).toEqual([]);
    expect(cp.pageErrors).toEqual([]);
  });

  it('shows a direct message as unread, opens it and answers it from the page', async () => {
    const w = await consoleWorld(t);
    cp = await openConsole(browser, t.baseUrl); // a fresh tab: the first one is still logged in
    const guard = await connect(t.baseUrl, { token: w.guardA.token });
    sockets.push(guard);
    await logIn(cp, t.baseUrl, w.supervisor);
    const sent = await command(guard, 'message_send', {
      toUserId: w.supervisor.id,
      text: 'Need a hand at gate 2',
    });
    expect(sent.ok).toBe(true);
    const conversationId = sent.data.message.conversationId as string;
    const chats = cp.page.getByTestId('chat-select');
    await chats.locator('option', { hasText: 'Alice Guard (1 new)' }).waitFor({ state: 'attached' });
    await chats.selectOption(`d:${conversationId}`);
    await cp.page.getByTestId('message-item').filter({ hasText: 'Need a hand at gate 2' }).waitFor();
    await cp.page.getByTestId('message-input').fill('On my way');
    await cp.page.getByTestId('message-send').click();
    const reply = await waitFor(guard, 'message_created', (e) => e.data.message.text === 'On my way');
    expect(reply.data.message).toMatchObject({ kind: 'direct', conversationId });
    await cp.page.getByTestId('message-item').filter({ hasText: 'On my way' }).waitFor();
  });
});
