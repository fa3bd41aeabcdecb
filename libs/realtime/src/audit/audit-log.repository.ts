import { deleteInBatches } from '#core';
import type { DataSource } from 'typeorm';
import type { AuditRow } from './audit.service.js';

/** Every SQL statement of the audit log. */
export class AuditLogRepository {
  constructor(private readonly db: DataSource) {}

  /** One multi-row INSERT (callers keep batches small: 9 parameters a row). */
  async insert(rows: AuditRow[]): Promise<void> {
    const params: unknown[] = [];
    const tuples = rows.map((r) => {
      const values = [
        r.at,
        r.userId ?? null,
        r.socketId ?? null,
        r.remote ?? null,
        r.event,
        r.result,
        r.code ?? null,
        r.payload === undefined ? null : JSON.stringify(r.payload),
        r.details === undefined ? null : JSON.stringify(r.details),
      ];
      const base = params.length;
      params.push(...values);
      return `(${values.map((_, i) => `$${base + i + 1}`).join(', ')})`;
    });
    await this.db.query(
      `INSERT INTO audit_log (at, user_id, socket_id, remote, event, result, code, payload, details) VALUES ${tuples.join(', ')}`,
      params,
    );
  }

  /** Removes rows older than `cutoff`, 5,000 a statement, so no one statement runs long. */
  pruneOlderThan(cutoff: Date): Promise<number> {
    return deleteInBatches(this.db, 'audit_log', 'at < $1', [cutoff]);
  }
}
