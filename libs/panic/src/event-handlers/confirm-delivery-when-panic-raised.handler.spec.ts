import type { CommandBus } from '@nestjs/cqrs';
import type { AppConfig } from '#core';
import type { Envelope, Publisher } from '#realtime';
import { RecordPanicDeliveryCommand } from '../commands/record-panic-delivery/record-panic-delivery.command.js';
import { PanicRaisedEvent } from '../events/panic-raised.event.js';
import { ConfirmDeliveryWhenPanicRaised } from './confirm-delivery-when-panic-raised.handler.js';

const alert = (stream: string) => ({ id: 'e1', type: 'panic_alert', stream }) as Envelope;

/** The reaction broadcasts with receipts and leaves the writing to a command. */
describe('ConfirmDeliveryWhenPanicRaised', () => {
  const setup = (receipts: Record<string, string[]>) => {
    const sent: RecordPanicDeliveryCommand[] = [];
    const publisher = {
      publishWithReceipts: async (env: Envelope, timeoutMs: number) => {
        expect(timeoutMs).toBe(8000);
        return receipts[env.stream];
      },
    } as unknown as Publisher;
    const commands = {
      execute: async (c: RecordPanicDeliveryCommand) => void sent.push(c),
    } as unknown as CommandBus;
    const handler = new ConfirmDeliveryWhenPanicRaised(
      { PANIC_RECEIPT_TIMEOUT_S: 8 } as AppConfig,
      publisher,
      commands,
    );
    const event = new PanicRaisedEvent('p1', 'g1');
    event.envelopes = [alert('site:a:staff'), alert('site:b:staff')];
    return { handler, event, sent };
  };

  it('records who confirmed on any stream, each user once, through RecordPanicDeliveryCommand', async () => {
    const { handler, event, sent } = setup({ 'site:a:staff': ['u1', 'u2'], 'site:b:staff': ['u2', 'u3'] });
    await handler.handle(event);
    expect(sent).toEqual([new RecordPanicDeliveryCommand('p1', 'g1', ['u1', 'u2', 'u3'])]);
  });

  it('records nothing once the node is shutting down (the receipt backstop takes over)', async () => {
    const { handler, event, sent } = setup({ 'site:a:staff': [], 'site:b:staff': [] });
    handler.onApplicationShutdown();
    await handler.handle(event);
    expect(sent).toEqual([]);
  });
});
