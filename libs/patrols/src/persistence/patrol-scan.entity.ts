import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LatLng } from '#core';
import type { ScanResult } from '../domain/scan-classification.js';

/** Every scan, whatever its result: device time (recordedAt) beside server receive time. */
@Entity('patrol_scans')
export class PatrolScanEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'run_id', type: 'uuid' }) runId: string;
  @Column({ name: 'checkpoint_id', type: 'uuid', nullable: true }) checkpointId: string | null;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) result: ScanResult;
  @Column({ type: 'jsonb', nullable: true }) location: (LatLng & { accuracy?: number }) | null;
  @Column({ name: 'distance_m', type: 'double precision', nullable: true }) distanceM: number | null;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
}
