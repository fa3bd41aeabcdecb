import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { ConcurrencyGate } from '../rate-limit/concurrency-gate.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';

/**
 * Password hashing for requests, behind a bounded gate: each argon2 check takes 64 MiB and tens of
 * milliseconds of a core, so a login flood would otherwise queue without bound and starve real
 * logins (21-32 s measured with 64 parallel logins). PASSWORD_HASH_CONCURRENCY run at once,
 * PASSWORD_HASH_QUEUE wait; beyond that the request is answered 503 UNAVAILABLE with Retry-After.
 */
@Injectable()
export class PasswordHasher {
  private readonly gate: ConcurrencyGate;
  constructor(config: AppConfig) {
    this.gate = new ConcurrencyGate(
      config.PASSWORD_HASH_CONCURRENCY,
      config.PASSWORD_HASH_QUEUE,
      'Too many sign-ins in progress, retry shortly',
    );
  }

  hash(plain: string): Promise<string> {
    return this.gate.run(() => hashPassword(plain));
  }

  /** Checks against the stored hash, or against a fixed one when there is none (same timing). */
  verify(hash: string | undefined, plain: string): Promise<boolean> {
    return this.gate.run(async () => verifyPassword(hash ?? (await dummyHash()), plain));
  }
}
