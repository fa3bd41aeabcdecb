import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A database owned by a non-superuser role of the suite's own, on the e2e PostgreSQL, that the
 * suite can make refuse (the role's CONNECTION LIMIT, SQLSTATE 53300) or hang (its backends
 * stopped with SIGSTOP) without touching any other database or the machine's own PostgreSQL.
 */
export interface RefusableDatabase {
  url: string;
  role: string;
  /** CONNECTION LIMIT 0, and the role's backends terminated: every new connection gets 53300. */
  refuse(): Promise<void>;
  allow(): Promise<void>;
  /** Process ids of the role's backends (pg_stat_activity). */
  backendPids(): Promise<number[]>;
  /**
   * SIGSTOPs the role's backends (call it again to catch backends opened since); `resume` (always
   * call it, in a finally) SIGCONTs every one stopped.
   */
  hang(): Promise<number[]>;
  resume(): void;
  drop(): Promise<void>;
}

export async function refusableDatabase(): Promise<RefusableDatabase> {
  const adminUrl = process.env.PS_TEST_ADMIN_URL;
  if (!adminUrl) throw new Error('PS_TEST_ADMIN_URL missing: run e2e suites through jest (global setup)');
  const admin = new pg.Client({ connectionString: adminUrl });
  admin.on('error', () => undefined);
  await admin.connect();
  const role = `ps_refuse_${randomBytes(5).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' NOSUPERUSER`);
  await admin.query(`CREATE DATABASE ${role} OWNER ${role}`);
  const url = new URL(adminUrl);
  url.username = role;
  url.password = password;
  url.pathname = `/${role}`;
  const stopped = new Set<number>();
  const backendPids = async () =>
    (
      await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE usename = $1', [role])
    ).rows.map((r) => r.pid);
  const signal = (pids: number[], sig: NodeJS.Signals) =>
    pids.forEach((pid) => {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    });
  return {
    url: url.toString(),
    role,
    async refuse() {
      await admin.query(`ALTER ROLE ${role} CONNECTION LIMIT 0`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [role]);
    },
    async allow() {
      await admin.query(`ALTER ROLE ${role} CONNECTION LIMIT -1`);
    },
    backendPids,
    async hang() {
      const pids = await backendPids();
      pids.forEach((pid) => stopped.add(pid));
      signal(pids, 'SIGSTOP');
      return pids;
    },
    resume() {
      signal([...stopped], 'SIGCONT');
      stopped.clear();
    },
    async drop() {
      signal([...stopped], 'SIGCONT');
      await admin.query(`DROP DATABASE IF EXISTS ${role} WITH (FORCE)`).catch(() => undefined);
      await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      await admin.end();
    },
  };
}
