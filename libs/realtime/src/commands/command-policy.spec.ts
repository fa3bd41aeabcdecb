import { SubscribeMessage } from '@nestjs/websockets';
import { AppConfig, CommandTally } from '#core';
import type { AuditService } from '../audit/audit.service.js';
import type { PsSocket } from '../session/socket-session.js';
import {
  CommandPolicy,
  commandPolicyOf,
  DEFAULT_COMMAND_POLICY,
  resolveCommandPolicy,
  type ResolvedCommandPolicy,
} from './command-policy.js';
import { Responder } from './responder.js';

class Gateway {
  @CommandPolicy({ audit: 'never', budget: { limit: 3, windowMs: 1000 } })
  @SubscribeMessage('policy_never')
  never() {}

  @CommandPolicy({ audit: 'errors', lane: 'bulk' })
  @SubscribeMessage('policy_errors')
  errors() {}

  @CommandPolicy({ lane: 'urgent', throttle: 'exempt' })
  @SubscribeMessage('policy_urgent')
  urgent() {}

  @CommandPolicy({ budget: (config) => ({ limit: config.WS_JOIN_SITE_PER_MIN, windowMs: 60_000 }) })
  @SubscribeMessage('policy_configured')
  configured() {}
}

const config = (joinsPerMin: number): AppConfig =>
  Object.assign(new AppConfig(), { WS_JOIN_SITE_PER_MIN: joinsPerMin });

function audited(policy: ResolvedCommandPolicy, outcome: 'ok' | 'fail'): number {
  const rows: unknown[] = [];
  const socket = { id: 's1', data: {}, emit: () => true } as unknown as PsSocket;
  const audit = { record: (row: unknown) => rows.push(row) } as unknown as AuditService;
  const r = new Responder(socket, 'x', {}, () => undefined, audit, new CommandTally('x'), policy);
  if (outcome === 'ok') r.ok({});
  else r.fail(new Error('x'));
  return rows.length;
}

describe('command policies declared on gateway handlers', () => {
  it('are found by event name', () => {
    expect(new Gateway()).toBeDefined();
    expect(commandPolicyOf('policy_never')).toEqual({ audit: 'never', budget: { limit: 3, windowMs: 1000 } });
    expect(commandPolicyOf('not_declared')).toBeUndefined();
  });

  it('resolve to the default for an event that declares none: ordinary lane, socket budget, all audited', () => {
    expect(resolveCommandPolicy('not_declared', config(10))).toBe(DEFAULT_COMMAND_POLICY);
    expect(DEFAULT_COMMAND_POLICY).toEqual({
      lane: 'ordinary',
      exempt: false,
      budget: null,
      auditSuccess: true,
      auditErrors: true,
    });
  });

  it('resolve lane, throttle class and audit policy', () => {
    expect(resolveCommandPolicy('policy_urgent', config(10))).toEqual({
      lane: 'urgent',
      exempt: true,
      budget: null,
      auditSuccess: true,
      auditErrors: true,
    });
    expect(resolveCommandPolicy('policy_errors', config(10))).toMatchObject({
      lane: 'bulk',
      exempt: false,
      auditSuccess: false,
      auditErrors: true,
    });
    expect(resolveCommandPolicy('policy_never', config(10))).toMatchObject({
      budget: { limit: 3, windowMs: 1000 },
      auditSuccess: false,
      auditErrors: false,
    });
  });

  it('read a budget from the settings of the app that resolves it', () => {
    expect(resolveCommandPolicy('policy_configured', config(2)).budget).toEqual({
      limit: 2,
      windowMs: 60_000,
    });
    expect(resolveCommandPolicy('policy_configured', config(7)).budget).toEqual({
      limit: 7,
      windowMs: 60_000,
    });
  });

  it('decide which answers are audited: all by default, errors only, or none', () => {
    const of = (event: string) => resolveCommandPolicy(event, config(10));
    expect([audited(of('not_declared'), 'ok'), audited(of('not_declared'), 'fail')]).toEqual([1, 1]);
    expect([audited(of('policy_errors'), 'ok'), audited(of('policy_errors'), 'fail')]).toEqual([0, 1]);
    expect([audited(of('policy_never'), 'ok'), audited(of('policy_never'), 'fail')]).toEqual([0, 0]);
  });

  it('need the event name below them', () => {
    expect(() => {
      class Wrong {
        @CommandPolicy({ audit: 'never' })
        handler() {}
      }
      return Wrong;
    }).toThrow(/needs @SubscribeMessage/);
  });

  it('refuse a budget on an exempt command', () => {
    expect(() => {
      class Wrong {
        @CommandPolicy({ throttle: 'exempt', budget: { limit: 1, windowMs: 1000 } })
        @SubscribeMessage('policy_contradiction')
        handler() {}
      }
      return Wrong;
    }).toThrow(/exempt command has no budget/);
  });
});
