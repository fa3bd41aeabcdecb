import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PatrolRunEnding, PatrolRunStatus } from '../domain/patrol-run.js';
import { PATROL_RUN_COLUMNS as C } from './patrol-run.columns.js';

/** One walk of a route by one guard. Route settings are copied at start, so later edits don't move it. */
@Entity('patrol_runs')
export class PatrolRunEntity {
  @PrimaryGeneratedColumn('uuid', { name: C.id }) id: string;
  @Column({ name: C.routeId, type: 'uuid' }) routeId: string;
  @Column({ name: C.siteId, type: 'uuid' }) siteId: string;
  @Column({ name: C.guardId, type: 'uuid' }) guardId: string;
  /**
   * The shift the run was started in: the run ends when it does. Null for a run from before the
   * column, from a node on older code, or whose shift was deleted (see PatrolRunEnder).
   */
  @Column({ name: C.shiftId, type: 'uuid', nullable: true }) shiftId: string | null;
  @Column({ name: C.status, type: 'text' }) status: PatrolRunStatus;
  @Column({ name: C.checkpointIds, type: 'uuid', array: true }) checkpointIds: string[];
  /** Route checkpoints counted as visited (VALID or OUT_OF_ORDER), in scan order. */
  @Column({ name: C.scannedIds, type: 'uuid', array: true, default: () => "'{}'" }) scannedIds: string[];
  @Column({ name: C.expectedDurationMinutes, type: 'integer' }) expectedDurationMinutes: number;
  @Column({ name: C.maxGapMinutes, type: 'integer' }) maxGapMinutes: number;
  @Column({ name: C.startedAt, type: 'timestamptz' }) startedAt: Date;
  /** Device time of the latest counted scan (the start before any): the gap is measured from here. */
  @Column({ name: C.lastProgressAt, type: 'timestamptz' }) lastProgressAt: Date;
  @Column({ name: C.completedAt, type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ name: C.skippedIds, type: 'uuid', array: true, nullable: true }) skippedIds: string[] | null;
  /** lastProgressAt of the gap a CHECKPOINT_MISSED was raised for (null: none outstanding). */
  @Column({ name: C.gapAlertBase, type: 'timestamptz', nullable: true }) gapAlertBase: Date | null;
  @Column({ name: C.gapAlertMissed, type: 'uuid', array: true, nullable: true })
  gapAlertMissed: string[] | null;
  /** Who ended the run (null while in progress). */
  @Column({ name: C.endedBy, type: 'text', nullable: true }) endedBy: PatrolRunEnding | null;
  @Column({ name: C.overdueAlertedAt, type: 'timestamptz', nullable: true }) overdueAlertedAt: Date | null;
  @CreateDateColumn({ name: C.createdAt, type: 'timestamptz' }) createdAt: Date;
}
