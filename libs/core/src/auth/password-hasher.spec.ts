import { loadConfig } from '../config/app-config.js';
import { hashPassword } from './password.js';
import { PasswordHasher } from './password-hasher.js';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_CONCURRENCY: '4' }));
  let stored: string;
  beforeAll(async () => {
    stored = await hashPassword('right-password');
  });

  it('checks passwords through the gate', async () => {
    await expect(hasher.verify(stored, 'right-password')).resolves.toBe(true);
    await expect(hasher.verify(stored, 'wrong-password')).resolves.toBe(false);
    await expect(hasher.verify(undefined, 'anything')).resolves.toBe(false);
  });

  it('lets one address hold at most two checks at once; other addresses are not affected', async () => {
    const same = [1, 2, 3].map(() => hasher.verify(stored, 'wrong', '203.0.113.7'));
    const other = hasher.verify(stored, 'right-password', '198.51.100.9');
    const results = await Promise.allSettled([...same, other]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({
      code: 'UNAVAILABLE',
      retryable: true,
    });
    expect((results[3] as PromiseFulfilledResult<boolean>).value).toBe(true);
    // the address's share is free again once its checks end
    await expect(hasher.verify(stored, 'right-password', '203.0.113.7')).resolves.toBe(true);
  });
});
