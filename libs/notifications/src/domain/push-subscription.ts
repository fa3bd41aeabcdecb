/** A browser PushSubscription (`subscription.toJSON()`): what Web Push needs of it, checked purely. */
export interface PushSubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

const B64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const KNOWN = new Set(['endpoint', 'expirationTime', 'keys']);

/** Why a value is not a usable push subscription, or null. */
export function pushSubscriptionProblem(v: unknown): string | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'subscription must be an object';
  const s = v as Record<string, unknown>;
  const unknown = Object.keys(s).find((k) => !KNOWN.has(k));
  if (unknown) return `subscription.${unknown} is not allowed`;
  if (typeof s.endpoint !== 'string' || s.endpoint.length > 2000 || !/^https?:\/\//.test(s.endpoint))
    return 'subscription.endpoint must be an http(s) URL';
  const keys = s.keys as Record<string, unknown> | undefined;
  if (!keys || typeof keys !== 'object') return 'subscription.keys must hold p256dh and auth';
  const { p256dh, auth } = keys;
  // p256dh: an uncompressed P-256 point (65 bytes, 87 base64url chars); auth: 16 bytes (22 chars).
  if (typeof p256dh !== 'string' || !B64URL.test(p256dh) || p256dh.replace(/=+$/, '').length !== 87)
    return 'subscription.keys.p256dh must be a base64url P-256 public key';
  if (typeof auth !== 'string' || !B64URL.test(auth) || auth.replace(/=+$/, '').length !== 22)
    return 'subscription.keys.auth must be a base64url 16-byte secret';
  return null;
}
