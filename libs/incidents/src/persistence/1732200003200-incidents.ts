import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Incidents and their history of changes (who, what, when). */
export class Incidents1732200003200 implements MigrationInterface {
  name = 'Incidents1732200003200';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE incidents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      site_id uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      type text NOT NULL CHECK (type IN
        ('INTRUSION','THEFT','VANDALISM','FIRE','MEDICAL','SAFETY','SUSPICIOUS_ACTIVITY','OTHER')),
      priority text NOT NULL CHECK (priority IN ('LOW','MEDIUM','HIGH','CRITICAL')),
      status text NOT NULL CHECK (status IN ('OPEN','ASSIGNED','IN_PROGRESS','RESOLVED','CLOSED')),
      title text NOT NULL,
      description text,
      location jsonb,
      reporter_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
      resolution text,
      occurred_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      resolved_by uuid REFERENCES users(id) ON DELETE SET NULL,
      closed_at timestamptz,
      closed_by uuid REFERENCES users(id) ON DELETE SET NULL)`);
    await q.query(`CREATE INDEX incidents_site_idx ON incidents (site_id, occurred_at DESC)`);
    await q.query(`CREATE INDEX incidents_status_idx ON incidents (status, occurred_at DESC)`);
    await q.query(`CREATE INDEX incidents_assignee_idx ON incidents (assignee_id)`);
    await q.query(`CREATE TABLE incident_history (
      id bigserial PRIMARY KEY,
      incident_id uuid NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      actor_name text NOT NULL,
      action text NOT NULL,
      changes jsonb NOT NULL DEFAULT '{}',
      note text)`);
    await q.query(`CREATE INDEX incident_history_incident_idx ON incident_history (incident_id, id)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE incident_history');
    await q.query('DROP TABLE incidents');
  }
}
