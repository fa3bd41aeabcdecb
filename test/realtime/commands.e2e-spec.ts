import { randomUUID } from 'node:crypto';
import type { Role } from '../../libs/core/src/index.js';
import { RetentionService } from '../../libs/realtime/src/maintenance/retention.service.js';
import { ProbeModule, probeEventCount, probesOf } from '../support/probe.module.js';
import {
  command,
  connect,
  flush,
  rawCommand,
  receivedOf,
  type TestSocket,
  waitFor,
} from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp } from '../support/test-app.js';

const staff = (siteId: string) => `site:${siteId}:staff`;

/** Every answer a client can read: no stack, no SQL, no secret from the server side. */
function expectNoServerDetail(answer: unknown): void {
  const text = JSON.stringify(answer);
  for (const leak of [
    'SELECT',
    'no_such_table',
    'hunter2',
    'QueryFailedError',
    '    at ',
    '.ts:',
    'node_modules',
  ])
    expect(text).not.toContain(leak);
}

/**
 * The command path of docs/protocol.md section 3: payload guard, validation details, acks and
 * `exception`, idempotent retries, rate limits, and the site-view commands.
 * Limits are low (5 commands/s, 2 joins/min per user), so every test uses fresh users.
 * Run with the fast path on and off (docs/fast-path.md): the plain Nest path must answer the same.
 */
