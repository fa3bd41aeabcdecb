import { AppConfig } from '#core';
import { resolveCommandPolicy } from '#realtime';
import { TrackingGateway } from './tracking.gateway.js';

describe('update_location declares its socket policy', () => {
  it('waits in the bulk lane, and only its refusals are audited', () => {
    expect(TrackingGateway).toBeDefined();
    expect(resolveCommandPolicy('update_location', new AppConfig())).toEqual({
      lane: 'bulk',
      exempt: false,
      budget: null,
      auditSuccess: false,
      auditErrors: true,
    });
  });
});
