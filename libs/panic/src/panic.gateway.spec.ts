import { AppConfig } from '#core';
import { resolveCommandPolicy } from '#realtime';
import { PanicGateway } from './panic.gateway.js';

describe('the panic commands declare their socket policy', () => {
  const config = new AppConfig();
  it('panic_alert is urgent and never rate limited', () => {
    expect(PanicGateway).toBeDefined();
    expect(resolveCommandPolicy('panic_alert', config)).toMatchObject({
      lane: 'urgent',
      exempt: true,
      budget: null,
    });
  });
  it("acknowledging and resolving a panic never wait behind a socket's bulk commands", () => {
    for (const event of ['panic_acknowledge', 'panic_resolve'])
      expect(resolveCommandPolicy(event, config)).toMatchObject({
        lane: 'urgent',
        exempt: false,
        auditSuccess: true,
      });
  });
});
