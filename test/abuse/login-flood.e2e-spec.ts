import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createUser, startTestApp, type TestApp } from '../support/test-app.js';

const randomEmail = () => `nobody-${randomBytes(4).toString('hex')}@flood.local`;
/** A login from a given client address (the test talks through loopback, a trusted proxy). */
const loginFrom = (t: TestApp, address: string, email: string, password = 'whatever-1') =>
  request(t.baseUrl).post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ email, password });

/** Issue 23: a login flood is cut per address and cannot queue unbounded password hashes. */
describe('abuse: login floods', () => {
  describe('per address', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ LOGIN_ATTEMPTS_PER_ADDRESS_PER_15_MIN: '20' });
    });
    afterAll(() => t.close());

    it('64 parallel logins with random emails from one address: beyond the limit 429 with Retry-After', async () => {
      const user = await createUser(t, 'guard');
      const flood = Promise.all(Array.from({ length: 64 }, () => loginFrom(t, '203.0.113.7', randomEmail())));
      // a real user elsewhere, during the flood: one address holds at most 2 password checks
      const real = loginFrom(t, '198.51.100.9', user.email, user.password);
      const answers = await flood;
      expect((await real).status).toBe(200);
      const statuses = answers.map((a) => a.status);
      const limited = answers.filter((a) => a.status === 429);
      expect(limited).toHaveLength(44);
      // the 20 let through were checked (401), or found their address's share of the hash gate full (503)
      expect(statuses.filter((s) => s !== 429).every((s) => s === 401 || s === 503)).toBe(true);
      for (const a of limited) {
        expect(a.body).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterMs: expect.any(Number) } });
        expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
      }
    });
  });

  describe('password hash cap', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE: '2' });
    });
    afterAll(() => t.close());

    it('a flood from many addresses is answered at once beyond the queue (503, Retry-After), never starved', async () => {
      const user = await createUser(t, 'guard');
      const flood = Array.from({ length: 24 }, (_, i) => loginFrom(t, `192.0.2.${i + 1}`, randomEmail()));
      const answers = await Promise.all(flood);
      const statuses = answers.map((a) => a.status);
      expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
      const busy = answers.filter((a) => a.status === 503);
      expect(busy.length).toBeGreaterThan(0);
      for (const a of busy) {
        expect(a.body).toMatchObject({ code: 'UNAVAILABLE' });
        expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
      }
      // at most concurrency + queue hashes were waited for; the rest never started one
      expect(statuses.filter((s) => s === 401).length).toBeLessThan(24);
      // answer times are bounded by construction (PASSWORD_HASH_MAX_WAIT_MS, concurrency-gate.spec.ts),
      // not timed here: the answers above came, and a real login right after the flood goes through
      await loginFrom(t, '198.51.100.10', user.email, user.password).expect(200);
    });
  });
});
