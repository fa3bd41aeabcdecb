import { SubscribeMessage } from '@nestjs/websockets';
import { CommandTally } from '#core';
import type { AuditService } from '../audit/audit.service.js';
import type { PsSocket } from '../session/socket-session.js';
import { CommandPolicy, commandPolicyOf } from './command-policy.js';
import { Responder } from './responder.js';

class Gateway {
  @CommandPolicy({ audit: 'never', budget: { limit: 3, windowMs: 1000 } })
  @SubscribeMessage('policy_never')
  never() {}

  @CommandPolicy({ audit: 'errors' })
  @SubscribeMessage('policy_errors')
  errors() {}
}

function audited(event: string, outcome: 'ok' | 'fail'): number {
  const rows: unknown[] = [];
  const socket = { id: 's1', data: {}, emit: () => true } as unknown as PsSocket;
  const audit = { record: (row: unknown) => rows.push(row) } as unknown as AuditService;
  const r = new Responder(socket, event, {}, () => undefined, audit, new CommandTally(event));
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
  it('decide which answers are audited: all by default, errors only, or none', () => {
    expect([audited('not_declared', 'ok'), audited('not_declared', 'fail')]).toEqual([1, 1]);
    expect([audited('policy_errors', 'ok'), audited('policy_errors', 'fail')]).toEqual([0, 1]);
    expect([audited('policy_never', 'ok'), audited('policy_never', 'fail')]).toEqual([0, 0]);
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
});
