/**
 * The audit rows waiting to be written, bounded: while the database is down rows wait here, and
 * past `capacity` the oldest are dropped (and counted) so memory stays bounded whatever the outage
 * lasts. Never throws.
 */
export class AuditBuffer<T> {
  private rows: T[] = [];
  /** Rows dropped since the process started (the oldest, on overflow). */
  dropped = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.rows.length;
  }

  /** Adds a row; returns how many old rows it pushed out (0 or 1). */
  push(row: T): number {
    this.rows.push(row);
    return this.trim();
  }

  /** Takes up to `max` of the oldest rows, to write them. */
  take(max: number): T[] {
    return this.rows.splice(0, Math.min(max, this.rows.length));
  }

  /**
   * Puts rows that could not be written back in front, in their order (they are older than any
   * row recorded meanwhile); returns how many rows were dropped to stay within capacity.
   */
  putBack(rows: T[]): number {
    this.rows = rows.concat(this.rows);
    return this.trim();
  }

  private trim(): number {
    const over = this.rows.length - this.capacity;
    if (over <= 0) return 0;
    this.rows.splice(0, over);
    this.dropped += over;
    return over;
  }
}
