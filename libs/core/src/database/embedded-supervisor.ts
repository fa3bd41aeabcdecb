import type { Logger } from 'pino';
import type { EmbeddedDatabase } from './embedded-postgres.js';

/** The window over which restarts are counted against EMBEDDED_PG_MAX_RESTARTS. */
export const RESTART_WINDOW_MS = 10 * 60_000;

export interface SupervisorOptions {
  /** Restarts allowed within RESTART_WINDOW_MS (EMBEDDED_PG_MAX_RESTARTS); 0: exit at once. */
  maxRestarts: number;
  log: Logger;
  /** Ends the process (main: process.exit) so a process manager restarts the whole server. */
  exit: (code: number) => void;
  /** Pause before the n-th attempt (1-based): the dead postmaster's backends must exit first. */
  backoffMs?: (attempt: number) => number;
}

const defaultBackoff = (attempt: number) => Math.min(250 * 2 ** (attempt - 1), 4000);

/**
 * Keeps the embedded PostgreSQL running: when its postmaster exits without being asked to (killed,
 * crashed), the server starts it again on the same port and socket, and the pool reconnects. The
 * attempts are bounded: past `maxRestarts` attempts within RESTART_WINDOW_MS the server exits with
 * code 1 rather than stay up answering 503 forever.
 */
export function superviseEmbedded(db: EmbeddedDatabase, opts: SupervisorOptions): void {
  const backoff = opts.backoffMs ?? defaultBackoff;
  const attempts: number[] = [];
  const giveUp = (reason: string) => {
    opts.log.fatal({ maxRestarts: opts.maxRestarts }, `embedded PostgreSQL ${reason}; exiting`);
    opts.exit(1);
  };
  const restartLoop = async ({ code, signal }: { code: number | null; signal: string | null }) => {
    opts.log.error({ code, signal }, 'embedded PostgreSQL exited unexpectedly; restarting it');
    for (let attempt = 1; ; attempt++) {
      const now = Date.now();
      while (attempts.length && attempts[0] < now - RESTART_WINDOW_MS) attempts.shift();
      if (attempts.length >= opts.maxRestarts) return giveUp('restarted too often, or could not restart');
      attempts.push(now);
      await new Promise<void>((resolve) => setTimeout(resolve, backoff(attempt)));
      try {
        await db.restart();
        opts.log.warn({ attempt }, 'embedded PostgreSQL restarted');
        return;
      } catch (err) {
        opts.log.error({ err, attempt }, 'embedded PostgreSQL restart failed');
      }
    }
  };
  db.onUnexpectedExit((exit) => void restartLoop(exit));
}
