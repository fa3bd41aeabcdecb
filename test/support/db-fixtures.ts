import { randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { hashPassword, loadConfig, type Role } from '../../libs/core/src/index.js';
import { TEST_JWT_SECRET } from './test-app.js';

const defaults = loadConfig({ JWT_SECRET: TEST_JWT_SECRET });

/**
 * Fixtures written straight to a database that real node processes serve (multi-node suites),
 * and access tokens signed exactly as the product signs them.
 */
export class DbFixtures {
  private readonly pool: pg.Pool;
  private hash?: Promise<string>;
  constructor(databaseUrl: string) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
    // Idle clients see the server shut down at the end of the run; that is not a test failure.
    this.pool.on('error', () => undefined);
  }

  query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.pool.query(sql, params).then((r) => r.rows as T[]);
  }

  async site(name = 'Site'): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO sites (name, timezone, geofence) VALUES ($1, 'UTC', $2) RETURNING id`,
      [name, JSON.stringify({ center: { lat: 52.52, lng: 13.405 }, radiusM: 500 })],
    );
    return row.id;
  }

  async user(
    role: Role,
    siteIds: string[] = [],
  ): Promise<{ id: string; role: Role; token: string; email: string }> {
    this.hash ??= hashPassword('test-password-1');
    const email = `${role}-${randomBytes(4).toString('hex')}@test.local`;
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
      [email, `${role} ${email.slice(0, 12)}`, role, await this.hash],
    );
    for (const siteId of siteIds)
      await this.query('INSERT INTO site_assignments (user_id, site_id) VALUES ($1, $2)', [row.id, siteId]);
    return { id: row.id, role, email, token: this.token(row.id, role) };
  }

  token(userId: string, role: Role, ttlS = 900): string {
    return jwt.sign({ role, type: 'access' }, TEST_JWT_SECRET, {
      algorithm: 'HS256',
      subject: userId,
      jwtid: randomUUID(),
      expiresIn: ttlS,
      issuer: defaults.JWT_ISSUER,
      audience: defaults.JWT_AUDIENCE,
    });
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