describe.each(['on', 'off'])('socket commands (FAST_PATH=%s)', (fastPath) => {
  let t: TestApp;
  let siteA: string;
  let siteB: string;
  const open: TestSocket[] = [];

  const fresh = async (role: Role = 'supervisor', siteIds: string[] = [siteA]) => {
    const user = await createUser(t, role, siteIds);
    const s = await connect(t.baseUrl, { token: user.token });
    open.push(s);
    return Object.assign(s, { user });
  };

  beforeAll(async () => {
    t = await startTestApp(
      { FAST_PATH: fastPath, WS_COMMANDS_PER_S: '5', WS_JOIN_SITE_PER_MIN: '2' },
      undefined,
      [ProbeModule],
    );
    siteA = await createSite(t, 'A');
    siteB = await createSite(t, 'B');
  }, 30_000);
  afterAll(async () => {
    for (const s of open) s.close();
    await t.close();
  }, 30_000);

  describe('validation', () => {
    const user = () => `user:${randomUUID()}`;
    it.each([
      ['a wrong type', 'sync', () => ({ cursors: 'abc' }), 'cursors', ['isObject', 'isCursorMap']],
      [
        'a string where a number belongs',
        'sync',
        () => ({ cursors: { [user()]: '3' } }),
        'cursors',
        ['isCursorMap'],
      ],
      ['a negative cursor', 'sync', () => ({ cursors: { [user()]: -1 } }), 'cursors', ['isCursorMap']],
      ['a fractional cursor', 'sync', () => ({ cursors: { [user()]: 1.5 } }), 'cursors', ['isCursorMap']],
      ['a number instead of a token', 'auth_refresh', () => ({ token: 42 }), 'token', ['isString']],
      ['a too short token', 'auth_refresh', () => ({ token: 'abc' }), 'token', ['minLength']],
      ['a bad uuid', 'join_site', () => ({ siteId: 'site-1' }), 'siteId', ['isUuid']],
      [
        'a bad clientEventId',
        'sync',
        () => ({ cursors: {}, clientEventId: '123' }),
        'clientEventId',
        ['isUuid'],
      ],
      ['a missing field', 'join_site', () => ({}), 'siteId', ['isUuid']],
      ['a bad stream name', 'probe_emit', () => ({ streams: ['site:nope'] }), 'streams', ['matches']],
      [
        'an over-long note',
        'probe_emit',
        () => ({ streams: [user()], note: 'n'.repeat(201) }),
        'note',
        ['maxLength'],
      ],
    ])('refuses %s with field details', async (_what, event, payload, field, rules) => {
      const s = await fresh('manager');
      const ack = await rawCommand(s, event, payload());
      expect(ack).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          message: expect.any(String),
          details: expect.any(Array),
          retryable: false,
        },
      });
      const detail = ack.error.details.find((d: any) => d.field === field);
      expect(detail).toBeDefined();
      expect(Object.keys(detail.constraints)).toEqual(expect.arrayContaining(rules));
      for (const message of Object.values(detail.constraints)) expect(typeof message).toBe('string');
      expect(s.socket.connected).toBe(true);
    });

    it('refuses unknown fields, naming each of them', async () => {
      const s = await fresh();
      const ack = await rawCommand(s, 'sync', { cursors: {}, extra: 1, isAdmin: true });
      expect(ack.error.code).toBe('VALIDATION_FAILED');
      expect(ack.error.details.map((d: any) => d.field).sort()).toEqual(['extra', 'isAdmin']);
      for (const d of ack.error.details) expect(Object.keys(d.constraints)).toEqual(['whitelistValidation']);
    });

    it('refuses payloads that are not one object', async () => {
      const s = await fresh();
      const answers = [
        await rawCommand(s, 'sync', 'cursors'),
        await rawCommand(s, 'sync', 7),
        await rawCommand(s, 'sync', [{ cursors: {} }]),
        await rawCommand(s, 'sync', null),
      ];
      const s2 = await fresh();
      answers.push(await (s2.socket.timeout(5000).emitWithAck('sync') as Promise<any>)); // no payload at all
      answers.push(
        await (s2.socket.timeout(5000).emitWithAck('sync', { cursors: {} }, { cursors: {} }) as Promise<any>),
      );
      answers.push(await rawCommand(s2, 'sync', true));
      for (const ack of answers)
        expect(ack).toMatchObject({
          ok: false,
          error: {
            code: 'VALIDATION_FAILED',
            details: [{ field: 'payload', constraints: { isObject: expect.any(String) } }],
          },
        });
    });

    it('refuses oversized payloads with PAYLOAD_TOO_LARGE and keeps the socket', async () => {
      const s = await fresh();
      const big = await rawCommand(s, 'sync', {
        cursors: {},
        pad: 'x'.repeat(15_000),
        more: 'y'.repeat(15_000),
        end: 'z'.repeat(3_000),
      });
      expect(big).toEqual({
        ok: false,
        error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('32 KiB'), retryable: false },
      });
      const longString = await rawCommand(s, 'sync', { cursors: {}, pad: 'x'.repeat(17_000) });
      expect(longString.error.code).toBe('PAYLOAD_TOO_LARGE');
      const manyValues = await rawCommand(s, 'sync', {
        cursors: {},
        list: Array.from({ length: 2500 }, () => 0),
      });
      expect(manyValues.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(s.socket.connected).toBe(true);
      const fine = await command(s, 'sync', { cursors: {} });
      expect(fine.ok).toBe(true);
    });

    it('refuses deep nesting, NUL characters and prototype keys before validation', async () => {
      const s = await fresh();
      const nest = (levels: number) => {
        const root: Record<string, unknown> = {};
        let node = root;
        for (let i = 0; i < levels; i++) node = (node.a = {}) as Record<string, unknown>;
        return root;
      };
      const deep = await rawCommand(s, 'sync', { cursors: nest(9) });
      expect(deep.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [
          { field: expect.stringMatching(/^cursors(\.a)+$/), constraints: { maxDepth: expect.any(String) } },
        ],
      });
      const hostile = await rawCommand(s, 'sync', { cursors: nest(3000) });
      expect(hostile.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(hostile).length).toBeLessThan(1000);

      const nul = await command(s, 'auth_refresh', { token: 'abcdefghijk\u0000lmnop' });
      expect(nul.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'token', constraints: { isWellFormed: expect.any(String) } }],
      });
      const s2 = await fresh();
      const nulKey = await command(s2, 'sync', { cursors: { ['user:\u0000']: 1 } });
      expect(nulKey.error.code).toBe('VALIDATION_FAILED');
      const proto = await command(
        s2,
        'sync',
        JSON.parse('{"cursors":{},"x":{"__proto__":{"role":"admin"}}}'),
      );
      expect(proto.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'x.__proto__' }] });
      const ctor = await rawCommand(s2, 'sync', { cursors: {}, constructor: { name: 'x' } });
      expect(ctor.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'constructor' }] });
      expect(s2.socket.connected).toBe(true);
    });
  });

  describe('answers', () => {
    it('a failing command without an ack is answered with `exception { event, code, message }`', async () => {
      const guard = await fresh('guard');
      guard.socket.emit('probe_emit', { streams: [staff(siteA)] }); // role guard refuses
      expect(await waitFor(guard, 'exception', (e) => e.event === 'probe_emit')).toEqual({
        event: 'probe_emit',
        code: 'FORBIDDEN',
        message: expect.any(String),
      });
      guard.socket.emit('join_site', { siteId: 'nope' }); // validation pipe refuses
      expect(await waitFor(guard, 'exception', (e) => e.event === 'join_site')).toEqual({
        event: 'join_site',
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
      });
      guard.socket.emit('sync', { cursors: {} }); // succeeds: nothing to say
      await flush(guard);
      expect(receivedOf(guard, 'exception')).toHaveLength(2);
    });

    it('a server-side failure is INTERNAL with a generic message: no stack, no SQL', async () => {
      const s = await fresh();
      const id = randomUUID();
      const ack = await command(s, 'probe_fail', { clientEventId: id });
      expect(ack).toEqual({
        ok: false,
        error: { code: 'INTERNAL', message: 'Internal error', retryable: false },
      });
      expectNoServerDetail(ack);
      // The failed attempt stored no idempotency record: the retry runs (and fails) again.
      const retry = await command(s, 'probe_fail', { clientEventId: id });
      expect(retry.error.code).toBe('INTERNAL');
      s.socket.emit('probe_fail', {});
      const exc = await waitFor(s, 'exception');
      expect(exc).toEqual({ event: 'probe_fail', code: 'INTERNAL', message: 'Internal error' });
      expectNoServerDetail(exc);
    });

    it('every refusal keeps the contract shape without server details', async () => {
      const s = await fresh('guard');
      const answers = [
        await command(s, 'probe_emit', { streams: [staff(siteA)] }),
        await command(s, 'join_site', { siteId: siteA }),
        await rawCommand(s, 'no_such_command', {}),
        await rawCommand(s, 'sync', { cursors: 5 }),
      ];
      for (const ack of answers) {
        expect(ack.ok).toBe(false);
        expect(Object.keys(ack.error).sort()).toEqual(
          expect.arrayContaining(['code', 'message', 'retryable']),
        );
        expectNoServerDetail(ack);
      }
    });
  });

  describe('idempotency', () => {
    it('the same clientEventId twice returns the first result and stores one event', async () => {
      const s = await fresh();
      const listener = await fresh();
      const before = await probeEventCount(t);
      const payload = { streams: [staff(siteA)], note: 'once', clientEventId: randomUUID() };
      const first = await command(s, 'probe_emit', payload);
      expect(first.ok).toBe(true);
      expect(first.data.count).toBe(1);
      const second = await command(s, 'probe_emit', payload);
      expect(second).toEqual(first);
      expect(await probeEventCount(t)).toBe(before + 1);
      // The retry broadcast nothing either.
      await flush(listener);
      expect(probesOf(listener.received).filter((e) => e.data.note === 'once')).toHaveLength(1);
    });

    it('concurrent retries of one clientEventId still have one effect', async () => {
      const s = await fresh();
      const before = await probeEventCount(t);
      const payload = { streams: [staff(siteB)], note: 'race', clientEventId: randomUUID() };
      const acks = await Promise.all(Array.from({ length: 5 }, () => command(s, 'probe_emit', payload)));
      for (const ack of acks) expect(ack).toEqual(acks[0]);
      expect(acks[0].ok).toBe(true);
      expect(await probeEventCount(t)).toBe(before + 1);
    });

    it('a clientEventId reused for another command is CONFLICT; another user may use it freely', async () => {
      const s = await fresh();
      const id = randomUUID();
      const first = await command(s, 'probe_emit', { streams: [staff(siteA)], clientEventId: id });
      expect(first.ok).toBe(true);
      const other = await command(s, 'probe_noop', { clientEventId: id });
      expect(other).toEqual({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: expect.stringContaining('probe_emit'),
          details: { field: 'clientEventId' },
          retryable: false,
        },
      });
      expect(await command(s, 'probe_emit', { streams: [staff(siteA)], clientEventId: id })).toEqual(first);
      const someoneElse = await fresh();
      expect(await command(someoneElse, 'probe_noop', { clientEventId: id })).toEqual({
        ok: true,
        data: { done: true },
      });
    });

    it('keeps idempotency records for at least 24 hours, then prunes them', async () => {
      const s = await fresh();
      const recent = { streams: [staff(siteA)], note: 'day-old', clientEventId: randomUUID() };
      const old = { streams: [staff(siteA)], note: 'too old', clientEventId: randomUUID() };
      const first = await command(s, 'probe_emit', recent);
      const firstOld = await command(s, 'probe_emit', old);
      await t.db.query(
        `UPDATE idempotency_keys SET created_at = now() - interval '23 hours' WHERE client_event_id = $1`,
        [recent.clientEventId],
      );
      await t.db.query(
        `UPDATE idempotency_keys SET created_at = now() - interval '26 hours' WHERE client_event_id = $1`,
        [old.clientEventId],
      );
      await t.app.get(RetentionService).prune();
      const before = await probeEventCount(t);
      expect(await command(s, 'probe_emit', recent)).toEqual(first);
      expect(await probeEventCount(t)).toBe(before);
      // Past the promise the key is gone and the command runs again.
      const again = await command(s, 'probe_emit', old);
      expect(again.ok).toBe(true);
      expect(again.data.eventIds).not.toEqual(firstOld.data.eventIds);
    });
  });

  describe('rate limits', () => {
    it('a burst beyond WS_COMMANDS_PER_S is RATE_LIMITED with retryAfterMs, per user', async () => {
      const s = await fresh();
      const bystander = await fresh();
      const acks = await Promise.all(Array.from({ length: 12 }, () => command(s, 'sync', { cursors: {} })));
      const ok = acks.filter((a) => a.ok);
      const limited = acks.filter((a) => !a.ok);
      expect(ok.length).toBeGreaterThanOrEqual(5);
      expect(limited.length).toBeGreaterThanOrEqual(2); // 12 in one burst span at most two 1 s windows
      for (const a of limited) {
        expect(a.error).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
        expect(a.error.details.retryAfterMs).toBeGreaterThan(0);
        expect(a.error.details.retryAfterMs).toBeLessThanOrEqual(1000);
      }
      expect((await command(bystander, 'sync', { cursors: {} })).ok).toBe(true);
    });

    it('unknown events and refused payloads count against the same budget', async () => {
      const s = await fresh();
      const acks = await Promise.all([
        ...Array.from({ length: 6 }, () => rawCommand(s, 'no_such_event', {})),
        ...Array.from({ length: 6 }, () => rawCommand(s, 'sync', 'not an object')),
      ]);
      const codes = acks.map((a) => a.error.code);
      expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(2);
      expect(codes.every((c) => ['RATE_LIMITED', 'UNKNOWN_EVENT', 'VALIDATION_FAILED'].includes(c))).toBe(
        true,
      );
    });

    it('join_site has its own per-minute budget', async () => {
      const s = await fresh('supervisor', [siteA]);
      expect((await command(s, 'join_site', { siteId: siteA })).ok).toBe(true);
      expect((await command(s, 'join_site', { siteId: siteA })).ok).toBe(true);
      const third = await command(s, 'join_site', { siteId: siteA });
      expect(third.error).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
      expect(third.error.details.retryAfterMs).toBeGreaterThan(1000);
      expect(third.error.details.retryAfterMs).toBeLessThanOrEqual(60_000);
      // Other commands are still fine.
      expect((await command(s, 'get_presence', { siteId: siteA })).ok).toBe(true);
    });
  });

  describe('site views', () => {
    it('staff join a site for a snapshot with presence, leave it, and read presence', async () => {
      const sup = await fresh('supervisor', [siteA]);
      const guard = await fresh('guard', [siteA]);
      const emitter = await fresh('admin', []);

      const join = await command(sup, 'join_site', { siteId: siteA });
      expect(join.ok).toBe(true);
      expect(join.data.snapshot.site).toMatchObject({ id: siteA, name: 'A' });
      const presence = join.data.snapshot.presence as any[];
      expect(presence).toEqual(
        expect.arrayContaining([
          { userId: sup.user.id, role: 'supervisor', status: 'online', since: expect.any(String) },
          { userId: guard.user.id, role: 'guard', status: 'online', since: expect.any(String) },
        ]),
      );
      const listed = await command(sup, 'get_presence', { siteId: siteA });
      expect(listed.data.users).toEqual(
        expect.arrayContaining(presence.filter((p) => p.userId === guard.user.id)),
      );

      expect(await command(sup, 'leave_site', { siteId: siteA })).toEqual({ ok: true, data: {} });
      await command(emitter, 'probe_emit', { streams: [staff(siteA)], note: 'while away' });
      // The sync round trip doubles as the flush; missed durable events stay available through it.
      const sync = await command(sup, 'sync', {
        cursors: { [staff(siteA)]: sup.session.streams[staff(siteA)] },
      });
      expect(probesOf(sup.received).map((e) => e.data.note)).not.toContain('while away');
      expect(sync.data.streams[staff(siteA)].events.map((e: any) => e.data.note)).toContain('while away');

      const sup2 = await fresh('supervisor', [siteA]);
      expect((await command(sup2, 'join_site', { siteId: siteA })).ok).toBe(true);
      expect((await command(sup2, 'leave_site', { siteId: siteA })).ok).toBe(true);
      expect((await command(sup2, 'join_site', { siteId: siteA })).ok).toBe(true);
      await command(emitter, 'probe_emit', { streams: [staff(siteA)], note: 'back' });
      expect(await waitFor(sup2, 'probe', (e) => e.data.note === 'back')).toMatchObject({
        stream: staff(siteA),
      });
    });

    it('admins may view any site; unknown sites are NOT_FOUND', async () => {
      const admin = await fresh('admin', []);
      const join = await command(admin, 'join_site', { siteId: siteB });
      expect(join.data.snapshot.site.id).toBe(siteB);
      expect((await command(admin, 'get_presence', { siteId: siteB })).ok).toBe(true);
      expect((await command(admin, 'join_site', { siteId: randomUUID() })).error.code).toBe('NOT_FOUND');
    });

    it('guards and staff of other sites are FORBIDDEN', async () => {
      const guard = await fresh('guard', [siteA]);
      const other = await fresh('manager', [siteB]);
      for (const s of [guard, other])
        for (const event of ['join_site', 'leave_site', 'get_presence'] as const) {
          const ack = await command(s, event, { siteId: siteA });
          expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', retryable: false } });
        }
      await flush(guard);
      expect(probesOf(guard.received)).toEqual([]);
    });
  });

  describe('across a restart', () => {
    it('a retry after a server restart still returns the first result with no second effect', async () => {
      const s = await fresh();
      const payload = { streams: [staff(siteB)], note: 'survives', clientEventId: randomUUID() };
      const first = await command(s, 'probe_emit', payload);
      expect(first.ok).toBe(true);
      const before = await probeEventCount(t);
      t = await t.restart();
      const again = await connect(t.baseUrl, { token: s.user.token });
      open.push(again);
      expect(await command(again, 'probe_emit', payload)).toEqual(first);
      expect(await probeEventCount(t)).toBe(before);
    }, 30_000);
  });
});
