import { createHmac, timingSafeEqual } from 'node:crypto';
import request from 'supertest';
import type { TestApp, TestUser } from '../support/test-app.js';
import { command, connect, type TestSocket } from '../support/sockets.js';

export const HERE = { lat: 52.52, lng: 13.405, accuracy: 5 };

/** Settings every notification suite runs with: local receivers, fast polling. */
export const NOTIFY_ENV = {
  NOTIFY_ALLOW_PRIVATE_TARGETS: 'true',
  NOTIFY_POLL_MS: '100',
  TIMER_POLL_MS: '100',
  PANIC_RECEIPT_TIMEOUT_S: '1',
};

export const rest = (baseUrl: string, token: string) => ({
  get: (path: string) => request(baseUrl).get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
  post: (path: string, body?: object) =>
    request(baseUrl)
      .post(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body ?? {}),
  patch: (path: string, body?: object) =>
    request(baseUrl)
      .patch(`/api/v1${path}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body ?? {}),
  delete: (path: string) => request(baseUrl).delete(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
});

/** What a receiver does with X-PatrolShield-Signature: HMAC the raw body, compare in constant time. */
export function signatureValid(rawBody: Buffer, header: unknown, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
  const got = Buffer.from(typeof header === 'string' ? header : '');
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/** A guard on shift at the site, connected, at a position. */
export async function guardOnShift(
  t: TestApp,
  guard: TestUser,
  siteId: string,
  at: { lat: number; lng: number } = HERE,
): Promise<TestSocket> {
  const s = await connect(t.baseUrl, { token: guard.token });
  const ack = await command(s, 'shift_start', { siteId, location: at });
  if (!ack.ok) throw new Error(`shift_start failed: ${JSON.stringify(ack)}`);
  return s;
}
