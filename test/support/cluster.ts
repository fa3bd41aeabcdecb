import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { DbFixtures } from './db-fixtures.js';
import { retryUntil } from './retry.js';
import { connect, type TestSocket } from './sockets.js';
import { freshDatabase, TEST_JWT_SECRET } from './test-app.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** True when Redis answers; with REQUIRE_REDIS=1 a missing Redis is an error, not a skip. */
export async function redisAvailable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    if (process.env.REQUIRE_REDIS === '1')
      throw new Error(`REQUIRE_REDIS=1 but Redis at ${REDIS_URL} is not reachable`);
    return false;
  } finally {
    client.disconnect();
  }
}

export interface ApiNode {
  url: string;
  port: number;
  process: ChildProcess;
  logs: string[];
  /** Stops the node: SIGTERM (graceful) or SIGKILL (crash). Resolves when the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** A unique Redis prefix per test file, so concurrent suites never hear each other. */
export const redisPrefix = (): string => `pstest-${randomBytes(4).toString('hex')}`;

/** Starts a real api node process (the built dist/) and resolves when it logs `ready`. */
export function startNode(env: Record<string, string>): Promise<ApiNode> {
  const main = resolve(import.meta.dirname ?? '.', '../../dist/apps/api/src/main.js');
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      JWT_SECRET: TEST_JWT_SECRET,
      DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      REDIS_URL,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  return new Promise((resolveNode, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`node did not start:\n${logs.slice(-20).join('\n')}`)),
      30_000,
    );
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        logs.push(line);
        if (line.includes('"msg":"ready"')) {
          clearTimeout(timer);
          const port = (JSON.parse(line) as { port: number }).port;
          resolveNode({
            url: `http://127.0.0.1:${port}`,
            port,
            process: child,
            logs,
            stop: (signal = 'SIGTERM') =>
              new Promise((done) => {
                if (child.exitCode !== null || child.signalCode !== null) return done();
                child.once('exit', () => done());
                child.kill(signal);
              }),
          });
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node exited with ${code}:\n${logs.slice(-20).join('\n')}`));
    });
  });
}

/** A private redis-server on a free port (for outage tests that must not disturb other suites). */
export async function startPrivateRedis(
  port?: number,
): Promise<{ url: string; port: number; pid: number; stop(): Promise<void> }> {
  const { createServer } = await import('node:net');
  const chosen =
    port ??
    (await new Promise<number>((res) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => res(p));
      });
    }));
  const child = spawn(
    'redis-server',
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => rej(new Error('redis-server did not start')), 10_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        res();
      }
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      rej(e);
    });
  });
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    pid: child.pid!, // to SIGSTOP it: a hung Redis, not a dead one
    stop: () =>
      new Promise((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGKILL');
      }),
  };
}

/** Retries until every node's `/health/ready` answers `status` (503 while its Redis is down). */
export function readinessIs(nodes: ApiNode[], status: number): Promise<number[]> {
  return retryUntil(
    () => Promise.all(nodes.map((n) => fetch(`${n.url}/health/ready`).then((r) => r.status))),
    (codes) => codes.every((c) => c === status),
  );
}

export type PrivateRedis = Awaited<ReturnType<typeof startPrivateRedis>>;

export interface TwoNodes {
  a: ApiNode;
  b: ApiNode;
  db: DbFixtures;
  /** The suite's own redis-server (with `privateRedis`), to kill and restart; stopped after the suite. */
  redis: PrivateRedis;
  /** Connects a socket to a node; closed after the suite. */
  open(node: ApiNode, token: string): Promise<TestSocket>;
}

/**
 * Registers beforeAll/afterAll that start two real api nodes on a fresh database and one Redis
 * (a private key prefix per suite; with `privateRedis`, a redis-server of the suite's own), with
 * fixtures and socket bookkeeping.
 */
export function useTwoNodes(env: Record<string, string> = {}, { privateRedis = false } = {}): TwoNodes {
  const sockets: TestSocket[] = [];
  const nodes = {} as TwoNodes;
  nodes.open = async (node, token) => {
    const s = await connect(node.url, { token });
    sockets.push(s);
    return s;
  };
  beforeAll(async () => {
    const databaseUrl = await freshDatabase();
    if (privateRedis) nodes.redis = await startPrivateRedis();
    const all = {
      DATABASE_URL: databaseUrl,
      REDIS_PREFIX: redisPrefix(),
      ...(privateRedis && { REDIS_URL: nodes.redis.url }),
      ...env,
    };
    [nodes.a, nodes.b] = await Promise.all([startNode(all), startNode(all)]);
    nodes.db = new DbFixtures(databaseUrl);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await Promise.all([nodes.a?.stop(), nodes.b?.stop()]);
    await nodes.redis?.stop();
    await nodes.db?.close();
  });
  return nodes;
}
