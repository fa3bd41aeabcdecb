import { AppConfig } from '#core';
import { resolveCommandPolicy } from '../commands/command-policy.js';
import { SessionGateway } from './session.gateway.js';

describe('join_site declares its socket policy', () => {
  it('has a budget per user per minute of WS_JOIN_SITE_PER_MIN, read from the app settings', () => {
    expect(SessionGateway).toBeDefined();
    const config = Object.assign(new AppConfig(), { WS_JOIN_SITE_PER_MIN: 3 });
    expect(resolveCommandPolicy('join_site', config)).toMatchObject({
      lane: 'ordinary',
      exempt: false,
      budget: { limit: 3, windowMs: 60_000 },
    });
  });
});
