import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PatrolRunEnding, PatrolRunStatus } from '../domain/patrol-run.js';

/** One walk of a route by one guard. Route settings are copied at start, so later edits don't move it. */
@Entity('patrol_runs')
export class PatrolRunEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'route_id', type: 'uuid' }) routeId: string;
  @Column({ name: 'site_id', type: 'uuid' }) siteId: string;
  @Column({ name: 'guard_id', type: 'uuid' }) guardId: string;
  /**
   * The shift the run was started in: the run ends when it does. Null for a run from before the
   * column, from a node on older code, or whose shift was deleted (see PatrolRunEnder).
   */
  @Column({ name: 'shift_id', type: 'uuid', nullable: true }) shiftId: string | null;
  @Column({ type: 'text' }) status: PatrolRunStatus;
  @Column({ name: 'checkpoint_ids', type: 'uuid', array: true }) checkpointIds: string[];
  /** Route checkpoints counted as visited (VALID or OUT_OF_ORDER), in scan order. */
  @Column({ name: 'scanned_ids', type: 'uuid', array: true, default: () => "'{}'" }) scannedIds: string[];
  @Column({ name: 'expected_duration_minutes', type: 'integer' }) expectedDurationMinutes: number;
  @Column({ name: 'max_gap_minutes', type: 'integer' }) maxGapMinutes: number;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt: Date;
  /** Device time of the latest counted scan (the start before any): the gap is measured from here. */
  @Column({ name: 'last_progress_at', type: 'timestamptz' }) lastProgressAt: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: 'skipped_ids', type: 'uuid', array: true, nullable: true }) skippedIds: string[] | null;
  /** lastProgressAt of the gap a CHECKPOINT_MISSED was raised for (null: none outstanding). */
  @Column({ name: 'gap_alert_base', type: 'timestamptz', nullable: true }) gapAlertBase: Date | null;
  @Column({ name: 'gap_alert_missed', type: 'uuid', array: true, nullable: true })
  gapAlertMissed: string[] | null;
  /** Who ended the run (null while in progress). */
  @Column({ name: 'ended_by', type: 'text', nullable: true }) endedBy: PatrolRunEnding | null;
  @Column({ name: 'overdue_alerted_at', type: 'timestamptz', nullable: true }) overdueAlertedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
