import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * update_location idempotency across restarts and nodes (docs/protocol.md section 3): the fix's
 * clientEventId is stored with it, and a retry of a stored fix is not stored again.
 */
export class LocationClientEventId1732300000000 implements MigrationInterface {
  name = 'LocationClientEventId1732300000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE location_history ADD COLUMN client_event_id uuid');
    await q.query(`CREATE UNIQUE INDEX location_history_client_event_idx
      ON location_history (guard_id, client_event_id) WHERE client_event_id IS NOT NULL`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX location_history_client_event_idx');
    await q.query('ALTER TABLE location_history DROP COLUMN client_event_id');
  }
}
