import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The payload columns: no query filters, joins or sorts on them. */
const UNFILTERED = ['data', 'actor', 'occurred_at'];

/**
 * No planner statistics for the event log's payload columns: no query filters, joins or sorts on
 * them, and computing them was most of an ANALYZE of stream_events (0.3 s of CPU on a 150,000-row
 * table shaped like the log, 0.12 s without them). Autovacuum analyses the log every minute while
 * it grows; on a host the database shares with the server, that burst held a core.
 */
export class EventLogStatistics1733500000000 implements MigrationInterface {
  name = 'EventLogStatistics1733500000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE stream_events ${UNFILTERED.map((c) => `ALTER COLUMN ${c} SET STATISTICS 0`).join(', ')}`,
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE stream_events ${UNFILTERED.map((c) => `ALTER COLUMN ${c} SET STATISTICS -1`).join(', ')}`,
    );
  }
}
