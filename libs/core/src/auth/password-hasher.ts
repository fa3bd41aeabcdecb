import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import { ConcurrencyGate } from '../rate-limit/concurrency-gate.js';
import { dummyHash, hashPassword, verifyPassword } from './password.js';

/** Checks from one client address running or waiting at once: one address cannot fill the queue. */
export const HASHES_PER_ADDRESS = 2;

/**
 * Password hashing for requests, behind a bounded gate: each argon2 check takes 64 MiB and tens of
 * milliseconds of a core, so a login flood would otherwise queue without bound and starve real
 * logins (21-32 s measured with 64 parallel logins). PASSWORD_HASH_CONCURRENCY run at once,
 * PASSWORD_HASH_QUEUE wait, none longer than PASSWORD_HASH_MAX_WAIT_MS (the queue bound alone let
 * answers take 8.8 s on a busy host), at most HASHES_PER_ADDRESS of one address; beyond that the
 * answer is 503 UNAVAILABLE with Retry-After.
 */
@Injectable()
export class PasswordHasher {
  private readonly gate: ConcurrencyGate;
  private readonly perAddress = new Map<string, number>();
  constructor(config: AppConfig) {
    this.gate = new ConcurrencyGate(
      {
        concurrency: config.PASSWORD_HASH_CONCURRENCY,
        queue: config.PASSWORD_HASH_QUEUE,
        maxWaitMs: config.PASSWORD_HASH_MAX_WAIT_MS,
      },
      'Too many sign-ins in progress, retry shortly',
    );
  }

  hash(plain: string): Promise<string> {
    return this.gate.run(() => hashPassword(plain));
  }

  /**
   * Checks against the stored hash, or against a fixed one when there is none (same timing).
   * `address` (a login's client address) shares the gate fairly between addresses.
   */
  async verify(hash: string | undefined, plain: string, address?: string): Promise<boolean> {
    const check = () => this.gate.run(async () => verifyPassword(hash ?? (await dummyHash()), plain));
    if (address === undefined) return check();
    const inFlight = this.perAddress.get(address) ?? 0;
    if (inFlight >= HASHES_PER_ADDRESS)
      throw new AppError(
        ErrorCode.UNAVAILABLE,
        'Too many sign-ins in progress from this address, retry shortly',
        { retryAfterMs: 1000 },
        true,
      );
    this.perAddress.set(address, inFlight + 1);
    try {
      return await check();
    } finally {
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    }
  }
}
